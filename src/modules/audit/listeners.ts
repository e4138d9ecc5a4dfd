import type { Database } from '../../db/client.js';
import { raw } from '../../db/statements.js';
import { withTenantTx } from '../../db/tenant-tx.js';

/*
 * Registrations of the tenants an audit hub streams (drizzle/0008_audit_stream_listeners.sql):
 * the audit trigger sends NOTIFY only for tenants with a live registration, because NOTIFY
 * serializes the commits of every transaction that sends one.
 */

const upsert = raw(`
  insert into audit_stream_listeners (tenant_id, listener, expires_at)
  values ($1, $2, now() + make_interval(secs => $3))
  on conflict (tenant_id, listener) do update set expires_at = excluded.expires_at`);

// Registrations of processes that died lapse; they are deleted by the next registration.
const sweep = raw(`delete from audit_stream_listeners where tenant_id = $1 and expires_at < now()`);

const remove = raw(`delete from audit_stream_listeners where tenant_id = $1 and listener = $2`);

/** Registers (or renews) `listener` for the tenant's notifications, for `ttlSeconds`. */
export function register(db: Database, tenantId: string, listener: string, ttlSeconds: number) {
  return withTenantTx({ db, tenantId }, (tx) =>
    tx.commit(upsert(tx, [tenantId, listener, ttlSeconds]), sweep(tx, [tenantId])),
  );
}

export function unregister(db: Database, tenantId: string, listener: string) {
  return withTenantTx({ db, tenantId }, (tx) => tx.commit(remove(tx, [tenantId, listener])));
}
