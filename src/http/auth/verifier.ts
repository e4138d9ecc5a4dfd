import { createRemoteJWKSet, importSPKI, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { ActorType } from '../../db/schema.js';
import { Problem } from '../problem.js';
import { SCOPES, type Scope } from './scopes.js';

export interface Principal {
  actor: { type: Exclude<ActorType, 'system'>; id: string };
  tenantId: string | null;
  scopes: ReadonlySet<Scope>;
}

export interface VerifierOptions {
  secret?: string | undefined;
  publicKeyPem?: string | undefined;
  jwksUrl?: string | undefined;
  algorithms?: string[] | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  tenantClaim: string;
  cacheSize: number;
}

/** A token's principal: at once (no promise) when the token was verified before and is cached. */
export type Verify = (token: string) => Principal | Promise<Principal>;

const CLOCK_TOLERANCE_SECONDS = 30;
const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const bearerChallenge = (error?: string, description?: string, scope?: string) =>
  [
    'Bearer realm="switchboard"',
    error && `error="${error}"`,
    description && `error_description="${description.replace(/"/g, "'")}"`,
    scope && `scope="${scope}"`,
  ]
    .filter(Boolean)
    .join(', ');

export const invalidToken = (description: string) =>
  new Problem(
    'invalid_token',
    description,
    {},
    { 'www-authenticate': bearerChallenge('invalid_token', description) },
  );

type Key = Uint8Array | JWTVerifyGetKey | Awaited<ReturnType<typeof importSPKI>>;

async function keyFor(o: VerifierOptions): Promise<{ key: Key; algorithms: string[] }> {
  if (o.jwksUrl) {
    return {
      key: createRemoteJWKSet(new URL(o.jwksUrl)),
      algorithms: o.algorithms?.length ? o.algorithms : ['RS256', 'ES256'],
    };
  }
  if (o.publicKeyPem) {
    const algorithms = o.algorithms?.length ? o.algorithms : ['RS256'];
    return { key: await importSPKI(o.publicKeyPem, algorithms[0]!), algorithms };
  }
  if (o.secret) {
    return {
      key: new TextEncoder().encode(o.secret),
      algorithms: o.algorithms?.length ? o.algorithms : ['HS256'],
    };
  }
  throw new Error('no JWT key configured');
}

/** Reads the contract's claims off a verified payload: `sub`, the tenant claim, `scope`/`scp`. */
export function principalFrom(payload: JWTPayload, tenantClaim: string): Principal {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0)
    throw invalidToken('the token has no sub claim');
  const raw = payload.scope ?? payload.scp;
  const granted = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(' ') : [];
  const scopes = new Set(granted.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)));
  const tenant = payload[tenantClaim];
  if (tenant !== undefined && (typeof tenant !== 'string' || !TENANT_ID.test(tenant))) {
    throw invalidToken(`the ${tenantClaim} claim is not a valid tenant id`);
  }
  if (tenant === undefined && !scopes.has('admin')) {
    throw invalidToken(`the token has no ${tenantClaim} claim`);
  }
  const actorType = payload['actor_type'] === 'service' ? 'service' : 'user';
  return { actor: { type: actorType, id: payload.sub }, tenantId: tenant ?? null, scopes };
}

/**
 * Verifies bearer tokens with jose (algorithms pinned, `exp` and `sub` required, `iss`/`aud` when
 * configured, 30 s clock tolerance). Verified tokens are cached until they expire, in a bounded
 * cache, so a busy client costs one signature check per token rather than one per request.
 */
export async function createVerifier(o: VerifierOptions): Promise<Verify> {
  const { key, algorithms } = await keyFor(o);
  const cache =
    o.cacheSize > 0 ? new LRUCache<string, Principal>({ max: o.cacheSize, ttlAutopurge: false }) : undefined;

  const verifySignature = async (token: string) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
        ...(o.issuer ? { issuer: o.issuer } : {}),
        ...(o.audience ? { audience: o.audience } : {}),
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') throw invalidToken('the token has expired');
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
        throw invalidToken(`the token's ${(error as { claim?: string }).claim ?? ''} claim is not accepted`);
      }
      if (code === 'ERR_JOSE_ALG_NOT_ALLOWED')
        throw invalidToken('the token is signed with an algorithm that is not accepted');
      if (code?.startsWith('ERR_J')) throw invalidToken('the token signature or format is invalid');
      throw error; // e.g. the JWKS endpoint is unreachable: a server-side failure, not the caller's
    }
    const principal = principalFrom(payload, o.tenantClaim);
    // Cached until exp (plus the tolerance jose grants), never longer.
    const ttl = ((payload.exp as number) + CLOCK_TOLERANCE_SECONDS) * 1000 - Date.now();
    if (cache && ttl > 0) cache.set(token, principal, { ttl });
    return principal;
  };
  return (token) => cache?.get(token) ?? verifySignature(token);
}
