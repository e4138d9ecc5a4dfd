import type { Database } from '../../db/client.js';
import { runSweep, type SweepOptions } from '../../db/sweeper-tx.js';
import { type Executable, withTenantTx } from '../../db/tenant-tx.js';
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

/**
 * Requeues (task.retried, with the retry backoff) or fails (task.failed, once attempts are
 * exhausted) running tasks whose lease ended. `attempts` already counts the lost attempt: it was
 * incremented by the claim. Each tenant's rows are locked FOR UPDATE SKIP LOCKED with their state
 * re-checked (still running, lease still ended), so a row changes exactly once even when several
 * sweepers race, and a heartbeat or completion that got there first wins.
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
    (tenantId, ids) =>
      withTenantTx({ db: deps.db, tenantId }, async (tx) => {
        const due = await repo.lockExpiredLeases(tx, tenantId, ids, now);
        if (due.length === 0) return;
        // The updates first, the audit events last: the chain head is locked only through COMMIT.
        const updates: Executable[] = [];
        const events: Executable[] = [];
        for (const task of due) {
          const to = afterFailure(task);
          const runAfter =
            to === 'pending' ? addSeconds(now, retryDelaySeconds(task.attempts)) : task.runAfter;
          const error = {
            code: 'lease_expired',
            message: `the lease of session ${task.claimedBySessionId} ended at ${task.leaseExpiresAt?.toISOString()}`,
          };
          updates.push(
            repo.update(tx, tenantId, task.id, {
              status: to,
              error,
              runAfter,
              statusReason: 'lease_expired',
              ...transitionStamps(to, now),
              version: task.version + 1,
              updatedAt: now,
            }),
          );
          events.push(
            audit.record(
              tx,
              schedulerCtx(deps.clock, task.traceId),
              to === 'pending' ? 'task.retried' : 'task.failed',
              taskRef(task.id),
              {
                from: task.status,
                to,
                reason: 'lease_expired',
                session_id: task.claimedBySessionId,
                attempts: task.attempts,
                max_attempts: task.maxAttempts,
                ...(to === 'pending' ? { run_after: runAfter } : {}),
              },
            ),
          );
        }
        await tx.commit(...updates, ...events);
        for (const task of due) result[afterFailure(task) === 'pending' ? 'requeued' : 'failed']++;
      }),
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
    (tenantId, ids) =>
      withTenantTx({ db: deps.db, tenantId }, async (tx) => {
        const [rows] = await tx.commit(repo.expireKeys(tx, tenantId, ids, now));
        released += rows.length;
      }),
  );
  return { released };
}
