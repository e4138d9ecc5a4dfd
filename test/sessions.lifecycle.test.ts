import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SESSION_STATUSES, type SessionStatus } from '../src/db/schema.js';
import { Problem } from '../src/http/problem.js';
import {
  assertTransition,
  canTransition,
  isTerminal,
  sessionTransitions,
  transitionStamps,
} from '../src/modules/sessions/lifecycle.js';

const ALLOWED = new Set([
  'pending>active',
  'pending>expired',
  'active>completed',
  'active>failed',
  'active>expired',
]);

describe('session lifecycle', () => {
  const pairs = SESSION_STATUSES.flatMap((from) => SESSION_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s is allowed exactly when the contract draws it', (from, to) => {
    const expected = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(expected);
    if (expected) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      const error = (() => {
        try {
          assertTransition(from, to);
        } catch (e) {
          return e;
        }
      })() as Problem;
      expect(error).toBeInstanceOf(Problem);
      expect(error.status).toBe(409);
      expect(error.code).toBe('invalid_transition');
      expect(error.ext['allowed_transitions']).toEqual(sessionTransitions[from]);
    }
  });

  it('completed, failed and expired are terminal; pending and active are not', () => {
    expect(SESSION_STATUSES.filter(isTerminal)).toEqual(['completed', 'failed', 'expired']);
  });

  it('stamps started_at on activation and ended_at on terminal states', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(transitionStamps('active', now)).toEqual({ startedAt: now });
    expect(transitionStamps('completed', now)).toEqual({ endedAt: now });
    expect(transitionStamps('expired', now)).toEqual({ endedAt: now });
    expect(transitionStamps('pending', now)).toEqual({});
  });

  it('random sequences of attempted transitions never leave the machine', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SESSION_STATUSES), { maxLength: 30 }), (attempts) => {
        let state: SessionStatus = 'pending';
        const visited: SessionStatus[] = [state];
        for (const to of attempts) {
          try {
            assertTransition(state, to);
            state = to;
            visited.push(state);
          } catch (e) {
            expect((e as Problem).code).toBe('invalid_transition');
          }
        }
        // Every step taken is an edge of the drawn machine, and nothing leaves a terminal state.
        for (let i = 1; i < visited.length; i++)
          expect(ALLOWED.has(`${visited[i - 1]}>${visited[i]}`)).toBe(true);
        expect(visited.length).toBeLessThanOrEqual(3);
        const firstTerminal = visited.findIndex(isTerminal);
        if (firstTerminal >= 0) expect(firstTerminal).toBe(visited.length - 1);
      }),
      { numRuns: 500 },
    );
  });
});
