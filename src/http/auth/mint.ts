import { SignJWT } from 'jose';
import type { Scope } from './scopes.js';

export interface MintOptions {
  secret: string;
  subject: string;
  tenant?: string | undefined;
  scopes: readonly Scope[] | readonly string[];
  expiresInSeconds: number;
  tenantClaim?: string;
  issuer?: string | undefined;
  audience?: string | undefined;
  actorType?: 'user' | 'service';
}

/** Mints an HS256 token with the configured secret (for `npm run token`, the startup banner and tests). */
export async function mintToken(o: MintOptions): Promise<string> {
  const claims: Record<string, unknown> = { scope: o.scopes.join(' ') };
  if (o.tenant) claims[o.tenantClaim ?? 'tenant_id'] = o.tenant;
  if (o.actorType) claims['actor_type'] = o.actorType;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + o.expiresInSeconds);
  if (o.issuer) jwt = jwt.setIssuer(o.issuer);
  if (o.audience) jwt = jwt.setAudience(o.audience);
  return jwt.sign(new TextEncoder().encode(o.secret));
}
