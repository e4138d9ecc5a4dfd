import type { NewTaskRow, TaskRow } from '../../db/schema.js';
import { type Tx, withAuditedTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import { matches } from '../../http/etag.js';
import { type ListQuery, listInTenant } from '../../http/pagination.js';
import { notFound, Problem, versionMismatch } from '../../http/problem.js';
import { Uuid } from '../../http/schemas.js';
import { addSeconds } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import * as approvalsRepo from '../approvals/repository.js';
import {
  type ApprovalRequest,
  approvalRef,
  newApproval,
  requestedEvent,
  taskRef,
} from '../approvals/service.js';
import * as audit from '../audit/service.js';
import { assertTransition, transitionStamps } from './lifecycle.js';
import * as repo from './repository.js';
import { toTaskDto } from './schemas.js';

export type TaskCtx = Pick<
  RequestContext,
  'db' | 'tenantId' | 'tenant' | 'config' | 'clock' | 'actor' | 'requestId' | 'traceId' | 'onCommit'
>;

export interface CreateTaskInput {
  type: string;
  to_agent_role: string;
  input?: Record<string, unknown> | undefined;
  priority?: number | undefined;
  idempotency_key?: string | undefined;
  max_attempts?: number | undefined;
  run_after?: string | undefined;
  requires_approval?: boolean | undefined;
  approval?: Partial<ApprovalRequest> | undefined;
  from_session_id?: string | undefined;
}

export interface Created {
  task: TaskRow;
  /** True when an idempotency_key matched a live task, which is returned instead of a new one. */
  replayed: boolean;
}

/**
 * Without an idempotency_key: one round trip (the inserts, their audit events and COMMIT).
 * With one: two. The first flight retires the key if it is past its TTL, inserts unless a live task
 * holds the key, and reads the live holder; concurrent creates with one key meet on the unique
 * index, where all but the first wait for it to commit and then find its task. The second flight
 * writes the audit events (only for a task actually created) and commits.
 */
export async function createTask(ctx: TaskCtx, input: CreateTaskInput): Promise<Created> {
  const now = ctx.clock.now();
  const key = input.idempotency_key;
  const requiresApproval = input.requires_approval ?? false;
  const row: NewTaskRow = {
    tenantId: ctx.tenantId,
    id: newId(),
    type: input.type,
    toAgentRole: input.to_agent_role,
    fromSessionId: input.from_session_id ?? null,
    input: input.input ?? {},
    status: requiresApproval ? 'waiting_approval' : 'pending',
    priority: input.priority ?? 0,
    idempotencyKey: key ?? null,
    idempotencyExpiresAt: key ? addSeconds(now, ctx.config.IDEMPOTENCY_TTL_SECONDS) : null,
    traceId: ctx.traceId,
    attempts: 0,
    maxAttempts: input.max_attempts ?? ctx.config.TASK_MAX_ATTEMPTS,
    runAfter: input.run_after ? new Date(input.run_after) : now,
    requiresApproval,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const approval = requiresApproval
    ? newApproval(
        ctx,
        row.id,
        { ...input.approval, title: input.approval?.title ?? `Approve ${input.type}` },
        now,
      )
    : undefined;
  const writes = (tx: Tx) => [
    ...(approval ? [approvalsRepo.insert(tx, approval)] : []),
    audit.record(tx, ctx, 'task.created', taskRef(row.id), {
      type: row.type,
      to_agent_role: row.toAgentRole,
      status: row.status,
      priority: row.priority,
      input: row.input,
      max_attempts: row.maxAttempts,
      run_after: row.runAfter,
      idempotency_key: row.idempotencyKey,
      from_session_id: row.fromSessionId,
    }),
    ...(approval ? [requestedEvent(tx, ctx, approval)] : []),
  ];

  return withAuditedTx(ctx, async (tx) => {
    if (!key) {
      const [[task]] = await tx.commit(repo.insert(tx, row), ...writes(tx));
      return { task: task!, replayed: false };
    }
    const [, [inserted], [live]] = await Promise.all([
      repo.expireKey(tx, ctx.tenantId, key, now).execute(),
      repo.insertUnlessKeyLive(tx, row).execute(),
      repo.findLiveByKey(tx, ctx.tenantId, key).execute(),
    ]);
    if (inserted) {
      await tx.commit(...writes(tx));
      return { task: inserted, replayed: false };
    }
    await tx.commit();
    // The holder's key expired between the two statements: rare, and a retry creates the task.
    if (!live) {
      throw new Problem(
        'idempotency_key_in_use',
        'the idempotency_key changed hands concurrently; retry',
        {},
        {
          'retry-after': '1',
        },
      );
    }
    return { task: live, replayed: true };
  });
}

export async function getTask(ctx: Pick<TaskCtx, 'db' | 'tenantId'>, id: string): Promise<TaskRow> {
  const [task] = await repo.readById(ctx, id);
  if (!task) throw notFound('task', id); // another tenant's task: the same 404
  return task;
}

export interface ListTasksQuery extends repo.TaskFilters, ListQuery {}

export function listTasks(ctx: Pick<TaskCtx, 'db' | 'tenantId'>, q: ListTasksQuery) {
  return listInTenant(ctx, q, repo, { key: Uuid, keyOf: (row) => row.id, toDto: toTaskDto });
}

/**
 * Cancels a pending, running or waiting task; a waiting task's open approval is cancelled with it.
 * The task is locked before its approval, as everywhere. Two round trips.
 */
export async function cancelTask(
  ctx: TaskCtx,
  id: string,
  o: { reason?: string | undefined; ifMatch?: number[] | undefined } = {},
): Promise<TaskRow> {
  return withAuditedTx(ctx, async (tx) => {
    const [[task], [approval]] = await Promise.all([
      repo.lockById(tx, ctx.tenantId, id).execute(),
      approvalsRepo.lockPendingOfTask(tx, ctx.tenantId, id).execute(),
    ]);
    if (!task) throw notFound('task', id);
    if (!matches(o.ifMatch, task.version)) throw versionMismatch(task.version);
    assertTransition(task.status, 'cancelled');
    const now = ctx.clock.now();
    const approvalWrites = approval
      ? [
          approvalsRepo.update(tx, ctx.tenantId, approval.id, {
            status: 'cancelled',
            version: approval.version + 1,
            updatedAt: now,
          }),
        ]
      : [];
    const [[next]] = await tx.commit(
      repo.update(tx, ctx.tenantId, id, {
        status: 'cancelled',
        statusReason: o.reason ?? null,
        ...transitionStamps('cancelled', now),
        version: task.version + 1,
        updatedAt: now,
      }),
      ...approvalWrites,
      audit.record(tx, ctx, 'task.cancelled', taskRef(id), {
        from: task.status,
        to: 'cancelled',
        reason: o.reason,
      }),
      ...(approval
        ? [
            audit.record(tx, ctx, 'approval.cancelled', approvalRef(approval.id), {
              from: approval.status,
              to: 'cancelled',
              task_id: id,
              reason: 'task_cancelled',
            }),
          ]
        : []),
    );
    return next!;
  });
}
