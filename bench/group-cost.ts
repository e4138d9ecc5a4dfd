/**
 * `npx tsx bench/group-cost.ts`: what group commit saves the database per session create, and what
 * spreading the creates over tenants costs it. One backend creates 4,000 sessions as the product
 * does, in one tenant and round-robin over 20: each alone (create_session(), its own transaction),
 * then in groups of 1, 4, 8, 16 and 32 (create_sessions(), drizzle/0011_group_commit_create.sql:
 * one transaction a group). The rounds alternate, reversing their order every other time (the first
 * after a checkpoint pays more). Prints the backend's CPU per create (from /proc). Starts its own
 * embedded PostgreSQL (or uses BENCH_DATABASE_URL) and stops it at the end.
 */
import type postgres from 'postgres';
import { createParams, createSessionArgs, median, onOneBackend } from './lib/probe.js';
import { cpuMsOf } from './lib/servers.js';

const CREATES = 4000;
const ROUNDS = 6;
const SIZES = [0, 1, 4, 8, 16, 32]; // 0: alone
const tenants = Array.from({ length: 20 }, (_, i) => `group-cost-${i}`);
const SPREADS = [1, 20]; // over how many of them the creates go

const ALONE =
  'select id from create_session($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)';
const GROUP = 'select id from create_sessions($1, $2)';

async function creates(c: postgres.ReservedSql, pid: number, size: number, spread: number): Promise<number> {
  const tenant = (i: number) => tenants[i % spread]!;
  const before = await cpuMsOf(pid);
  for (let i = 0; i < CREATES; i += Math.max(size, 1)) {
    if (size === 0) {
      await c.unsafe(ALONE, createSessionArgs(tenant(i)) as never, { prepare: true });
    } else {
      // The item's event data as text, as the product sends it (create_sessions() casts it).
      const items = Array.from({ length: size }, (_, k) => createParams(tenant(i + k))).map((x) => ({
        tenant: x.tenant,
        session: x.session,
        event: [...x.event, JSON.stringify(x.data)],
      }));
      await c.unsafe(GROUP, [null, items] as never, { prepare: true });
    }
  }
  return (((await cpuMsOf(pid)) - before) * 1000) / CREATES;
}

const cases = SPREADS.flatMap((spread) => SIZES.map((size) => ({ spread, size })));
await onOneBackend(tenants, async (c, pid) => {
  for (const { size, spread } of cases) await creates(c, pid, size, spread); // warm-up: plans, caches
  const results = new Map<(typeof cases)[number], number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const one of round % 2 ? [...cases].reverse() : cases) {
      await c`checkpoint`;
      results.set(one, [...(results.get(one) ?? []), await creates(c, pid, one.size, one.spread)]);
    }
  }
  for (const [{ size, spread }, us] of results) {
    const what = `${size === 0 ? 'alone' : `groups of ${size}`}, ${spread === 1 ? '1 tenant' : `${spread} tenants`}`;
    console.log(
      `${what.padEnd(24)} database CPU per create: median ${median(us).toFixed(0)} us [${us.map((u) => u.toFixed(0)).join(', ')}] (${ROUNDS} rounds of ${CREATES})`,
    );
  }
});
