/**
 * The floor's SQL, written by hand: the same statements the product sends (the session insert,
 * the tenant's audit chain append, the keyset query, the claim), as postgres.js tagged templates.
 */
import type postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { canonicalAroundSeq } from '../../src/modules/audit/hash.js';

type Q = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;
export type Row = Record<string, unknown>;

// With the product's plan_cache_mode (see src/db/tenant-tx.ts), so that both run the same plans.
export const setTenant = (sql: Q, tenant: string) =>
  sql`select set_config('app.tenant_id', ${tenant}, true), set_config('plan_cache_mode', 'force_generic_plan', true)`;

export const insertSession = (
  sql: Q,
  tenant: string,
  id: string,
  role: string,
  metadata: object,
  now: Date,
) =>
  sql`insert into sessions (tenant_id, id, agent_role, status, metadata, version, created_at, updated_at, expires_at)
      values (${tenant}, ${id}, ${role}, 'pending', ${sql.json(metadata as postgres.JSONValue)}, 1, ${now}, ${now},
              ${new Date(now.getTime() + 7 * 86_400_000)})
      returning *`;

export const findSession = (sql: Q, tenant: string, id: string) =>
  sql`select * from sessions where tenant_id = ${tenant} and id = ${id} limit 1`;

export const lockSession = (sql: Q, tenant: string, id: string) =>
  sql`select * from sessions where tenant_id = ${tenant} and id = ${id} limit 1 for update`;

export const activateSession = (sql: Q, tenant: string, id: string, version: number, now: Date) =>
  sql`update sessions set status = 'active', status_reason = null, version = ${version}, updated_at = ${now},
             started_at = ${now}
       where tenant_id = ${tenant} and id = ${id} returning *`;

export const listSessions = (sql: Q, tenant: string, after: string | undefined, limit: number) =>
  after === undefined
    ? sql`select * from sessions where tenant_id = ${tenant} order by id desc limit ${limit}`
    : sql`select * from sessions where tenant_id = ${tenant} and id < ${after} order by id desc limit ${limit}`;

export const pageSessions = (sql: Q, tenant: string, offset: number, limit: number) =>
  sql`select * from sessions where tenant_id = ${tenant} order by id desc offset ${offset} limit ${limit}`;

export const countSessions = (sql: Q, tenant: string) =>
  sql`select count(*)::int as n from sessions where tenant_id = ${tenant}`;

export const claimTask = (
  sql: Q,
  tenant: string,
  role: string,
  session: string,
  now: Date,
  lease: Date,
) => sql`
  with s as materialized (
    select status from sessions where tenant_id = ${tenant} and id = ${session} for share
  ), next as materialized (
    select tenant_id, id from tasks
     where tenant_id = ${tenant} and to_agent_role = ${role} and status = 'pending'
       and run_after <= ${now} and exists (select 1 from s where s.status = 'active')
     order by priority desc, created_at, id
     limit 1
     for update skip locked
  ), claimed as (
    update tasks t
       set status = 'running', claimed_by_session_id = ${session}, lease_expires_at = ${lease},
           attempts = t.attempts + 1, version = t.version + 1, updated_at = ${now}
      from next
     where t.tenant_id = next.tenant_id and t.id = next.id
    returning t.*
  )
  select (select status from s) as session_status, claimed.*
    from (select 1) as one left join claimed on true`;

export const lockTask = (sql: Q, tenant: string, id: string) =>
  sql`select * from tasks where tenant_id = ${tenant} and id = ${id} limit 1 for update`;

export const completeTask = (
  sql: Q,
  tenant: string,
  id: string,
  output: object,
  version: number,
  now: Date,
) =>
  sql`update tasks set status = 'completed', output = ${sql.json(output as postgres.JSONValue)}, status_reason = null,
             completed_at = ${now}, lease_expires_at = null, version = ${version}, updated_at = ${now}
       where tenant_id = ${tenant} and id = ${id} returning *`;

/** The audit event of a change, appended to the tenant's hash chain: the same statement as the product's. */
export function appendAudit(
  sql: Q,
  tenant: string,
  action: string,
  resource: { type: string; id: string },
  data: Record<string, unknown>,
  actorId: string,
  requestId: string,
  traceId: string,
  now: Date,
) {
  const normalized = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const event = {
    tenant_id: tenant,
    id: uuidv7(),
    occurred_at: now.toISOString(),
    actor: { type: 'user', id: actorId },
    action,
    resource_type: resource.type,
    resource_id: resource.id,
    trace_id: traceId,
    request_id: requestId,
    data: normalized,
  };
  const { prefix, suffix } = canonicalAroundSeq(event);
  return sql`
    with head as (
      update audit_heads
         set seq = seq + 1,
             prev_hash = hash,
             hash = encode(sha256(convert_to(hash || ${prefix}::text || (seq + 1)::text || ${suffix}::text, 'UTF8')), 'hex')
       where tenant_id = ${tenant}
      returning seq, prev_hash, hash
    )
    insert into audit_events
      (tenant_id, seq, id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
       trace_id, request_id, data, prev_hash, hash)
    values (${tenant}, (select seq from head), ${event.id}, ${event.occurred_at}::timestamptz,
       'user', ${actorId}, ${action}, ${resource.type}, ${resource.id}, ${traceId},
       ${requestId}, ${JSON.stringify(normalized)}::jsonb,
       (select prev_hash from head), (select hash from head))
    returning seq, prev_hash, hash`;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

export const sessionDto = (s: Row) => ({
  id: s['id'],
  agent_role: s['agent_role'],
  status: s['status'],
  task_id: s['task_id'],
  metadata: s['metadata'],
  status_reason: s['status_reason'],
  version: s['version'],
  created_at: iso(s['created_at']),
  updated_at: iso(s['updated_at']),
  started_at: iso(s['started_at']),
  ended_at: iso(s['ended_at']),
  expires_at: iso(s['expires_at']),
});
