import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { ActorType, TenantRow } from '../db/schema.js';
import type { Executable, Tx } from '../db/tenant-tx.js';
import type { Clock } from '../lib/clock.js';
import type { Scope } from './auth/scopes.js';

export interface Actor {
  type: ActorType;
  id: string;
}

/**
 * What a service needs to know about the request it serves. Built once per request by the auth
 * hook; services take the parts they use (`Pick<RequestContext, ...>`).
 */
export interface RequestContext {
  db: Database;
  clock: Clock;
  config: Config;
  /** The caller's tenant; every tenant-scoped query runs inside it. Empty for tenant-less admin calls. */
  tenantId: string;
  tenant: TenantRow | null;
  actor: Actor;
  scopes: ReadonlySet<Scope>;
  requestId: string;
  traceId: string;
  /** Committed together with the request's change (used by Idempotency-Key). */
  onCommit?: ((tx: Tx) => Executable | undefined) | undefined;
}
