import type { NewApprovalRow } from '../../db/schema.js';
import { type Tx, withAuditedTx, withTenantTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import { matches } from '../../http/etag.js';
import { type ListQuery, listInTenant, type TenantLists } from '../../http/pagination.js';
import { invalidReference, notFound, Problem, versionMismatch } from '../../http/problem.js';
import { Uuid } from '../../http/schemas.js';
import { addSeconds } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import * as audit from '../audit/service.js';
import { assertHolds } from '../tasks/lease.js';
import * as taskLifecycle from '../tasks/lifecycle.js';
import * as tasksRepo from '../tasks/repository.js';
import { assertTransition, mayDecide, taskStatusAfter } from './lifecycle.js';
import * as repo from './repository.js';
import { toApprovalDto } from './schemas.js';

export type ApprovalCtx = Pick<
  RequestContext,
  'db' | 'tenantId' | 'tenant' | 'config' | 'clock' | 'actor' | 'requestId' | 'traceId' | 'onCommit'
>;

export const approvalRef = (id: string) => ({ type: 'approval', id });
export const taskRef = (id: string) => ({ type: 'task', id });

export function approvalTtlSeconds(ctx: Pick<RequestContext, 'tenant' | 'config'>): number {
  return ctx.tenant?.settings.approval_ttl_seconds ?? ctx.config.APPROVAL_TTL_SECONDS;
}

export interface ApprovalRequest {
  title: string;
  details?: Record<string, unknown> | undefined;
  ttl_seconds?: number | undefined;
}

/** The row of a new pending request for `taskId`, asked by the caller. */
export function newApproval(ctx: ApprovalCtx, taskId: string, r: ApprovalRequest, now: Date): NewApprovalRow {
  return {
    tenantId: ctx.tenantId,
    id: newId(),
    taskId,
    status: 'pending',
    title: r.title,
    details: r.details ?? {},
    requestedBy: ctx.actor.id,
    expiresAt: addSeconds(now, r.ttl_seconds ?? approvalTtlSeconds(ctx)),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The audit event of a new request (written with the change that makes it). */
export const requestedEvent = (tx: Tx, ctx: ApprovalCtx, a: NewApprovalRow) =>
  audit.record(tx, ctx, 'approval.requested', approvalRef(a.id), {
    task_id: a.taskId,
    title: a.title,
    details: a.details,
    expires_at: a.expiresAt,
  });

export type ApprovalResult = ReturnType<typeof toApprovalDto>;

export interface RequestOpts {
  /** Where the task id came from: a path (404 when missing) or a body field (422). */
  taskIdIn: 'path' | 'body';
  sessionId?: string | undefined;
  ifMatch?: number[] | undefined;
}

/**
 * A running task asks a human: the task moves to waiting_approval (its lease ends; no sweep can
 * requeue it while it waits) and a pending approval is created, in one transaction. Two round trips.
 */
export async function requestApproval(
  ctx: ApprovalCtx,
  taskId: string,
  r: ApprovalRequest,
  o: RequestOpts,
): Promise<ApprovalResult> {
  return withAuditedTx(ctx, async (tx) => {
    const [task] = await tasksRepo.lockById(tx, ctx.tenantId, taskId).execute();
    if (!task) {
      throw o.taskIdIn === 'path'
        ? notFound('task', taskId)
        : invalidReference('body.task_id', 'task', taskId);
    }
    if (!matches(o.ifMatch, task.version)) throw versionMismatch(task.version);
    const now = ctx.clock.now();
    if (o.sessionId !== undefined) assertHolds(task, o.sessionId, now, 'waiting_approval');
    taskLifecycle.assertTransition(task.status, 'waiting_approval');
    const approval = newApproval(ctx, taskId, r, now);
    const [[next], [created]] = await tx.commit(
      tasksRepo.update(tx, ctx.tenantId, taskId, {
        status: 'waiting_approval',
        ...taskLifecycle.transitionStamps('waiting_approval', now),
        version: task.version + 1,
        updatedAt: now,
      }),
      repo.insert(tx, approval),
      audit.record(tx, ctx, 'task.approval_requested', taskRef(taskId), {
        from: task.status,
        to: 'waiting_approval',
        approval_id: approval.id,
      }),
      requestedEvent(tx, ctx, approval),
    );
    return toApprovalDto(created!, next!);
  });
}

export interface DecideOpts {
  comment?: string | undefined;
  ifMatch?: number[] | undefined;
}

/**
 * Approve (the task returns to pending) or reject (the task is cancelled). The task and the
 * approval are locked in that order, in one flight; a second decider waits for the first and then
 * finds the approval decided (409), so exactly one decision wins. Two round trips.
 */
export async function decideApproval(
  ctx: ApprovalCtx,
  id: string,
  decision: 'approved' | 'rejected',
  o: DecideOpts = {},
): Promise<ApprovalResult> {
  return withAuditedTx(ctx, async (tx) => {
    const [[task], [approval]] = await Promise.all([
      repo.lockTaskOf(tx, ctx.tenantId, id).execute(),
      repo.lockById(tx, ctx.tenantId, id).execute(),
    ]);
    if (!approval || !task) throw notFound('approval', id); // another tenant's approval: the same 404
    if (!mayDecide(approval.requestedBy, ctx.actor.id)) {
      throw new Problem('self_approval_forbidden', 'the requester of an approval cannot decide it', {
        requested_by: approval.requestedBy,
      });
    }
    if (!matches(o.ifMatch, approval.version)) throw versionMismatch(approval.version);
    assertTransition(approval.status, decision);
    const now = ctx.clock.now();
    if (approval.expiresAt <= now) {
      throw new Problem('approval_expired', `the approval expired at ${approval.expiresAt.toISOString()}`, {
        expires_at: approval.expiresAt.toISOString(),
      });
    }
    const taskTo = taskStatusAfter[decision];
    taskLifecycle.assertTransition(task.status, taskTo);
    const [[decided], [nextTask]] = await tx.commit(
      repo.update(tx, ctx.tenantId, id, {
        status: decision,
        decidedBy: ctx.actor.id,
        decidedAt: now,
        comment: o.comment ?? null,
        version: approval.version + 1,
        updatedAt: now,
      }),
      tasksRepo.update(tx, ctx.tenantId, task.id, {
        status: taskTo,
        ...taskLifecycle.transitionStamps(taskTo, now),
        statusReason: decision === 'rejected' ? 'approval_rejected' : null,
        version: task.version + 1,
        updatedAt: now,
      }),
      audit.record(tx, ctx, `approval.${decision}`, approvalRef(id), {
        from: approval.status,
        to: decision,
        task_id: task.id,
        comment: o.comment,
      }),
      audit.record(tx, ctx, decision === 'approved' ? 'task.approved' : 'task.cancelled', taskRef(task.id), {
        from: task.status,
        to: taskTo,
        approval_id: id,
        ...(decision === 'rejected' ? { reason: 'approval_rejected' } : {}),
      }),
    );
    return toApprovalDto(decided!, nextTask!);
  });
}

export async function getApproval(ctx: Pick<ApprovalCtx, 'db' | 'tenantId'>, id: string) {
  const [row] = await withTenantTx(
    ctx,
    async (tx) => (await tx.commit(repo.findById(tx, ctx.tenantId, id)))[0],
  );
  if (!row) throw notFound('approval', id);
  return toApprovalDto(row.approval, row.task);
}

export interface ListApprovalsQuery extends repo.ApprovalFilters, ListQuery {}

const toDto = (r: repo.ApprovalWithTask) => toApprovalDto(r.approval, r.task);

/** status=pending: the pending_approvals view, filtered by task only. */
const pendingLists: TenantLists<repo.ApprovalFilters, string, repo.ApprovalWithTask> = {
  listAfter: (tx, t, q, after, limit) => repo.listPendingAfter(tx, t, q.taskId, after, limit),
  listPage: (tx, t, q, offset, limit) => repo.listPendingPage(tx, t, q.taskId, offset, limit),
  count: (tx, t, q, limit) => repo.countPending(tx, t, q.taskId, limit),
};

/** status=pending reads the pending_approvals view; every item embeds a summary of its task. */
export function listApprovals(ctx: Pick<ApprovalCtx, 'db' | 'tenantId'>, q: ListApprovalsQuery) {
  const lists = q.status === 'pending' ? pendingLists : repo;
  return listInTenant(ctx, q, lists, { key: Uuid, keyOf: (row) => row.approval.id, toDto });
}
