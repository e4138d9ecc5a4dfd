import { and, asc, desc, eq, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { countAtMost } from '../../db/count.js';
import {
  type ApprovalRow,
  type ApprovalStatus,
  approvals,
  type NewApprovalRow,
  pendingApprovals,
  tasks,
} from '../../db/schema.js';
import type { Due, SweeperTx } from '../../db/sweeper-tx.js';
import type { Tx } from '../../db/tenant-tx.js';
import type { TaskSummaryRow } from './schemas.js';

export interface ApprovalFilters {
  status?: ApprovalStatus | undefined;
  taskId?: string | undefined;
}

export interface ApprovalWithTask {
  approval: ApprovalRow;
  task: TaskSummaryRow;
}

const byId = (tenantId: string, id: string) => and(eq(approvals.tenantId, tenantId), eq(approvals.id, id));

export const insert = (tx: Tx, row: NewApprovalRow) => tx.insert(approvals).values(row).returning();

export const update = (tx: Tx, tenantId: string, id: string, values: Partial<ApprovalRow>) =>
  tx.update(approvals).set(values).where(byId(tenantId, id)).returning();

/** Locks the approval until commit. Always after its task's lock (see lockTaskOf). */
export const lockById = (tx: Tx, tenantId: string, id: string) =>
  tx.select().from(approvals).where(byId(tenantId, id)).limit(1).for('update');

/**
 * Locks the task an approval gates. Every path that changes both takes the task's lock first and
 * the approval's second (decisions, cancel, request, the expiry sweep), so they cannot deadlock.
 */
export const lockTaskOf = (tx: Tx, tenantId: string, approvalId: string) =>
  tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.tenantId, tenantId),
        eq(
          tasks.id,
          tx.select({ taskId: approvals.taskId }).from(approvals).where(byId(tenantId, approvalId)),
        ),
      ),
    )
    .limit(1)
    .for('update');

/** The open request gating a task, locked (at most one: approvals_one_pending_per_task). */
export const lockPendingOfTask = (tx: Tx, tenantId: string, taskId: string) =>
  tx
    .select()
    .from(approvals)
    .where(
      and(
        eq(approvals.tenantId, tenantId),
        eq(approvals.taskId, taskId),
        sql`${approvals.status} = 'pending'`,
      ),
    )
    .limit(1)
    .for('update');

const summary = {
  id: tasks.id,
  type: tasks.type,
  toAgentRole: tasks.toAgentRole,
  status: tasks.status,
  priority: tasks.priority,
  createdAt: tasks.createdAt,
};

const withTask = (tx: Tx) =>
  tx
    .select({ approval: approvals, task: summary })
    .from(approvals)
    .innerJoin(tasks, and(eq(tasks.tenantId, approvals.tenantId), eq(tasks.id, approvals.taskId)));

export const findById = (tx: Tx, tenantId: string, id: string) =>
  withTask(tx).where(byId(tenantId, id)).limit(1);

function where(tenantId: string, f: ApprovalFilters, afterId?: string): SQL | undefined {
  return and(
    eq(approvals.tenantId, tenantId),
    f.status === undefined ? undefined : eq(approvals.status, f.status),
    f.taskId === undefined ? undefined : eq(approvals.taskId, f.taskId),
    afterId === undefined ? undefined : lt(approvals.id, afterId),
  );
}

/** Newest first by id (UUIDv7). */
export const listAfter = (
  tx: Tx,
  tenantId: string,
  f: ApprovalFilters,
  afterId: string | undefined,
  limit: number,
) =>
  withTask(tx)
    .where(where(tenantId, f, afterId))
    .orderBy(desc(approvals.id))
    .limit(limit);

export const listPage = (tx: Tx, tenantId: string, f: ApprovalFilters, offset: number, limit: number) =>
  withTask(tx).where(where(tenantId, f)).orderBy(desc(approvals.id)).offset(offset).limit(limit);

export const count = (tx: Tx, tenantId: string, f: ApprovalFilters, limit?: number) =>
  countAtMost(tx, approvals, where(tenantId, f), limit);

/* status=pending reads the pending_approvals view (drizzle/0001_security.sql), which embeds the task. */

const v = pendingApprovals;
const fromView = {
  approval: {
    tenantId: v.tenantId,
    id: v.id,
    taskId: v.taskId,
    status: v.status,
    title: v.title,
    details: v.details,
    requestedBy: v.requestedBy,
    decidedBy: v.decidedBy,
    decidedAt: v.decidedAt,
    comment: v.comment,
    expiresAt: v.expiresAt,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  },
  task: {
    id: v.taskId,
    type: v.taskType,
    toAgentRole: v.taskToAgentRole,
    status: v.taskStatus,
    priority: v.taskPriority,
    createdAt: v.taskCreatedAt,
  },
};

function wherePending(tenantId: string, taskId: string | undefined, afterId?: string) {
  return and(
    eq(v.tenantId, tenantId),
    taskId === undefined ? undefined : eq(v.taskId, taskId),
    afterId === undefined ? undefined : lt(v.id, afterId),
  );
}

export const listPendingAfter = (
  tx: Tx,
  tenantId: string,
  taskId: string | undefined,
  afterId: string | undefined,
  limit: number,
) =>
  tx
    .select(fromView)
    .from(v)
    .where(wherePending(tenantId, taskId, afterId))
    .orderBy(desc(v.id))
    .limit(limit);

export const listPendingPage = (
  tx: Tx,
  tenantId: string,
  taskId: string | undefined,
  offset: number,
  limit: number,
) =>
  tx
    .select(fromView)
    .from(v)
    .where(wherePending(tenantId, taskId))
    .orderBy(desc(v.id))
    .offset(offset)
    .limit(limit);

export const countPending = (tx: Tx, tenantId: string, taskId: string | undefined, limit?: number) =>
  countAtMost(tx, v, wherePending(tenantId, taskId), limit);

/* The expiry sweep: discovery across tenants, then locking within one tenant (tasks first). */

/** Pending approvals past their deadline, oldest first (approvals_pending_expires_idx). */
export const findExpired = (tx: SweeperTx, now: Date, limit: number): Promise<Due[]> =>
  tx
    .select({ tenantId: approvals.tenantId, id: approvals.id })
    .from(approvals)
    .where(and(sql`${approvals.status} = 'pending'`, lte(approvals.expiresAt, now)))
    .orderBy(asc(approvals.expiresAt))
    .limit(limit);

export const lockTasksOfApprovals = (tx: Tx, tenantId: string, ids: string[]) =>
  tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.tenantId, tenantId),
        inArray(
          tasks.id,
          tx
            .select({ taskId: approvals.taskId })
            .from(approvals)
            .where(and(eq(approvals.tenantId, tenantId), inArray(approvals.id, ids))),
        ),
      ),
    )
    .for('update', { skipLocked: true });

export const lockExpired = (tx: Tx, tenantId: string, ids: string[], now: Date) =>
  tx
    .select()
    .from(approvals)
    .where(
      and(
        eq(approvals.tenantId, tenantId),
        inArray(approvals.id, ids),
        sql`${approvals.status} = 'pending'`,
        lte(approvals.expiresAt, now),
      ),
    )
    .for('update', { skipLocked: true });
