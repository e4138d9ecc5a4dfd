import type { ApprovalStatus, TaskStatus } from '../../db/schema.js';
import { invalidTransition } from '../../http/problem.js';

/**
 * The approval state machine, the one place it is written down:
 *
 *   pending --approve--> approved      (its task: waiting_approval -> pending)
 *      |----reject-----> rejected      (its task: waiting_approval -> cancelled)
 *      |----expire-----> expired       (its task: waiting_approval -> cancelled, by the scheduler)
 *      '----cancel-----> cancelled     (because its task was cancelled)
 *
 * Every state but pending is terminal: an approval is decided once.
 */
export const approvalTransitions: Readonly<Record<ApprovalStatus, readonly ApprovalStatus[]>> = {
  pending: ['approved', 'rejected', 'expired', 'cancelled'],
  approved: [],
  rejected: [],
  expired: [],
  cancelled: [],
};

export const isTerminal = (status: ApprovalStatus) => approvalTransitions[status].length === 0;

export const canTransition = (from: ApprovalStatus, to: ApprovalStatus) =>
  approvalTransitions[from].includes(to);

/** Throws the 409 problem (with the allowed transitions) unless `from -> to` is allowed. */
export function assertTransition(from: ApprovalStatus, to: ApprovalStatus): void {
  if (!canTransition(from, to)) throw invalidTransition(from, to, approvalTransitions[from]);
}

/** What an approval's outcome does to the task it gates (which waits in waiting_approval). */
export const taskStatusAfter: Readonly<Record<'approved' | 'rejected' | 'expired', TaskStatus>> = {
  approved: 'pending',
  rejected: 'cancelled',
  expired: 'cancelled',
};

/** Who may decide: anyone with approvals:decide except the actor who asked. */
export const mayDecide = (requestedBy: string, deciderId: string) => requestedBy !== deciderId;
