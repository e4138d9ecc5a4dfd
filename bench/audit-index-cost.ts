/**
 * `npx tsx bench/audit-index-cost.ts`: what the audit log's five filter indexes (resource, action,
 * actor, trace, time: each serves a filter of GET /v1/audit-events) cost a create. One backend
 * calls create_session() as the product does (its own transaction, committed), 4,000 times over 20
 * tenants, with every index, without the trace index, and without all five; the rounds alternate
 * (and reverse their order every other time: the first after a checkpoint pays more). Prints the
 * backend's CPU per create (from /proc). Starts its own embedded PostgreSQL (or uses
 * BENCH_DATABASE_URL) and stops it at the end; the indexes are made again after each round.
 */
import type postgres from 'postgres';
import { createSessionArgs, median, onOneBackend } from './lib/probe.js';
import { cpuMsOf } from './lib/servers.js';

const CREATES = 4000;
const ROUNDS = 10;
const tenants = Array.from({ length: 20 }, (_, i) => `index-cost-${i}`);

// The definitions of drizzle/0000_init.sql (src/db/schema.ts).
const INDEXES: Record<string, string> = {
  resource: '(tenant_id, resource_type, resource_id, seq)',
  action: '(tenant_id, action, seq)',
  actor: '(tenant_id, actor_id, seq)',
  trace: '(tenant_id, trace_id, seq)',
  occurred: '(tenant_id, occurred_at)',
};
const variants: [string, string[]][] = [
  ['every index', []],
  ['without the trace index', ['trace']],
  ['without the five', Object.keys(INDEXES)],
];

const CALL =
  'select id from create_session($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)';

async function creates(c: postgres.ReservedSql, pid: number): Promise<number> {
  const before = await cpuMsOf(pid);
  for (let i = 0; i < CREATES; i++) {
    const params = createSessionArgs(tenants[i % tenants.length]!);
    await c.unsafe(CALL, params as postgres.ParameterOrJSON<never>[], { prepare: true });
  }
  return (((await cpuMsOf(pid)) - before) * 1000) / CREATES;
}

await onOneBackend(tenants, async (c, pid) => {
  await creates(c, pid); // warm-up: plans, caches
  const results = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, dropped] of round % 2 ? [...variants].reverse() : variants) {
      for (const index of dropped) await c.unsafe(`drop index audit_events_${index}_idx`);
      await c`checkpoint`;
      const us = await creates(c, pid);
      for (const index of dropped)
        await c.unsafe(`create index audit_events_${index}_idx on audit_events ${INDEXES[index]}`);
      results.set(name, [...(results.get(name) ?? []), us]);
    }
  }
  for (const [name, us] of results) {
    const mean = us.reduce((a, b) => a + b, 0) / us.length;
    console.log(
      `${name.padEnd(24)} database CPU per create: mean ${mean.toFixed(0)} us, median ${median(us).toFixed(0)} us (${ROUNDS} rounds of ${CREATES})`,
    );
  }
});
