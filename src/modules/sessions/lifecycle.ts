import type { SessionStatus } from '../../db/schema.js';
import { invalidTransition } from '../../http/problem.js';

/**
 * The session state machine, the one place it is written down:
 *
 *   pending --> active --> completed
 *      |          |-----> failed
 *      |          '-----> expired
 *      '--------> expired                 completed, failed, expired are terminal
 */
export const sessionTransitions: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  pending: ['active', 'expired'],
  active: ['completed', 'failed', 'expired'],
  completed: [],
  failed: [],
  expired: [],
};

export const isTerminal = (status: SessionStatus) => sessionTransitions[status].length === 0;

export const canTransition = (from: SessionStatus, to: SessionStatus) =>
  sessionTransitions[from].includes(to);

/** Throws the 409 problem (with the allowed transitions) unless `from -> to` is allowed. */
export function assertTransition(from: SessionStatus, to: SessionStatus): void {
  if (!canTransition(from, to)) throw invalidTransition(from, to, sessionTransitions[from]);
}

/** The timestamps a transition sets besides the status. */
export function transitionStamps(to: SessionStatus, now: Date): { startedAt?: Date; endedAt?: Date } {
  if (to === 'active') return { startedAt: now };
  if (isTerminal(to)) return { endedAt: now };
  return {};
}
