import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../src/db/group-commit.js';

const tick = () => new Promise((r) => setImmediate(r));

interface Item {
  key: string;
  n: number;
}

/** A `send` whose groups stay in flight until released, recording what it was given. */
function manualSend() {
  const sent: {
    items: Item[];
    release: (results?: (number | undefined)[]) => void;
    fail: (e: Error) => void;
  }[] = [];
  const send = (items: readonly Item[]) =>
    new Promise<readonly (number | undefined)[]>((resolve, reject) => {
      sent.push({
        items: [...items],
        release: (results) => resolve(results ?? items.map((i) => i.n)),
        fail: reject,
      });
    });
  return { sent, send };
}

const keyOf = (i: Item) => i.key;

describe('GroupCommit', () => {
  it('sends the first item at once, alone, and gathers the ones that come while it is in flight', async () => {
    const { sent, send } = manualSend();
    const group = new GroupCommit(send, { max: 10, inFlight: 1, keyOf });
    const first = group.submit({ key: 'a', n: 1 });
    expect(sent.map((s) => s.items.map((i) => i.n))).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => group.submit({ key: n % 2 ? 'a' : 'b', n }));
    await tick();
    expect(sent).toHaveLength(1);
    sent[0]!.release();
    expect(await first).toBe(1);
    expect(sent.map((s) => s.items.map((i) => i.n))).toEqual([[1], [2, 3, 4]]);
    sent[1]!.release([20, undefined, 40]);
    expect(await Promise.all(rest)).toEqual([20, undefined, 40]);
  });

  it('never sends a key in two groups at once, and sends another key in a second group', async () => {
    const { sent, send } = manualSend();
    const group = new GroupCommit(send, { max: 10, inFlight: 2, keyOf });
    const results = [
      group.submit({ key: 'a', n: 1 }),
      group.submit({ key: 'a', n: 2 }),
      group.submit({ key: 'b', n: 3 }),
      group.submit({ key: 'a', n: 4 }),
      group.submit({ key: 'c', n: 5 }),
    ];
    // 'a' is in flight: its next ones wait, 'b' goes in the second group; 'c' waits for room.
    expect(sent.map((s) => s.items.map((i) => i.n))).toEqual([[1], [3]]);
    sent[1]!.release();
    await tick();
    expect(sent.map((s) => s.items.map((i) => i.n))).toEqual([[1], [3], [5]]);
    sent[0]!.release();
    await tick();
    expect(sent.map((s) => s.items.map((i) => i.n))).toEqual([[1], [3], [5], [2, 4]]);
    sent[2]!.release();
    sent[3]!.release();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
  });

  it('caps a group at max items', async () => {
    const { sent, send } = manualSend();
    const group = new GroupCommit(send, { max: 2, inFlight: 1, keyOf });
    const results = [1, 2, 3, 4, 5, 6].map((n) => group.submit({ key: 'a', n }));
    for (let i = 0; i < 4; i++) {
      sent[i]!.release();
      await tick();
    }
    expect(sent.map((s) => s.items.map((i) => i.n))).toEqual([[1], [2, 3], [4, 5], [6]]);
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects the items of a group whose send fails, and goes on with the next', async () => {
    const { sent, send } = manualSend();
    const group = new GroupCommit(send, { max: 10, inFlight: 1, keyOf });
    const first = group.submit({ key: 'a', n: 1 });
    const second = group.submit({ key: 'a', n: 2 });
    sent[0]!.fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    sent[1]!.release();
    expect(await second).toBe(2);
  });

  it('refuses a size or a number in flight below 1', () => {
    const send = async () => [];
    expect(() => new GroupCommit(send, { max: 0, inFlight: 1, keyOf })).toThrow('max must be >= 1');
    expect(() => new GroupCommit(send, { max: 1, inFlight: 0.5, keyOf })).toThrow('inFlight must be >= 1');
  });

  it('for any arrivals and answers: each item gets its own result, within the limits, in order per key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b', 'c', 'd'),
            done: fc.boolean(),
            fails: fc.boolean(),
            // ticks before the next submit, and before this item's group answers
            gap: fc.nat(3),
            delay: fc.nat(3),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        async (plan, max, inFlight) => {
          const inside = new Map<string, number>();
          let groups = 0;
          let worst = 0;
          const sentOrder = new Map<string, number[]>();
          const expected = new Map<number, number | undefined | 'rejected'>();
          const send = async (items: readonly Item[]) => {
            expect(items.length).toBeGreaterThanOrEqual(1);
            expect(items.length).toBeLessThanOrEqual(max);
            groups++;
            worst = Math.max(worst, groups);
            const keys = new Set(items.map((i) => i.key));
            for (const key of keys) {
              expect(inside.get(key) ?? 0).toBe(0);
              inside.set(key, 1);
            }
            for (const i of items) sentOrder.set(i.key, [...(sentOrder.get(i.key) ?? []), i.n]);
            const delay = Math.max(...items.map((i) => plan[i.n]!.delay));
            for (let t = 0; t < delay; t++) await tick();
            groups--;
            for (const key of keys) inside.set(key, 0);
            const fails = items.some((i) => plan[i.n]!.fails);
            for (const i of items)
              expected.set(i.n, fails ? 'rejected' : plan[i.n]!.done ? i.n * 10 : undefined);
            if (fails) throw new Error(`group of ${items[0]!.n} failed`);
            return items.map((i) => expected.get(i.n) as number | undefined);
          };
          const group = new GroupCommit(send, { max, inFlight, keyOf });
          const outcomes: Promise<unknown>[] = [];
          for (const [n, step] of plan.entries()) {
            outcomes.push(
              group.submit({ key: step.key, n }).then(
                (r) => ({ n, r }),
                (e: Error) => ({ n, e: e.message }),
              ),
            );
            for (let t = 0; t < step.gap; t++) await tick();
          }
          const settled = (await Promise.all(outcomes)) as { n: number; r?: number; e?: string }[];
          expect(expected.size).toBe(plan.length); // each item was sent once
          for (const { n, r, e } of settled) expect(e === undefined ? r : 'rejected').toBe(expected.get(n));
          expect(worst).toBeLessThanOrEqual(inFlight);
          // Per key, items go to the database in the order they were submitted.
          for (const [key, order] of sentOrder) {
            expect(order).toEqual(plan.flatMap((s, n) => (s.key === key ? [n] : [])));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
