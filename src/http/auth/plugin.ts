import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import type { TenantRow } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { TenantDirectory } from '../../modules/tenants/directory.js';
import type { RequestContext } from '../context.js';
import { Problem } from '../problem.js';
import { SCOPES, type Scope } from './scopes.js';
import { bearerChallenge, invalidToken, type Principal, type Verify } from './verifier.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope the operation requires (documented in OpenAPI as its security requirement). */
    scope?: Scope;
    /** Whether the operation acts inside the caller's tenant (default true). */
    tenant?: boolean;
    /** No authentication at all (health, docs). */
    public?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    traceId: string;
  }
}

export interface AuthDeps {
  config: Config;
  db: Database;
  clock: Clock;
  tenants: TenantDirectory;
  /** null when AUTH_MODE=none. */
  verify: Verify | null;
}

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function fromBearer(req: FastifyRequest, verify: Verify): Principal | Promise<Principal> {
  const header = req.headers.authorization;
  if (!header) {
    throw new Problem(
      'unauthenticated',
      'send Authorization: Bearer <token>',
      {},
      { 'www-authenticate': bearerChallenge() },
    );
  }
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
  if (!match) throw invalidToken('the Authorization header is not "Bearer <token>"');
  return verify(match[1]!);
}

/** AUTH_MODE=none, for local experiments only: the tenant comes from X-Tenant-Id, every scope is granted. */
function fromHeaders(req: FastifyRequest): Principal {
  const tenant = req.headers['x-tenant-id'];
  if (tenant !== undefined && (typeof tenant !== 'string' || !TENANT_ID.test(tenant))) {
    throw new Problem('tenant_unknown', 'X-Tenant-Id is not a valid tenant id');
  }
  return { actor: { type: 'user', id: 'anonymous' }, tenantId: tenant ?? null, scopes: new Set(SCOPES) };
}

/**
 * Authenticates every non-public route before its body is read: the token (401), the scope the
 * route declares (403), and the tenant, which must exist and be enabled (403). The request
 * context built here is what services receive.
 *
 * A callback hook rather than an async one: with the token and the tenant cached (the common
 * case) it finishes without a promise or a turn of the event loop.
 */
export function registerAuth(app: FastifyInstance, deps: AuthDeps) {
  app.decorateRequest('ctx', null as unknown as RequestContext);

  const admit = (req: FastifyRequest, principal: Principal): void | Promise<void> => {
    const route = req.routeOptions;
    const required = route.config.scope;
    if (required && !principal.scopes.has(required)) {
      throw new Problem(
        'insufficient_scope',
        `this operation requires the scope ${required}`,
        { required_scope: required },
        { 'www-authenticate': bearerChallenge('insufficient_scope', `requires ${required}`, required) },
      );
    }
    if (route.config.tenant === false) return enter(req, principal, null);
    const tenantId = principal.tenantId;
    if (!tenantId) {
      throw new Problem('tenant_required', 'this operation acts in a tenant; the token carries no tenant');
    }
    const cached = deps.tenants.peek(tenantId);
    if (cached) return enter(req, principal, checked(tenantId, cached.row));
    return deps.tenants.get(tenantId).then((row) => enter(req, principal, checked(tenantId, row)));
  };

  const enter = (req: FastifyRequest, principal: Principal, tenant: TenantRow | null) => {
    req.ctx = {
      db: deps.db,
      clock: deps.clock,
      config: deps.config,
      tenantId: principal.tenantId ?? '',
      tenant,
      actor: principal.actor,
      scopes: principal.scopes,
      requestId: req.id,
      traceId: req.traceId,
    };
  };

  app.addHook('onRequest', (req, _reply, done) => {
    const route = req.routeOptions;
    if (route.url === undefined || route.config.public) return done();
    let admitted: void | Promise<void>;
    try {
      const principal = deps.verify ? fromBearer(req, deps.verify) : fromHeaders(req);
      admitted = principal instanceof Promise ? principal.then((p) => admit(req, p)) : admit(req, principal);
    } catch (error) {
      return done(error as Error);
    }
    if (admitted) admitted.then(() => done(), done);
    else done();
  });
}

function checked(tenantId: string, tenant: TenantRow | undefined): TenantRow {
  if (!tenant) throw new Problem('tenant_unknown', `tenant ${tenantId} does not exist`);
  if (tenant.disabledAt) throw new Problem('tenant_disabled', `tenant ${tenantId} is disabled`);
  return tenant;
}
