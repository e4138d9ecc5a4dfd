import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TenantGate } from '../src/db/tenant-gate.js';

const timeout = () => new Error('timed out');
const tick = () => new Promise((r) => setImmediate(r));

describe('TenantGate', () => {
  it('lets in up to the limit per tenant, the rest in arrival order as others leave', async () => {
    const gate = new TenantGate(2);
    const order: string[] = [];
    const enter = (tenant: string, name: string) =>
      gate.enter(tenant, 10_000, timeout).then((leave) => {
        order.push(name);
        return leave;
      });
    const a1 = enter('a', 'a1');
    const a2 = enter('a', 'a2');
    const a3 = enter('a', 'a3');
    const a4 = enter('a', 'a4');
    const b1 = enter('b', 'b1');
    await tick();
    expect(order).toEqual(['a1', 'a2', 'b1']);
    expect(gate.waiting).toBe(2);
    (await a2)();
    await tick();
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3']);
    (await a1)();
    (await a1)(); // leaving twice lets only one more in
    await tick();
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    expect(gate.waiting).toBe(0);
    for (const p of [a3, a4, b1]) (await p)();
    expect(gate.tenants).toBe(0);
  });

  it('gives up on a wait after waitMs, and the waiter no longer takes a turn', async () => {
    const gate = new TenantGate(1);
    const first = await gate.enter('a', 1000, timeout);
    await expect(gate.enter('a', 20, timeout)).rejects.toThrow('timed out');
    expect(gate.waiting).toBe(0);
    first();
    const again = await gate.enter('a', 20, timeout); // free again: the timed-out waiter holds nothing
    again();
  });

  it('refuses a limit below one', () => {
    expect(() => new TenantGate(0)).toThrow(/>= 1/);
  });

  it('never has more than the limit of one tenant inside, and admits everyone in the end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 })), { maxLength: 40 }),
        async (limit, writes) => {
          const gate = new TenantGate(limit);
          const inside = new Map<string, number>();
          let most = 0;
          await Promise.all(
            writes.map(async ([tenant, ticks]) => {
              const leave = await gate.enter(tenant, 10_000, timeout);
              const n = (inside.get(tenant) ?? 0) + 1;
              inside.set(tenant, n);
              most = Math.max(most, n);
              for (let i = 0; i < ticks; i++) await tick();
              inside.set(tenant, (inside.get(tenant) ?? 1) - 1);
              leave();
            }),
          );
          expect(most).toBeLessThanOrEqual(limit);
          expect(gate.waiting).toBe(0);
          expect(gate.tenants).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });
});
