import type { TaskRow, TaskStatus } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { Problem } from '../../http/problem.js';
import { assertTransition } from './lifecycle.js';

/** The lease a claim or heartbeat grants unless the caller asks: the tenant's setting, else the server's. */
export function leaseSeconds(ctx: Pick<RequestContext, 'tenant' | 'config'>): number {
  return ctx.tenant?.settings.task_lease_seconds ?? ctx.config.TASK_LEASE_SECONDS;
}

/** A session holds a task while it is running, claimed by that session, and the lease has not ended. */
export const holds = (task: TaskRow, sessionId: string, now: Date) =>
  task.status === 'running' &&
  task.claimedBySessionId === sessionId &&
  task.leaseExpiresAt !== null &&
  task.leaseExpiresAt > now;

export function leaseNotHeld(task: TaskRow, sessionId: string, now: Date): Problem {
  const expired =
    task.claimedBySessionId === sessionId && task.leaseExpiresAt !== null && task.leaseExpiresAt <= now;
  return new Problem(
    'lease_not_held',
    expired
      ? `the lease of session ${sessionId} on task ${task.id} ended at ${task.leaseExpiresAt!.toISOString()}`
      : `session ${sessionId} does not hold task ${task.id}`,
    { current_status: task.status },
  );
}

/**
 * For the holder's own moves (complete, fail, request approval): the holder whose task was moved
 * on without it (cancelled, say) learns that the move is no longer allowed (409 invalid_transition);
 * anyone else, or a holder whose lease ended, gets 409 lease_not_held. A late call from a session
 * whose lease was swept is therefore always a 409, whatever happened to the task since.
 */
export function assertHolds(task: TaskRow, sessionId: string, now: Date, to: TaskStatus): void {
  if (holds(task, sessionId, now)) return;
  if (task.claimedBySessionId === sessionId && task.status !== 'running') assertTransition(task.status, to);
  throw leaseNotHeld(task, sessionId, now);
}
