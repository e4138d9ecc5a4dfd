/**
 * `npm run bench` (see bench/README.md): the product, the hand-written floor (sequential and
 * pipelined) and the Platformatic DB peer on one database, every scenario against each in turn,
 * one table, JSON in bench/results/. `npm run bench -- --soak` runs the 5-minute soak instead.
 *
 * Options: --only create,get   --servers product,floor   --seconds 4 (per round)   --rounds 3
 *          --warmup 1 (each server, before the first round)   --connections 16   --rows 1000000   --cpu-prof (the product and the floors write .cpuprofile files)
 *          --node-args="--trace-opt --trace-deopt" (node flags for the product, the baseline and the floors;
 *          their stdout, V8's traces with it, then goes to bench/results/stdout/<server>.log)
 *          --baseline <dir> (adds another build of the product, see lib/servers.ts)
 *          --soak   --soak-seconds 300   --out name (of the JSON file)
 *          --rate 800 (a fixed load instead of the most each server answers; for A/B runs)
 *          --tsx (the product and the floors under tsx instead of compiled by tsc)
 *          --no-notify (an experiment: the audit stream's NOTIFY trigger disabled)
 *
 * The machine is shared and noisy: each scenario runs in rounds that alternate between the
 * servers, each round starting with the next server (no server always follows the same one and
 * inherits its leftovers: dirty pages, a checkpoint, an autovacuum), and each server's figures are
 * the medians over its rounds.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { mintToken } from '../src/http/auth/mint.js';
import { SCOPES } from '../src/http/auth/scopes.js';
import {
  type BenchDatabase,
  createTenants,
  sampleIds,
  seedSessions,
  seedTasks,
  sessionIds,
  startDatabase,
} from './lib/database.js';
import { type LoadOptions, type Measurement, measure, warmUp } from './lib/load.js';
import {
  type Launch,
  prepareRuntime,
  type Runtime,
  type Server,
  startBaseline,
  startFloor,
  startPeer,
  startProduct,
} from './lib/servers.js';
import { type Row, report } from './lib/table.js';
import { claimTenants, type Fixtures, type ServerName, scenarios, transitTenants } from './scenarios.js';
import { soak } from './soak.js';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    servers: { type: 'string', default: 'product,floor,floor-pipelined,peer' },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    baseline: { type: 'string' },
    // An experiment: without the audit stream's NOTIFY trigger (see README, "20 tenants").
    'no-notify': { type: 'boolean', default: false },
    connections: { type: 'string', default: '16' },
    // A fixed request rate (all connections together), for A/B runs: CPU per request at equal load.
    rate: { type: 'string' },
    rows: { type: 'string', default: '1000000' },
    'cpu-prof': { type: 'boolean', default: false },
    'node-args': { type: 'string' },
    // The product and the floors under tsx's loader instead of compiled (see lib/servers.ts).
    tsx: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    'soak-seconds': { type: 'string', default: '300' },
    out: { type: 'string' },
  },
  allowPositionals: true,
});

const log = (m: string) => process.stderr.write(`${m}\n`);
const SECONDS = Number(args.seconds);
const WORKERS = 8;
const ROUNDS = Number(args.rounds);
const RATE = args.rate ? Number(args.rate) : undefined;
const RUNTIME: Runtime = args.tsx ? 'tsx' : 'node';
const serverNames = [...(args.baseline ? ['baseline'] : []), ...args.servers!.split(',')] as ServerName[];
const chosen = scenarios.filter((s) => !args.only || args.only.split(',').includes(s.name));
const multiTenants = Array.from({ length: 20 }, (_, i) => `multi-${String(i).padStart(2, '0')}`);
const writers = serverNames.filter((s) => s !== 'peer');

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function prepare(db: BenchDatabase, secret: string): Promise<Fixtures> {
  const tenants = ['bench', 'deep', ...transitTenants(writers), ...claimTenants(writers), ...multiTenants];
  await createTenants(db.appUrl, tenants);
  const { owner } = db;
  // Enough pending sessions that none is activated twice, at any plausible rate.
  const pendingPerServer = Math.max(20_000, SECONDS * ROUNDS * 4_000);
  await timed('seeded 10,000 sessions in bench', () => seedSessions(owner, 'bench', 10_000));
  await timed(`seeded ${args.rows} sessions in deep`, () => seedSessions(owner, 'deep', Number(args.rows)));
  for (const t of transitTenants(writers)) await seedSessions(owner, t, pendingPerServer);
  for (const t of claimTenants(writers)) {
    await seedSessions(owner, t, WORKERS, 'active');
    await seedTasks(owner, t, Math.max(20_000, SECONDS * ROUNDS * 2_000));
  }
  // The 20 tenants hold rows before the statistics are gathered, as every other tenant does. Without
  // them the planner took a tenant it had never seen for a near-empty one and looked a session up
  // through (tenant_id, created_at) rather than the primary key: each of the peer's creates (an
  // UPDATE by primary key, then the INSERT) read every row its tenant had so far, and the peer's
  // database CPU per create grew round after round (1,004 -> 1,189 -> 1,320 us; pg_stat_statements
  // and pg_stat_user_indexes showed the plan). The product and the floors only insert.
  for (const t of multiTenants) await seedSessions(owner, t, 1_000);
  await timed('vacuum analyze', () => owner`vacuum analyze`);
  if (args['no-notify']) await owner`alter table audit_events disable trigger audit_events_notify`;
  const tokens = new Map<string, string>();
  for (const t of tenants) {
    tokens.set(
      t,
      await mintToken({ secret, subject: 'bench', tenant: t, scopes: SCOPES, expiresInSeconds: 6 * 3600 }),
    );
  }
  return {
    tokens,
    benchIds: await sessionIds(owner, 'bench'),
    cursors10k: await sampleIds(owner, 'bench', 1000),
    cursors1m: await sampleIds(owner, 'deep', 1000),
    pending: new Map(),
    workers: new Map(writers.map((s) => [s, [] as string[]])),
    multiTenants,
  };
}

/** `xs` starting from its `by`-th element (modulo its length), in the same cyclic order. */
const rotated = <T>(xs: readonly T[], by: number): T[] => {
  const k = xs.length === 0 ? 0 : by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
};

/**
 * Fixtures a run needs, read just before it. A server's pending sessions are read once, before its
 * first transition round, and then only taken from (each request pops one): read again, they would
 * include the sessions whose activations the last round left in flight, and a server measured twice
 * in a row (one or two servers, rotated rounds) would activate those again: 409s that are the
 * benchmark's.
 */
async function refresh(db: BenchDatabase, f: Fixtures, scenario: string, server: ServerName) {
  if (server === 'peer') return;
  if (scenario === 'transition' && !f.pending.has(server))
    f.pending.set(server, await sessionIds(db.owner, `transit-${server}`, 'pending'));
  if (scenario === 'claim-complete')
    f.workers.set(server, await sessionIds(db.owner, `claim-${server}`, 'active'));
}

async function start(name: ServerName, db: BenchDatabase, secret: string): Promise<Server> {
  const launch: Launch = {
    nodeArgs: [
      ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=bench/results/profiles/${name}`] : []),
      ...(args['node-args']?.split(' ').filter(Boolean) ?? []),
    ],
  };
  if (args['node-args']) {
    await mkdir('bench/results/stdout', { recursive: true });
    launch.stdout = `bench/results/stdout/${name}.log`;
  }
  if (name === 'product') return startProduct(db.appUrl, secret, {}, launch);
  if (name === 'baseline') return startBaseline(args.baseline!, db.appUrl, secret, launch);
  if (name === 'floor') return startFloor(db.appUrl, 'sequential', launch);
  if (name === 'floor-pipelined') return startFloor(db.appUrl, 'pipelined', launch);
  // The peer has no tenancy: it connects as the superuser, which row-level security does not stop.
  return startPeer(db.ownerUrl);
}

async function main() {
  const secret = randomBytes(32).toString('hex');
  await timed(RUNTIME === 'tsx' ? 'under tsx, nothing to compile' : 'compiled with tsc', () =>
    prepareRuntime(RUNTIME),
  );
  if (args.baseline) await timed('compiled the baseline', () => prepareRuntime(RUNTIME, args.baseline));
  const db = await startDatabase(log);
  const servers: Server[] = [];
  try {
    if (args.soak) {
      const fixtures = await prepare(db, secret);
      const product = await startProduct(db.appUrl, secret);
      servers.push(product);
      const result = await soak(product, fixtures, Number(args['soak-seconds']), log);
      await save(args.out ?? `soak-${stamp()}`, { soak: result });
      return;
    }
    const fixtures = await prepare(db, secret);
    const walBytes = async () =>
      Number(
        (await db.owner<{ bytes: string }[]>`select wal_bytes::text as bytes from pg_stat_wal`)[0]!.bytes,
      );
    for (const name of serverNames)
      servers.push(await timed(`started ${name}`, () => start(name, db, secret)));
    const rows: Row[] = [];
    for (const scenario of chosen) {
      const runs = new Map<Server, Measurement[]>();
      // Requests a slow scenario left queued in a server finish before the next one starts, and
      // the rows the last scenarios wrote are vacuumed now, so that an autovacuum worker is less
      // likely to start in the middle of some server's rounds and bill them for its work.
      await Promise.all([db.owner`vacuum analyze`, new Promise((r) => setTimeout(r, 3000))]);
      const loadOf = async (server: Server): Promise<LoadOptions | undefined> => {
        const name = server.name as ServerName;
        const make = scenario.servers[name === 'baseline' ? 'product' : name];
        if (!make) return undefined;
        await refresh(db, fixtures, scenario.name, name);
        const { requests, headers } = make(fixtures, name);
        return {
          url: server.url,
          pid: server.pid,
          requests,
          ...(headers ? { headers } : {}),
          connections: scenario.connections ?? Number(args.connections),
          seconds: SECONDS,
          rate: RATE,
          walBytes,
        };
      };
      // Every server warms up before any is measured: the first load after the vacuum also pays
      // for what the vacuum left (free space to fill in old pages, plans to make again), and that
      // should be no server's measured round. A transition has nothing to spare for a warm-up.
      if (scenario.name !== 'transition' && Number(args.warmup) > 0) {
        for (const server of servers) {
          const load = await loadOf(server);
          if (load) await warmUp(load, Number(args.warmup));
        }
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const server of rotated(servers, round)) {
          const load = await loadOf(server);
          if (!load) continue;
          const name = server.name as ServerName;
          const m = await measure(load);
          log(
            `${scenario.name.padEnd(18)} ${name.padEnd(16)} ${m.rps} req/s p99 ${m.p99} ms non-2xx ${m.non2xx} ${JSON.stringify(m.failures)} cpu ${m.cpuUs} us/req db ${m.dbCpuUs} us/req WAL ${m.walBytes} B/req machine ${m.machineBusyPct}% busy`,
          );
          runs.set(server, [...(runs.get(server) ?? []), m]);
        }
      }
      for (const [server, ms] of runs)
        rows.push({ scenario: scenario.name, server: server.name as ServerName, ...median(ms) });
    }
    const summary = report(rows);
    process.stdout.write(`${summary.text}\n`);
    await save(args.out ?? `run-${stamp()}`, {
      settings: {
        seconds: SECONDS,
        rounds: ROUNDS,
        connections: Number(args.connections),
        rate: RATE ?? null,
        runtime: RUNTIME,
        rows: Number(args.rows),
      },
      rows,
      ratios: summary.ratios,
    });
  } finally {
    for (const server of servers)
      await server.stop().catch((e: unknown) => log(`stopping ${server.name}: ${e}`));
    await db.stop();
  }
}

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Medians over the rounds (counts of failures are summed, memory is the peak). */
function median(ms: Measurement[]): Measurement {
  return {
    rps: mid(ms.map((m) => m.rps)),
    requests: ms.reduce((a, m) => a + m.requests, 0),
    p50: mid(ms.map((m) => m.p50)),
    p99: mid(ms.map((m) => m.p99)),
    non2xx: ms.reduce((a, m) => a + m.non2xx, 0),
    errors: ms.reduce((a, m) => a + m.errors, 0),
    rssMb: Math.max(...ms.map((m) => m.rssMb)),
    cpuUs: mid(ms.map((m) => m.cpuUs)),
    dbCpuUs: mid(ms.map((m) => m.dbCpuUs)),
    walBytes: mid(ms.map((m) => m.walBytes)),
    machineBusyPct: mid(ms.map((m) => m.machineBusyPct)),
    failures: ms.reduce<Record<string, number>>((all, m) => {
      for (const [code, n] of Object.entries(m.failures)) all[code] = (all[code] ?? 0) + n;
      return all;
    }, {}),
  };
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

async function save(name: string, data: object) {
  await mkdir(new URL('results/', import.meta.url), { recursive: true });
  const file = new URL(`results/${name}.json`, import.meta.url);
  const meta = {
    node: process.version,
    at: new Date().toISOString(),
    cpus: (await import('node:os')).cpus().length,
  };
  await writeFile(file, `${JSON.stringify({ meta, ...data }, null, 2)}\n`);
  log(`wrote ${file.pathname}`);
}

main().catch((error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
