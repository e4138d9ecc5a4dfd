import { and, asc, eq, gt, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import { countAtMost } from '../../db/count.js';
import { type ActorType, auditEvents, auditHeads } from '../../db/schema.js';
import { raw } from '../../db/statements.js';
import type { Tx } from '../../db/tenant-tx.js';
import { GENESIS_HASH } from './hash.js';

export interface NewAuditEvent {
  tenantId: string;
  id: string;
  occurredAt: Date;
  actorType: ActorType;
  actorId: string;
  action: string;
  resourceType: string;
  resourceId: string;
  traceId: string;
  requestId: string | null;
  data: Record<string, unknown>;
  /** The event's canonical JSON around its seq (see hash.ts). */
  prefix: string;
  suffix: string;
}

/** A new tenant's chain starts at seq 0 with the genesis hash. */
export const insertHead = (tx: Tx, tenantId: string) =>
  tx.insert(auditHeads).values({ tenantId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();

/**
 * Appends one event to its tenant's chain: audit_append() (drizzle/0010_one_statement_create.sql)
 * advances the tenant's chain head, whose row lock serializes the tenant's writers until commit
 * (which is why this is the last statement before COMMIT), and inserts the event with the head's
 * new seq and hash.
 */
const appendStatement = raw<{ seq: string; prev_hash: string; hash: string }[]>(
  'select seq, prev_hash, hash from audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
);

export const append = (tx: Tx, e: NewAuditEvent) => appendStatement(tx, [e.tenantId, ...eventParams(e)]);

/** audit_append()'s parameters after the tenant, in its order (create_session() takes them too). */
export const eventParams = (e: NewAuditEvent) =>
  [
    e.prefix,
    e.suffix,
    e.id,
    e.occurredAt.toISOString(),
    e.actorType,
    e.actorId,
    e.action,
    e.resourceType,
    e.resourceId,
    e.traceId,
    e.requestId,
    JSON.stringify(e.data),
  ] as const;
export type EventParams = ReturnType<typeof eventParams>;

/**
 * Appends several events of one tenant, in order, in one statement: what `append` does once per
 * event, for a batch (the scheduler's sweeps), so that a batch of N changes costs two statements
 * instead of N + 1. The head row is locked first (FOR UPDATE: this too is the last statement
 * before COMMIT), the chain is computed from it by a recursive CTE with the same digest as
 * `append`, the events are inserted, and the head is moved to the last of them. Were the head
 * missing, the LEFT JOIN leaves seq null and the NOT NULL constraint fails the statement.
 */
export const appendMany = (tx: Tx, tenantId: string, events: readonly NewAuditEvent[]) => {
  if (events.length === 0) throw new Error('appendMany needs at least one event');
  const rows = events.map((e, i) => ({
    n: i + 1,
    id: e.id,
    occurred_at: e.occurredAt.toISOString(),
    actor_type: e.actorType,
    actor_id: e.actorId,
    action: e.action,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    trace_id: e.traceId,
    request_id: e.requestId,
    data: e.data,
    prefix: e.prefix,
    suffix: e.suffix,
  }));
  return tx.execute<{ appended: number }>(sql`
    with recursive input as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i(
        n int, id uuid, occurred_at timestamptz, actor_type text, actor_id text, action text,
        resource_type text, resource_id text, trace_id text, request_id text, data jsonb,
        prefix text, suffix text)
    ), parts as materialized (
      select array_agg(prefix order by n) as prefixes, array_agg(suffix order by n) as suffixes,
             count(*)::int as k
        from input
    ), head as materialized (
      select seq, hash from ${auditHeads} where tenant_id = ${tenantId} for update
    ), chain (n, seq, prev_hash, hash) as (
      select 0, seq, null::text, hash from head
      union all
      select c.n + 1, c.seq + 1, c.hash,
             encode(sha256(convert_to(c.hash || p.prefixes[c.n + 1] || (c.seq + 1)::text || p.suffixes[c.n + 1], 'UTF8')), 'hex')
        from chain c cross join parts p
       where c.n < p.k
    ), inserted as (
      insert into ${auditEvents}
        (tenant_id, seq, id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
         trace_id, request_id, data, prev_hash, hash)
      select ${tenantId}, c.seq, i.id, i.occurred_at, i.actor_type, i.actor_id, i.action,
             i.resource_type, i.resource_id, i.trace_id, i.request_id, i.data, c.prev_hash, c.hash
        from input i left join chain c on c.n = i.n
      returning seq
    ), moved as (
      update ${auditHeads} h
         set seq = last.seq, prev_hash = last.prev_hash, hash = last.hash
        from (select seq, prev_hash, hash from chain where n > 0 order by n desc limit 1) last
       where h.tenant_id = ${tenantId}
    )
    select count(*)::int as appended from inserted`);
};

/** The chain head with the retention purge boundary. */
export const head = (tx: Tx, tenantId: string) =>
  tx
    .select({
      seq: auditHeads.seq,
      hash: auditHeads.hash,
      purgedThroughSeq: auditHeads.purgedThroughSeq,
      purgedThroughHash: auditHeads.purgedThroughHash,
    })
    .from(auditHeads)
    .where(eq(auditHeads.tenantId, tenantId));

export const hashAt = (tx: Tx, tenantId: string, seq: number) =>
  tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.seq, seq)));

export interface AuditFilters {
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  traceId?: string | undefined;
  afterSeq?: number | undefined;
  occurredAfter?: Date | undefined;
  occurredBefore?: Date | undefined;
  /** Inclusive seq range (export and verify). */
  fromSeq?: number | undefined;
  toSeq?: number | undefined;
}

export function where(tenantId: string, f: AuditFilters, extra: (SQL | undefined)[] = []) {
  return and(
    eq(auditEvents.tenantId, tenantId),
    f.resourceType === undefined ? undefined : eq(auditEvents.resourceType, f.resourceType),
    f.resourceId === undefined ? undefined : eq(auditEvents.resourceId, f.resourceId),
    f.action === undefined ? undefined : eq(auditEvents.action, f.action),
    f.actorId === undefined ? undefined : eq(auditEvents.actorId, f.actorId),
    f.traceId === undefined ? undefined : eq(auditEvents.traceId, f.traceId),
    f.afterSeq === undefined ? undefined : gt(auditEvents.seq, f.afterSeq),
    f.occurredAfter === undefined ? undefined : gte(auditEvents.occurredAt, f.occurredAfter),
    f.occurredBefore === undefined ? undefined : lt(auditEvents.occurredAt, f.occurredBefore),
    f.fromSeq === undefined ? undefined : gte(auditEvents.seq, f.fromSeq),
    f.toSeq === undefined ? undefined : lte(auditEvents.seq, f.toSeq),
    ...extra,
  );
}

/** Keyset page in chain order: events after `afterCursor`, oldest first. */
export const listAfter = (
  tx: Tx,
  tenantId: string,
  f: AuditFilters,
  afterCursor: number | undefined,
  limit: number,
) =>
  tx
    .select()
    .from(auditEvents)
    .where(where(tenantId, f, [afterCursor === undefined ? undefined : gt(auditEvents.seq, afterCursor)]))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);

export const listPage = (tx: Tx, tenantId: string, f: AuditFilters, offset: number, limit: number) =>
  tx
    .select()
    .from(auditEvents)
    .where(where(tenantId, f))
    .orderBy(asc(auditEvents.seq))
    .offset(offset)
    .limit(limit);

export const count = (tx: Tx, tenantId: string, f: AuditFilters, limit?: number) =>
  countAtMost(tx, auditEvents, where(tenantId, f), limit);

/**
 * The retention purge of one batch (drizzle/0003_*.sql): deletes at most `limit` of the oldest
 * events that occurred before `before` and moves the boundary on audit_heads.
 */
export const purgeBatch = (tx: Tx, tenantId: string, before: Date, limit: number) =>
  tx.execute<{ deleted: string; purged_through_seq: string; purged_through_hash: string | null }>(sql`
    select deleted, purged_through_seq, purged_through_hash
      from audit_purge(${tenantId}, ${before.toISOString()}::timestamptz, ${limit}::int)`);
