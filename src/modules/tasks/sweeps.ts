import type { Database } from '../../db/client.js';
import type { TaskRow } from '../../db/schema.js';
import { runSweep, type SweepOptions } from '../../db/sweeper-tx.js';
import type { Executable, Tx } from '../../db/tenant-tx.js';
import { addSeconds, type Clock } from '../../lib/clock.js';
import { taskRef } from '../approvals/service.js';
import * as audit from '../audit/service.js';
import { afterFailure, retryDelaySeconds, transitionStamps } from './lifecycle.js';
import * as repo from './repository.js';

/* Sweeps of the scheduler over tasks. Each is safe to run in several processes at once. */

export interface SweepDeps {
  db: Database;
  clock: Clock;
}

/** The scheduler acts as the system; its events carry the trace id of the task they concern. */
export const schedulerCtx = (clock: Clock, traceId: string) => ({
  actor: { type: 'system' as const, id: 'scheduler' },
  requestId: '',
  traceId,
  clock,
});

/** Why a running task lost its holder: its lease ended, or the session holding it expired. */
export type LostLeaseReason = 'lease_expired' | 'session_expired';

/**
 * The change of a running task whose attempt is lost (locked by the caller, state re-checked):
 * back to pending with the retry backoff while attempts remain (task.retried), else failed
 * (task.failed). `attempts` already counts the lost attempt: it was incremented by the claim.
 * Returns the update, for the caller's `tx.commit`, and its audit event, for audit.recordMany
 * after every update (the chain head is locked only through COMMIT).
 */
export function releaseLostLease(
  tx: Tx,
  deps: SweepDeps,
  task: TaskRow,
  reason: LostLeaseReason,
  now: Date,
): { to: 'pending' | 'failed'; update: Executable; event: audit.AuditItem } {
  const to = afterFailure(task);
  const runAfter = to === 'pending' ? addSeconds(now, retryDelaySeconds(task.attempts)) : task.runAfter;
  const message =
    reason === 'lease_expired'
      ? `the lease of session ${task.claimedBySessionId} ended at ${task.leaseExpiresAt?.toISOString()}`
      : `session ${task.claimedBySessionId} expired while holding the task`;
  return {
    to,
    update: repo.update(tx, tx.tenantId, task.id, {
      status: to,
      error: { code: reason, message },
      runAfter,
      statusReason: reason,
      ...transitionStamps(to, now),
      version: task.version + 1,
      updatedAt: now,
    }),
    event: {
      ctx: schedulerCtx(deps.clock, task.traceId),
      action: to === 'pending' ? 'task.retried' : 'task.failed',
      resource: taskRef(task.id),
      data: {
        from: task.status,
        to,
        reason,
        session_id: task.claimedBySessionId,
        attempts: task.attempts,
        max_attempts: task.maxAttempts,
        ...(to === 'pending' ? { run_after: runAfter } : {}),
      },
    },
  };
}

/**
 * Requeues or fails running tasks whose lease ended (see releaseLostLease). Each tenant's rows are
 * locked FOR UPDATE SKIP LOCKED with their state re-checked (still running, lease still ended),
 * so a row changes exactly once even when several sweepers race, and a heartbeat or completion
 * that got there first wins.
 */
export async function sweepExpiredLeases(
  deps: SweepDeps,
  o: SweepOptions = {},
): Promise<{ requeued: number; failed: number }> {
  const result = { requeued: 0, failed: 0 };
  const now = deps.clock.now();
  await runSweep(
    deps.db,
    o,
    (tx, limit) => repo.findExpiredLeases(tx, now, limit),
    async (tx, ids) => {
      const due = await repo.lockExpiredLeases(tx, tx.tenantId, ids, now);
      if (due.length === 0) return;
      const released = due.map((task) => releaseLostLease(tx, deps, task, 'lease_expired', now));
      await tx.commit(
        ...released.map((r) => r.update),
        audit.recordMany(
          tx,
          released.map((r) => r.event),
        ),
      );
      for (const r of released) result[r.to === 'pending' ? 'requeued' : 'failed']++;
    },
    { appends: true },
  );
  return result;
}

/**
 * Retires idempotency keys past their TTL, keeping tasks_live_idempotency_key_idx as small as the
 * live keys (creates also retire an expired key themselves, so correctness never waits for this).
 * The task keeps its key for reading; only its liveness ends. Not audited: no field of the task
 * changes.
 */
export async function releaseExpiredTaskKeys(
  deps: SweepDeps,
  o: SweepOptions = {},
): Promise<{ released: number }> {
  let released = 0;
  const now = deps.clock.now();
  await runSweep(
    deps.db,
    o,
    (tx, limit) => repo.findExpiredKeys(tx, now, limit),
    async (tx, ids) => {
      const [rows] = await tx.commit(repo.expireKeys(tx, tx.tenantId, ids, now));
      released += rows.length;
    },
  );
  return { released };
}
