import { and, asc, desc, eq, inArray, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { countAtMost } from '../../db/count.js';
import { rowOf } from '../../db/rows.js';
import {
  type NewTaskRow,
  type SessionStatus,
  type TaskRow,
  type TaskStatus,
  tasks,
} from '../../db/schema.js';
import { p, placeholders, shapeOf, statement, statements, tenantRead } from '../../db/statements.js';
import type { Due, SweeperTx } from '../../db/sweeper-tx.js';
import type { Executable, Tx } from '../../db/tenant-tx.js';

export interface TaskFilters {
  status?: TaskStatus | undefined;
  toAgentRole?: string | undefined;
  traceId?: string | undefined;
  idempotencyKey?: string | undefined;
  claimedBySessionId?: string | undefined;
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export const insert = (tx: Tx, row: NewTaskRow) => tx.insert(tasks).values(row).returning();

/**
 * Inserts unless a live task of the tenant has the row's idempotency key (tasks_live_idempotency_key_idx).
 * A concurrent insert of the same key waits for the other transaction: if it commits, this one
 * inserts nothing (and a read in a later statement sees the winner); if it rolls back, this one wins.
 */
export const insertUnlessKeyLive = (tx: Tx, row: NewTaskRow) =>
  tx
    .insert(tasks)
    .values(row)
    .onConflictDoNothing({
      target: [tasks.tenantId, tasks.idempotencyKey],
      where: sql`${tasks.idempotencyExpiresAt} is not null`,
    })
    .returning();

/** A key past its TTL stops being live, so that a create with it makes a new task. */
export const expireKey = (tx: Tx, tenantId: string, key: string, now: Date) =>
  tx
    .update(tasks)
    .set({ idempotencyExpiresAt: null })
    .where(
      and(eq(tasks.tenantId, tenantId), eq(tasks.idempotencyKey, key), lte(tasks.idempotencyExpiresAt, now)),
    );

export const findLiveByKey = (tx: Tx, tenantId: string, key: string) =>
  tx
    .select()
    .from(tasks)
    .where(
      and(eq(tasks.tenantId, tenantId), eq(tasks.idempotencyKey, key), isNotNull(tasks.idempotencyExpiresAt)),
    )
    .limit(1);

// Built once (see statements.ts): the hot path of workers.
const byIdPlaceholders = and(eq(tasks.tenantId, p('$tenantId')), eq(tasks.id, p('$id')));
const findOne = statement((db) => db.select().from(tasks).where(byIdPlaceholders).limit(1));
const lockOne = statement((db) => db.select().from(tasks).where(byIdPlaceholders).limit(1).for('update'));
const updateOf = statements(shapeOf, (db, values: Partial<TaskRow>) =>
  db.update(tasks).set(placeholders(tasks, values)).where(byIdPlaceholders).returning(),
);

/**
 * The row by id, as one statement outside any transaction (drizzle/0009_point_reads.sql): for a
 * read on its own, such as GET by id. Inside a transaction, findById.
 */
export const readById = tenantRead<typeof tasks, [id: string]>(tasks, 'read_task', 1);

export const findById = (tx: Tx, tenantId: string, id: string) =>
  findOne(tx, { $tenantId: tenantId, $id: id });

/** Locks the row until commit: concurrent changes of one task run one after the other. */
export const lockById = (tx: Tx, tenantId: string, id: string) =>
  lockOne(tx, { $tenantId: tenantId, $id: id });

export const update = (tx: Tx, tenantId: string, id: string, values: Partial<TaskRow>) =>
  updateOf(tx, values, { ...values, $tenantId: tenantId, $id: id });

export interface ClaimRequest {
  tenantId: string;
  role: string;
  sessionId: string;
  now: Date;
  leaseExpiresAt: Date;
}

export interface ClaimResult {
  /** The claiming session's status, null when the tenant has no such session. */
  sessionStatus: SessionStatus | null;
  task: TaskRow | undefined;
}

/**
 * The claim, in one statement. `s` share-locks the claiming session (it cannot end while the claim
 * commits) and `next` picks the highest-priority, oldest claimable task of the role through the
 * partial index tasks_claimable_idx, skipping rows other claimers have locked, so claimers never
 * wait on each other and never get the same task. Both CTEs are MATERIALIZED so that each runs
 * exactly once (an inlined LIMIT 1 ... SKIP LOCKED subquery that the planner rescans could lock
 * more than one row). `status = 'pending'` is a literal so that a generic plan of the prepared
 * statement can still use the partial index. Always returns one row: the session's status and the
 * claimed task's columns (null when nothing was claimable).
 */
export const claimStatement = (c: ClaimRequest): SQL => sql`
  with s as materialized (
    select status from sessions where tenant_id = ${c.tenantId} and id = ${c.sessionId} for share
  ), next as materialized (
    select tenant_id, id from tasks
     where tenant_id = ${c.tenantId} and to_agent_role = ${c.role} and status = 'pending'
       and run_after <= ${at(c.now)} and exists (select 1 from s where s.status = 'active')
     order by priority desc, created_at, id
     limit 1
     for update skip locked
  ), claimed as (
    update tasks t
       set status = 'running', claimed_by_session_id = ${c.sessionId},
           lease_expires_at = ${at(c.leaseExpiresAt)}, attempts = t.attempts + 1,
           version = t.version + 1, updated_at = ${at(c.now)}
      from next
     where t.tenant_id = next.tenant_id and t.id = next.id
    returning t.*
  )
  select (select status from s) as session_status, claimed.*
    from (select 1) as one left join claimed on true`;

export function claimNext(tx: Tx, c: ClaimRequest): Executable<ClaimResult> {
  const query = tx.execute(claimStatement(c));
  return {
    execute: () =>
      query.execute().then((rows) => {
        const raw = (rows as unknown as Record<string, unknown>[])[0] ?? {};
        return {
          sessionStatus: (raw['session_status'] as SessionStatus | null) ?? null,
          task: raw['id'] ? rowOf(tasks, raw) : undefined,
        };
      }),
  };
}

function where(tenantId: string, f: TaskFilters) {
  return and(
    eq(tasks.tenantId, tenantId),
    f.status === undefined ? undefined : eq(tasks.status, f.status),
    f.toAgentRole === undefined ? undefined : eq(tasks.toAgentRole, f.toAgentRole),
    f.traceId === undefined ? undefined : eq(tasks.traceId, f.traceId),
    f.idempotencyKey === undefined ? undefined : eq(tasks.idempotencyKey, f.idempotencyKey),
    f.claimedBySessionId === undefined ? undefined : eq(tasks.claimedBySessionId, f.claimedBySessionId),
  );
}

/** Newest first; ids are UUIDv7, so id order is creation order and the keyset is the id alone. */
export const listAfter = (
  tx: Tx,
  tenantId: string,
  f: TaskFilters,
  afterId: string | undefined,
  limit: number,
) =>
  tx
    .select()
    .from(tasks)
    .where(and(where(tenantId, f), afterId === undefined ? undefined : lt(tasks.id, afterId)))
    .orderBy(desc(tasks.id))
    .limit(limit);

export const listPage = (tx: Tx, tenantId: string, f: TaskFilters, offset: number, limit: number) =>
  tx.select().from(tasks).where(where(tenantId, f)).orderBy(desc(tasks.id)).offset(offset).limit(limit);

export const count = (tx: Tx, tenantId: string, f: TaskFilters, limit?: number) =>
  countAtMost(tx, tasks, where(tenantId, f), limit);

/* Sweeps: discovery across tenants (as switchboard_sweeper), then locking within one tenant. */

/** Running tasks whose lease ended, oldest deadline first (tasks_running_lease_idx). */
export const findExpiredLeases = (tx: SweeperTx, now: Date, limit: number): Promise<Due[]> =>
  tx
    .select({ tenantId: tasks.tenantId, id: tasks.id })
    .from(tasks)
    .where(and(sql`${tasks.status} = 'running'`, lte(tasks.leaseExpiresAt, now)))
    .orderBy(asc(tasks.leaseExpiresAt))
    .limit(limit);

/** Locks those of `ids` that are still running on an expired lease; rows another sweeper holds are skipped. */
export const lockExpiredLeases = (tx: Tx, tenantId: string, ids: string[], now: Date) =>
  tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.tenantId, tenantId),
        inArray(tasks.id, ids),
        sql`${tasks.status} = 'running'`,
        lte(tasks.leaseExpiresAt, now),
      ),
    )
    .for('update', { skipLocked: true });

/** Live idempotency keys past their deadline (tasks_idempotency_expires_idx). */
export const findExpiredKeys = (tx: SweeperTx, now: Date, limit: number): Promise<Due[]> =>
  tx
    .select({ tenantId: tasks.tenantId, id: tasks.id })
    .from(tasks)
    .where(and(isNotNull(tasks.idempotencyExpiresAt), lte(tasks.idempotencyExpiresAt, now)))
    .orderBy(asc(tasks.idempotencyExpiresAt))
    .limit(limit);

/** Clears the liveness of expired keys among `ids` (the rows keep their key, for reading). */
export const expireKeys = (tx: Tx, tenantId: string, ids: string[], now: Date) =>
  tx
    .update(tasks)
    .set({ idempotencyExpiresAt: null })
    .where(and(eq(tasks.tenantId, tenantId), inArray(tasks.id, ids), lte(tasks.idempotencyExpiresAt, now)))
    .returning({ id: tasks.id });

/**
 * The running tasks that `sessionIds` hold: all of them (`lock: false`, a plain read), or those not
 * locked by another transaction, locked FOR UPDATE (`lock: true`). The session expiry sweep
 * compares the two to release a session's tasks together with its expiry, or neither.
 */
export const runningOfSessions = (tx: Tx, tenantId: string, sessionIds: string[], lock: boolean) => {
  const query = tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.tenantId, tenantId),
        inArray(tasks.claimedBySessionId, sessionIds),
        sql`${tasks.status} = 'running'`,
      ),
    );
  return lock ? query.for('update', { skipLocked: true }) : query;
};
