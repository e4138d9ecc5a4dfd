/**
 * `npx tsx bench/group-cost.ts`: what group commit saves the database per session create. One
 * backend creates 4,000 sessions over 20 tenants as the product does: each alone
 * (create_session(), its own transaction), then in groups of 1, 4, 8, 16 and 32
 * (create_sessions(), drizzle/0011_group_commit_create.sql: one transaction a group). The rounds
 * alternate, reversing their order every other time (the first after a checkpoint pays more).
 * Prints the backend's CPU per create (from /proc). Starts its own embedded PostgreSQL (or uses
 * BENCH_DATABASE_URL) and stops it at the end.
 */
import type postgres from 'postgres';
import { createParams, createSessionArgs, median, onOneBackend } from './lib/probe.js';
import { cpuMsOf } from './lib/servers.js';

const CREATES = 4000;
const ROUNDS = 6;
const SIZES = [0, 1, 4, 8, 16, 32]; // 0: alone
const tenants = Array.from({ length: 20 }, (_, i) => `group-cost-${i}`);

const ALONE =
  'select id from create_session($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)';
const GROUP = 'select id from create_sessions($1, $2)';

async function creates(c: postgres.ReservedSql, pid: number, size: number): Promise<number> {
  const before = await cpuMsOf(pid);
  for (let i = 0; i < CREATES; i += Math.max(size, 1)) {
    if (size === 0) {
      await c.unsafe(ALONE, createSessionArgs(tenants[i % tenants.length]!) as never, { prepare: true });
    } else {
      // The item's event data as text, as the product sends it (create_sessions() casts it).
      const items = Array.from({ length: size }, (_, k) =>
        createParams(tenants[(i + k) % tenants.length]!),
      ).map((x) => ({
        tenant: x.tenant,
        session: x.session,
        event: [...x.event, JSON.stringify(x.data)],
      }));
      await c.unsafe(GROUP, [null, items] as never, { prepare: true });
    }
  }
  return (((await cpuMsOf(pid)) - before) * 1000) / CREATES;
}

await onOneBackend(tenants, async (c, pid) => {
  for (const size of SIZES) await creates(c, pid, size); // warm-up: plans, caches
  const results = new Map<number, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const size of round % 2 ? [...SIZES].reverse() : SIZES) {
      await c`checkpoint`;
      results.set(size, [...(results.get(size) ?? []), await creates(c, pid, size)]);
    }
  }
  for (const [size, us] of results) {
    console.log(
      `${(size === 0 ? 'alone' : `groups of ${size}`).padEnd(16)} database CPU per create: median ${median(us).toFixed(0)} us [${us.map((u) => u.toFixed(0)).join(', ')}] (${ROUNDS} rounds of ${CREATES})`,
    );
  }
});
