import { runSweep, type SweepOptions } from '../../db/sweeper-tx.js';
import type { Executable } from '../../db/tenant-tx.js';
import * as audit from '../audit/service.js';
import * as taskLifecycle from '../tasks/lifecycle.js';
import * as tasksRepo from '../tasks/repository.js';
import { type SweepDeps, schedulerCtx } from '../tasks/sweeps.js';
import { taskStatusAfter } from './lifecycle.js';
import * as repo from './repository.js';
import { approvalRef, taskRef } from './service.js';

/**
 * Expires pending approvals past expires_at (approval.expired) and cancels the tasks they gate
 * (task.cancelled). Within a tenant the tasks are locked before the approvals, as on every path
 * that changes both, and both with SKIP LOCKED: a pair whose task or approval is busy (being
 * decided, say) is left for the next run, and the state is re-checked under the lock, so each
 * approval expires exactly once even when several sweepers race, and a decision that got there
 * first wins.
 */
export async function sweepExpiredApprovals(
  deps: SweepDeps,
  o: SweepOptions = {},
): Promise<{ expired: number }> {
  let expired = 0;
  const now = deps.clock.now();
  await runSweep(
    deps.db,
    o,
    (tx, limit) => repo.findExpired(tx, now, limit),
    async (tx, ids) => {
      const { tenantId } = tx;
      const [lockedTasks, due] = await Promise.all([
        repo.lockTasksOfApprovals(tx, tenantId, ids).execute(),
        repo.lockExpired(tx, tenantId, ids, now).execute(),
      ]);
      const tasks = new Map(lockedTasks.map((t) => [t.id, t]));
      const updates: Executable[] = [];
      const events: Executable[] = [];
      let count = 0;
      for (const approval of due) {
        const task = tasks.get(approval.taskId);
        if (!task) continue; // its task is busy: next run
        count++;
        const ctx = schedulerCtx(deps.clock, task.traceId);
        updates.push(
          repo.update(tx, tenantId, approval.id, {
            status: 'expired',
            version: approval.version + 1,
            updatedAt: now,
          }),
        );
        events.push(
          audit.record(tx, ctx, 'approval.expired', approvalRef(approval.id), {
            from: approval.status,
            to: 'expired',
            task_id: task.id,
            expires_at: approval.expiresAt,
          }),
        );
        const to = taskStatusAfter.expired;
        // Only a task still waiting on this approval follows it (always so, barring manual edits).
        if (task.status !== 'waiting_approval') continue;
        updates.push(
          tasksRepo.update(tx, tenantId, task.id, {
            status: to,
            statusReason: 'approval_expired',
            ...taskLifecycle.transitionStamps(to, now),
            version: task.version + 1,
            updatedAt: now,
          }),
        );
        events.push(
          audit.record(tx, ctx, 'task.cancelled', taskRef(task.id), {
            from: task.status,
            to,
            reason: 'approval_expired',
            approval_id: approval.id,
          }),
        );
      }
      if (count === 0) return;
      await tx.commit(...updates, ...events);
      expired += count;
    },
    { appends: true },
  );
  return { expired };
}
