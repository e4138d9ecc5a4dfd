import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPROVAL_STATUSES, type ApprovalStatus, TASK_STATUSES, type TaskStatus } from '../src/db/schema.js';
import { Problem } from '../src/http/problem.js';
import * as approvals from '../src/modules/approvals/lifecycle.js';
import {
  afterFailure,
  assertTransition,
  canTransition,
  isTerminal,
  RETRY_BASE_SECONDS,
  RETRY_CAP_SECONDS,
  retryDelaySeconds,
  taskTransitions,
  transitionStamps,
} from '../src/modules/tasks/lifecycle.js';

/** The edges the contract draws (DESIGN.md, Tasks and Approvals), written out independently. */
const TASK_EDGES = new Set([
  'pending>running',
  'pending>cancelled',
  'running>completed',
  'running>failed',
  'running>pending',
  'running>waiting_approval',
  'running>cancelled',
  'waiting_approval>pending',
  'waiting_approval>cancelled',
]);
const APPROVAL_EDGES = new Set([
  'pending>approved',
  'pending>rejected',
  'pending>expired',
  'pending>cancelled',
]);

const thrown = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e as Problem;
  }
  return undefined;
};

describe('task state machine', () => {
  const pairs = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s is allowed exactly when the contract draws it', (from, to) => {
    const allowed = TASK_EDGES.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    const error = thrown(() => assertTransition(from, to));
    if (allowed) {
      expect(error).toBeUndefined();
    } else {
      expect(error).toBeInstanceOf(Problem);
      expect(error?.status).toBe(409);
      expect(error?.code).toBe('invalid_transition');
      expect(error?.ext['allowed_transitions']).toEqual(taskTransitions[from]);
    }
  });

  it('completed, failed and cancelled are terminal', () => {
    expect(TASK_STATUSES.filter(isTerminal)).toEqual(['completed', 'failed', 'cancelled']);
  });

  it('a failed attempt is retried while attempts remain and retry is not false', () => {
    expect(afterFailure({ attempts: 1, maxAttempts: 3 })).toBe('pending');
    expect(afterFailure({ attempts: 2, maxAttempts: 3 })).toBe('pending');
    expect(afterFailure({ attempts: 3, maxAttempts: 3 })).toBe('failed');
    expect(afterFailure({ attempts: 1, maxAttempts: 1 })).toBe('failed');
    expect(afterFailure({ attempts: 1, maxAttempts: 3 }, false)).toBe('failed');
  });

  it('retry delays grow exponentially, stay within [delay/2, delay] and never pass the cap', () => {
    expect(retryDelaySeconds(1, () => 0)).toBe(RETRY_BASE_SECONDS / 2);
    expect(retryDelaySeconds(1, () => 1)).toBe(RETRY_BASE_SECONDS);
    expect(retryDelaySeconds(3, () => 1)).toBe(RETRY_BASE_SECONDS * 4);
    expect(retryDelaySeconds(50, () => 1)).toBe(RETRY_CAP_SECONDS);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const full = Math.min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2 ** (n - 1));
        const d = retryDelaySeconds(n, () => r);
        expect(d).toBeGreaterThanOrEqual(full / 2);
        expect(d).toBeLessThanOrEqual(full);
        expect(retryDelaySeconds(n + 1, () => r)).toBeGreaterThanOrEqual(d);
      }),
    );
  });

  it('the lease belongs to running alone; requeueing forgets the holder; terminal states stamp completed_at', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(transitionStamps('running', now)).toEqual({});
    expect(transitionStamps('pending', now)).toEqual({ leaseExpiresAt: null, claimedBySessionId: null });
    expect(transitionStamps('waiting_approval', now)).toEqual({ leaseExpiresAt: null });
    for (const to of ['completed', 'failed', 'cancelled'] as const) {
      expect(transitionStamps(to, now)).toEqual({ leaseExpiresAt: null, completedAt: now });
    }
  });

  it('random walks stay on drawn edges, and nothing leaves a terminal state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TaskStatus>('pending', 'waiting_approval'),
        fc.array(fc.constantFrom(...TASK_STATUSES), { maxLength: 40 }),
        (start, attempts) => {
          let state = start;
          const visited: TaskStatus[] = [state];
          for (const to of attempts) {
            const error = thrown(() => assertTransition(state, to));
            if (error) {
              expect(error.code).toBe('invalid_transition');
              expect(TASK_EDGES.has(`${state}>${to}`)).toBe(false);
            } else {
              state = to;
              visited.push(state);
            }
          }
          for (let i = 1; i < visited.length; i++) {
            expect(TASK_EDGES.has(`${visited[i - 1]}>${visited[i]}`)).toBe(true);
          }
          const firstTerminal = visited.findIndex(isTerminal);
          if (firstTerminal >= 0) expect(firstTerminal).toBe(visited.length - 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every non-terminal state can still reach a terminal one (no task is stuck by design)', () => {
    for (const start of TASK_STATUSES.filter((s) => !isTerminal(s))) {
      const seen = new Set<TaskStatus>([start]);
      const queue: TaskStatus[] = [start];
      while (queue.length > 0) {
        for (const next of taskTransitions[queue.shift()!]) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect([...seen].some(isTerminal)).toBe(true);
    }
  });
});

describe('approval state machine', () => {
  const pairs = APPROVAL_STATUSES.flatMap((from) => APPROVAL_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s is allowed exactly when the contract draws it', (from, to) => {
    const allowed = APPROVAL_EDGES.has(`${from}>${to}`);
    expect(approvals.canTransition(from, to)).toBe(allowed);
    const error = thrown(() => approvals.assertTransition(from, to));
    if (allowed) expect(error).toBeUndefined();
    else expect(error?.code).toBe('invalid_transition');
  });

  it('an approval is decided once: every state but pending is terminal', () => {
    expect(APPROVAL_STATUSES.filter(approvals.isTerminal)).toEqual([
      'approved',
      'rejected',
      'expired',
      'cancelled',
    ]);
  });

  it('each outcome moves the gated task along an edge of the task machine', () => {
    expect(approvals.taskStatusAfter).toEqual({
      approved: 'pending',
      rejected: 'cancelled',
      expired: 'cancelled',
    });
    for (const to of Object.values(approvals.taskStatusAfter)) {
      expect(canTransition('waiting_approval', to)).toBe(true);
    }
  });

  it('the requester can never decide; anyone else can', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(approvals.mayDecide(a, a)).toBe(false);
        expect(approvals.mayDecide(a, b)).toBe(a !== b);
      }),
    );
  });

  it('random decision sequences decide at most once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...APPROVAL_STATUSES), { maxLength: 20 }), (attempts) => {
        let state: ApprovalStatus = 'pending';
        let moves = 0;
        for (const to of attempts) {
          if (!thrown(() => approvals.assertTransition(state, to))) {
            state = to;
            moves++;
          }
        }
        expect(moves).toBeLessThanOrEqual(1);
        expect(moves === 0 ? state === 'pending' : approvals.isTerminal(state)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
