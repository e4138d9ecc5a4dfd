import type { TaskStatus } from '../../db/schema.js';
import { invalidTransition } from '../../http/problem.js';

/**
 * The task state machine, the one place it is written down:
 *
 *   pending --claim--> running --complete--> completed
 *      ^                  |-----fail-------> failed       (no retries left, or retry: false)
 *      |                  |-----fail/lease expired, retries left--> pending (run_after backoff)
 *      |                  '-----request approval--> waiting_approval
 *   waiting_approval --approved--> pending     --rejected/expired--> cancelled
 *   pending|running|waiting_approval --cancel--> cancelled
 *
 * completed, failed and cancelled are terminal. A task created with requires_approval starts in
 * waiting_approval; every other task starts pending.
 */
export const taskTransitions: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  pending: ['running', 'cancelled'],
  running: ['completed', 'failed', 'pending', 'waiting_approval', 'cancelled'],
  waiting_approval: ['pending', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export const isTerminal = (status: TaskStatus) => taskTransitions[status].length === 0;

export const canTransition = (from: TaskStatus, to: TaskStatus) => taskTransitions[from].includes(to);

/** Throws the 409 problem (with the allowed transitions) unless `from -> to` is allowed. */
export function assertTransition(from: TaskStatus, to: TaskStatus): void {
  if (!canTransition(from, to)) throw invalidTransition(from, to, taskTransitions[from]);
}

/** Retry delays: exponential from the base, capped, with "equal jitter" (half fixed, half random). */
export const RETRY_BASE_SECONDS = 5;
export const RETRY_CAP_SECONDS = 900;

/**
 * Seconds to wait before attempt `attempts + 1`, after `attempts` attempts: the exponential delay
 * `base * 2^(attempts-1)`, capped, of which the upper half is random, so that tasks failing
 * together do not come back together. Always within [delay/2, delay] and never above the cap.
 */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const delay = Math.min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return delay / 2 + (delay / 2) * r;
}

/**
 * Where a running task goes when its attempt fails (a `fail` call, or its lease expired): back to
 * pending while attempts remain and the caller did not say `retry: false`, otherwise failed.
 * `attempts` counts claims, so it already includes the attempt that just failed.
 */
export function afterFailure(
  task: { attempts: number; maxAttempts: number },
  retry = true,
): 'pending' | 'failed' {
  return retry && task.attempts < task.maxAttempts ? 'pending' : 'failed';
}

/**
 * The fields a transition sets besides status and version: the lease belongs to running alone,
 * the holder is forgotten when the task is queued again, and a terminal state stamps completed_at.
 */
export function transitionStamps(
  to: TaskStatus,
  now: Date,
): {
  leaseExpiresAt?: null;
  claimedBySessionId?: null;
  completedAt?: Date;
} {
  if (to === 'running') return {};
  const stamps: { leaseExpiresAt: null; claimedBySessionId?: null; completedAt?: Date } = {
    leaseExpiresAt: null,
  };
  if (to === 'pending') stamps.claimedBySessionId = null;
  if (isTerminal(to)) stamps.completedAt = now;
  return stamps;
}
