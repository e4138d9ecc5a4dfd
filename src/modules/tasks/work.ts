import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { type TaskRow, tasks } from '../../db/schema.js';
import { withAuditedTx, withTenantTx } from '../../db/tenant-tx.js';
import { matches } from '../../http/etag.js';
import { invalidReference, notFound, Problem, versionMismatch } from '../../http/problem.js';
import { addSeconds } from '../../lib/clock.js';
import { taskRef } from '../approvals/service.js';
import * as audit from '../audit/service.js';
import { assertHolds, leaseNotHeld, leaseSeconds } from './lease.js';
import { afterFailure, retryDelaySeconds, transitionStamps } from './lifecycle.js';
import * as repo from './repository.js';
import type { TaskCtx } from './service.js';

/* What workers do with tasks: claim, heartbeat, complete, fail. */

export interface ClaimInput {
  agent_role: string;
  session_id: string;
  lease_seconds?: number | undefined;
}

/**
 * Claims the next task for the role, or returns undefined (204). Two round trips: the claim
 * statement (which also checks the session), then the audit event with COMMIT.
 */
export async function claimTask(ctx: TaskCtx, input: ClaimInput): Promise<TaskRow | undefined> {
  const now = ctx.clock.now();
  const leaseExpiresAt = addSeconds(now, input.lease_seconds ?? leaseSeconds(ctx));
  return withAuditedTx(ctx, async (tx) => {
    const { sessionStatus, task } = await repo
      .claimNext(tx, {
        tenantId: ctx.tenantId,
        role: input.agent_role,
        sessionId: input.session_id,
        now,
        leaseExpiresAt,
      })
      .execute();
    if (sessionStatus === null) throw invalidReference('body.session_id', 'session', input.session_id);
    if (sessionStatus !== 'active') {
      throw new Problem(
        'session_not_active',
        `session ${input.session_id} is ${sessionStatus}; only an active session can claim`,
        { session_status: sessionStatus },
      );
    }
    if (!task) {
      await tx.commit();
      return undefined;
    }
    await tx.commit(
      audit.record(tx, ctx, 'task.claimed', taskRef(task.id), {
        from: 'pending',
        to: 'running',
        session_id: input.session_id,
        attempts: task.attempts,
        lease_expires_at: task.leaseExpiresAt,
      }),
    );
    return task;
  });
}

/**
 * Extends the lease of a task the session holds. One round trip: the guarded UPDATE and a read of
 * the row travel with COMMIT, and the read explains a refusal (404, 412 or 409 lease_not_held).
 * Not audited: a heartbeat changes no state and no owner, only the lease deadline (visible on the
 * task, with its version), and auditing every heartbeat would flood the tenant's chain and
 * serialize the tenant's workers on its head for nothing a reader of the log needs.
 */
export async function heartbeatTask(
  ctx: TaskCtx,
  id: string,
  input: { session_id: string; lease_seconds?: number | undefined },
  ifMatch?: number[],
): Promise<TaskRow> {
  const now = ctx.clock.now();
  const leaseExpiresAt = addSeconds(now, input.lease_seconds ?? leaseSeconds(ctx));
  return withTenantTx(ctx, async (tx) => {
    const [[extended], [current]] = await tx.commit(
      tx
        .update(tasks)
        .set({ leaseExpiresAt, version: sql`${tasks.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(tasks.tenantId, ctx.tenantId),
            eq(tasks.id, id),
            sql`${tasks.status} = 'running'`,
            eq(tasks.claimedBySessionId, input.session_id),
            gt(tasks.leaseExpiresAt, now),
            ifMatch === undefined ? undefined : inArray(tasks.version, ifMatch),
          ),
        )
        .returning(),
      repo.findById(tx, ctx.tenantId, id),
    );
    if (extended) return extended;
    if (!current) throw notFound('task', id);
    if (!matches(ifMatch, current.version)) throw versionMismatch(current.version);
    throw leaseNotHeld(current, input.session_id, now);
  });
}

/** Completes a task the session holds. Two round trips. */
export async function completeTask(
  ctx: TaskCtx,
  id: string,
  input: { session_id: string; output?: Record<string, unknown> | undefined },
  ifMatch?: number[],
): Promise<TaskRow> {
  return withAuditedTx(ctx, async (tx) => {
    const [task] = await repo.lockById(tx, ctx.tenantId, id).execute();
    if (!task) throw notFound('task', id);
    if (!matches(ifMatch, task.version)) throw versionMismatch(task.version);
    const now = ctx.clock.now();
    assertHolds(task, input.session_id, now, 'completed');
    const output = input.output ?? {};
    const [[next]] = await tx.commit(
      repo.update(tx, ctx.tenantId, id, {
        status: 'completed',
        output,
        statusReason: null,
        ...transitionStamps('completed', now),
        version: task.version + 1,
        updatedAt: now,
      }),
      audit.record(tx, ctx, 'task.completed', taskRef(id), {
        from: task.status,
        to: 'completed',
        session_id: input.session_id,
        attempts: task.attempts,
        output,
      }),
    );
    return next!;
  });
}

export interface FailInput {
  session_id: string;
  error: Record<string, unknown> | string;
  retry?: boolean | undefined;
}

/**
 * Fails the session's attempt: back to pending with a backed-off run_after while attempts remain
 * and retry is not false (task.retried), else failed for good (task.failed). Two round trips.
 */
export async function failTask(
  ctx: TaskCtx,
  id: string,
  input: FailInput,
  ifMatch?: number[],
): Promise<TaskRow> {
  const error = typeof input.error === 'string' ? { message: input.error } : input.error;
  return withAuditedTx(ctx, async (tx) => {
    const [task] = await repo.lockById(tx, ctx.tenantId, id).execute();
    if (!task) throw notFound('task', id);
    if (!matches(ifMatch, task.version)) throw versionMismatch(task.version);
    const now = ctx.clock.now();
    const to = afterFailure(task, input.retry !== false);
    assertHolds(task, input.session_id, now, to);
    const runAfter = to === 'pending' ? addSeconds(now, retryDelaySeconds(task.attempts)) : task.runAfter;
    const reason = to === 'pending' ? null : input.retry === false ? 'retry_disabled' : 'attempts_exhausted';
    const [[next]] = await tx.commit(
      repo.update(tx, ctx.tenantId, id, {
        status: to,
        error,
        runAfter,
        statusReason: reason,
        ...transitionStamps(to, now),
        version: task.version + 1,
        updatedAt: now,
      }),
      audit.record(tx, ctx, to === 'pending' ? 'task.retried' : 'task.failed', taskRef(id), {
        from: task.status,
        to,
        session_id: input.session_id,
        attempts: task.attempts,
        max_attempts: task.maxAttempts,
        error,
        ...(to === 'pending' ? { run_after: runAfter } : { reason }),
      }),
    );
    return next!;
  });
}
