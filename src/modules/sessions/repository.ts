import { and, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { countAtMost } from '../../db/count.js';
import { type NewSessionRow, type SessionRow, type SessionStatus, sessions } from '../../db/schema.js';
import {
  groupWrite,
  p,
  placeholders,
  rowJson,
  shapeOf,
  statement,
  statements,
  tenantRead,
  tenantWrite,
} from '../../db/statements.js';
import type { Due, SweeperTx } from '../../db/sweeper-tx.js';
import type { Tx, TxScope } from '../../db/tenant-tx.js';
import { type EventParams, eventParams, type NewAuditEvent } from '../audit/repository.js';

export interface SessionFilters {
  status?: SessionStatus | undefined;
  agentRole?: string | undefined;
  taskId?: string | undefined;
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
}

// Every statement here is built once per shape (see statements.ts); values are bound per call.
// `$`-named, so that they never collide with the columns an update sets.
const byId = and(eq(sessions.tenantId, p('$tenantId')), eq(sessions.id, p('$id')));

const createAudited = tenantWrite<typeof sessions, [session: string, ...event: EventParams]>(
  sessions,
  'create_session',
  13,
);
/**
 * Session creates in groups (src/db/group-commit.ts, drizzle/0011_group_commit_create.sql): at
 * most 32 a group (each is a subtransaction, and PostgreSQL keeps up to 64 of a transaction's in
 * shared memory), two in the database at once (one runs while the other commits), a tenant in one
 * of them at a time.
 */
export const createInGroup = groupWrite(sessions, 'create_sessions', {
  max: 32,
  inFlight: 2,
  counts: (db) => db.stats.createGroups,
});

/**
 * Inserts the session and appends its audit event (`event`, for this session) in one statement:
 * with the creates of other requests (any tenants) in the process's next group
 * (drizzle/0011_group_commit_create.sql), or on its own (0010_one_statement_create.sql) when the
 * group left it (its tenant's chain head was busy, or it failed: on its own it waits, or raises its
 * error). With the request's Idempotency-Key, on its own, in a transaction that commits the key.
 */
export async function insertAudited(scope: TxScope, row: NewSessionRow, event: NewAuditEvent) {
  const json = rowJson(sessions, row);
  const params = eventParams(event);
  if (!scope.onCommit) {
    const item = `{"tenant":${JSON.stringify(scope.tenantId)},"session":${json},"event":${JSON.stringify(params)}}`;
    const created = await createInGroup(scope.db, { tenantId: scope.tenantId, id: row.id, json: item });
    if (created) return [created];
  }
  return createAudited(scope, json, ...params);
}

/** The row by id, as one statement outside any transaction (drizzle/0009_point_reads.sql). */
export const readById = tenantRead<typeof sessions, [id: string]>(sessions, 'read_session', 1);

const lockOne = statement((db) => db.select().from(sessions).where(byId).limit(1).for('update'));
/** Locks the row until commit: concurrent changes of one session run one after the other. */
export const lockById = (tx: Tx, tenantId: string, id: string) =>
  lockOne(tx, { $tenantId: tenantId, $id: id });

const updateOf = statements(shapeOf, (db, values: Partial<SessionRow>) =>
  db.update(sessions).set(placeholders(sessions, values)).where(byId).returning(),
);
export const update = (tx: Tx, tenantId: string, id: string, values: Partial<SessionRow>) =>
  updateOf(tx, values, { ...values, $tenantId: tenantId, $id: id });

/** The filters present, as placeholders named like the fields (values come with the call). */
function where(f: SessionFilters) {
  return and(
    eq(sessions.tenantId, p('tenantId')),
    f.status === undefined ? undefined : eq(sessions.status, p('status')),
    f.agentRole === undefined ? undefined : eq(sessions.agentRole, p('agentRole')),
    f.taskId === undefined ? undefined : eq(sessions.taskId, p('taskId')),
    f.createdAfter === undefined ? undefined : gte(sessions.createdAt, p('createdAfter')),
    f.createdBefore === undefined ? undefined : lt(sessions.createdAt, p('createdBefore')),
  );
}

const filterValues = (tenantId: string, f: SessionFilters) => ({
  tenantId,
  status: f.status,
  agentRole: f.agentRole,
  taskId: f.taskId,
  // Placeholders are bound without the column's encoder: timestamps go as ISO text.
  createdAfter: f.createdAfter?.toISOString(),
  createdBefore: f.createdBefore?.toISOString(),
});
/** Which filters are present: the key of a statement's shape. */
const filterShape = (f: SessionFilters) => shapeOf(filterValues('', f));
/** Whether `f` filters the list at all (without filters, a page has a statement of its own: readPage). */
export const filtered = (f: SessionFilters) => filterShape(f) !== filterShape({});

const keysetOf = statements(
  (s: { f: SessionFilters; after: boolean }) => `${filterShape(s.f)}|${s.after}`,
  (db, s) =>
    db
      .select()
      .from(sessions)
      .where(and(where(s.f), s.after ? lt(sessions.id, p('afterId')) : undefined))
      .orderBy(desc(sessions.id))
      .limit(p('limit')),
);

/** Newest first; ids are UUIDv7, so id order is creation order and the keyset is the id alone. */
export const listAfter = (
  tx: Tx,
  tenantId: string,
  f: SessionFilters,
  afterId: string | undefined,
  limit: number,
) => keysetOf(tx, { f, after: afterId !== undefined }, { ...filterValues(tenantId, f), afterId, limit });

/**
 * A page of the list without filters, newest first, as one statement (drizzle/0009_point_reads.sql):
 * after the session `afterId`, or the first page when it is null.
 */
export const readPage = tenantRead<typeof sessions, [afterId: string | null, limit: number]>(
  sessions,
  'read_sessions_page',
  2,
  'id desc',
);

const pageOf = statements(filterShape, (db, f: SessionFilters) =>
  db.select().from(sessions).where(where(f)).orderBy(desc(sessions.id)).offset(p('offset')).limit(p('limit')),
);
export const listPage = (tx: Tx, tenantId: string, f: SessionFilters, offset: number, limit: number) =>
  pageOf(tx, f, { ...filterValues(tenantId, f), offset, limit });

const countOf = statements(
  (s: { f: SessionFilters; capped: boolean }) => `${filterShape(s.f)}|${s.capped}`,
  (db, s) => countAtMost(db, sessions, where(s.f), s.capped ? p('limit') : undefined),
);
export const count = (tx: Tx, tenantId: string, f: SessionFilters, limit?: number) =>
  countOf(tx, { f, capped: limit !== undefined }, { ...filterValues(tenantId, f), limit });

/* The expiry sweep: discovery across tenants (as switchboard_sweeper), then locking within one tenant. */

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * A tenant's retention in seconds: its settings.session_retention_days, else the server's default.
 * A value that is not a positive whole number (the API never stores one) counts as unset, not
 * as a failed cast, which would stop expiry in every tenant.
 */
const retentionSeconds = (settings: SQL, defaultDays: number) => sql`coalesce(
    case when ${settings}->>'session_retention_days' ~ '^[1-9][0-9]{0,5}$'
         then (${settings}->>'session_retention_days')::int end,
    ${defaultDays}::int) * 86400`;

/**
 * Live sessions past their deadline, least(expires_at, created_at + the tenant's retention now),
 * in two index range scans over live sessions only: by expires_at (sessions_live_expires_idx)
 * across tenants, and per tenant by created_at against that tenant's cutoff
 * (sessions_live_created_idx), which finds what a retention shortened after creation made due.
 * `status in (...)` is written as a literal so that a generic plan can still use the partial
 * indexes. The second scan costs one index probe per tenant.
 */
export const findDue = (tx: SweeperTx, now: Date, defaultDays: number, limit: number): Promise<Due[]> =>
  tx.execute<{ tenantId: string; id: string }>(sql`
    select tenant_id as "tenantId", id from (
      (select tenant_id, id from sessions
        where status in ('pending', 'active') and expires_at <= ${at(now)}
        order by expires_at limit ${limit}::int)
      union
      (select s.tenant_id, s.id from tenants t
         cross join lateral (
           select tenant_id, id from sessions
            where tenant_id = t.id and status in ('pending', 'active')
              and created_at <= ${at(now)} - ${retentionSeconds(sql`t.settings`, defaultDays)} * interval '1 second'
            order by created_at limit ${limit}::int
         ) s
        limit ${limit}::int)
    ) due
    limit ${limit}::int`) as unknown as Promise<Due[]>;

/**
 * Locks those of `ids` that are still live and past their deadline (re-checked under the lock);
 * rows a request or another sweeper holds are skipped. FOR NO KEY UPDATE, not FOR UPDATE: the
 * key share lock that a task's foreign key check takes on its session does not conflict with it,
 * while a claim's FOR SHARE and every transition's FOR UPDATE still do.
 */
export const lockDue = (tx: Tx, tenantId: string, ids: string[], now: Date, defaultDays: number) =>
  tx
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        inArray(sessions.id, ids),
        sql`${sessions.status} in ('pending', 'active')`,
        or(
          lte(sessions.expiresAt, now),
          lte(
            sessions.createdAt,
            sql`${at(now)} - ${retentionSeconds(sql`(select settings from tenants where id = ${tenantId})`, defaultDays)} * interval '1 second'`,
          ),
        ),
      ),
    )
    .for('no key update', { skipLocked: true });

/**
 * The sweep's batch of transitions in one statement: each of `rows` (locked by the caller, state
 * checked) moves to `status` with its own reason, its version bumped and `stamps` set.
 */
export const transitionMany = (
  tx: Tx,
  tenantId: string,
  status: SessionStatus,
  rows: readonly { id: string; reason: string }[],
  now: Date,
  stamps: { startedAt?: Date; endedAt?: Date },
) =>
  tx.execute(sql`
    update ${sessions} s
       set status = ${status}, status_reason = v.reason, version = s.version + 1, updated_at = ${at(now)},
           started_at = coalesce(${stamps.startedAt?.toISOString() ?? null}::timestamptz, s.started_at),
           ended_at = coalesce(${stamps.endedAt?.toISOString() ?? null}::timestamptz, s.ended_at)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, reason text)
     where s.tenant_id = ${tenantId} and s.id = v.id`);
