/**
 * Session expiry under load: `npx tsx bench/expire-sessions.ts` (SESSIONS=1000000, CLIENTS=4,
 * BATCH=<SCHEDULER_BATCH_SIZE>, IDLE_SECONDS=10 to change the defaults).
 *
 * Starts the real app (JWT auth, embedded PostgreSQL in a temporary directory, requests as
 * switchboard_app) on 127.0.0.1, seeds SESSIONS overdue sessions in one tenant in SQL, then
 * measures GET /v1/sessions/{id} (random existing ids, CLIENTS concurrent HTTP clients): while
 * nothing else runs, then while this process's scheduler expires every seeded session (the same
 * code path a server process runs, on the app's own pool), then idle again (this machine is
 * shared: a second idle sample shows how much the baseline itself moved). Prints sessions/s, the
 * p99s and the ratio during/idle, and checks that every session expired exactly once with one
 * event. Stops everything it started, also on Ctrl-C.
 */
import { systemClock } from '../src/lib/clock.js';
import { createServerScheduler } from '../src/scheduler/sweeps.js';
import { startBenchApp } from './lib/app.js';

const SESSIONS = Number(process.env.SESSIONS ?? 100_000);
const CLIENTS = Number(process.env.CLIENTS ?? 4);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 10);
const TENANT = 'bench';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const ms = (n: number) => Number(n.toFixed(2));
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50_ms: ms(percentile(sorted, 50)),
    p99_ms: ms(percentile(sorted, 99)),
    max_ms: ms(sorted.at(-1) ?? 0),
  };
};

async function main() {
  // The app's own loop stays off: this script runs the same scheduler itself, when it measures.
  const bench = await startBenchApp(TENANT, {
    ...(process.env.BATCH ? { SCHEDULER_BATCH_SIZE: process.env.BATCH } : {}),
    SCHEDULER_MAX_BATCHES_PER_RUN: '1000000',
  });
  const { address, owner, config, database } = bench;
  const interrupted = () => {
    process.stderr.write('interrupted: stopping the server and PostgreSQL\n');
    bench.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // Seeding is not what is measured: one INSERT of every session, overdue by an hour.
    const seedStart = performance.now();
    await owner`
      insert into sessions (tenant_id, id, agent_role, status, version, created_at, updated_at, started_at, expires_at)
      select ${TENANT}, uuidv7(), 'bench', case when i % 2 = 0 then 'active' else 'pending' end, 1,
             now() - interval '2 hours', now() - interval '2 hours',
             case when i % 2 = 0 then now() - interval '2 hours' end,
             now() - interval '1 hour' + i * interval '1 microsecond'
        from generate_series(1, ${SESSIONS}) as i`;
    await owner`vacuum analyze sessions`;
    const ids = (
      await owner<{ id: string }[]>`
        select id from sessions where tenant_id = ${TENANT} order by random() limit 20000`
    ).map((r) => r.id);
    process.stderr.write(`seeded ${SESSIONS} sessions in ${Math.round(performance.now() - seedStart)} ms\n`);

    const token = await bench.token(['sessions:read']);
    let failures = 0;
    const load = async (keepGoing: () => boolean) => {
      const samples: number[] = [];
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (keepGoing()) {
            const id = ids[Math.floor(Math.random() * ids.length)];
            const t0 = performance.now();
            const res = await fetch(`${address}/v1/sessions/${id}`, {
              headers: { authorization: `Bearer ${token}` },
            });
            await res.arrayBuffer();
            samples.push(performance.now() - t0);
            if (res.status !== 200) failures++;
          }
        }),
      );
      return samples;
    };

    // Warm up (connections, prepared statements, caches), then the idle baseline.
    let until = performance.now() + 2000;
    await load(() => performance.now() < until);
    until = performance.now() + IDLE_SECONDS * 1000;
    const idle = await load(() => performance.now() < until);

    const scheduler = createServerScheduler({
      db: database,
      clock: systemClock,
      config,
      log: { debug() {}, info() {}, warn() {}, error() {} } as never,
    });
    let sweeping = true;
    const sweepStart = performance.now();
    const [, during] = await Promise.all([
      scheduler.runOnce('session_expiry').finally(() => {
        sweeping = false;
      }),
      load(() => sweeping),
    ]);
    const sweepSeconds = (performance.now() - sweepStart) / 1000;
    const status = scheduler.status().find((s) => s.name === 'session_expiry');
    await scheduler.stop();
    until = performance.now() + IDLE_SECONDS * 1000;
    const idleAfter = await load(() => performance.now() < until);

    const [db] = await owner<{ expired: number; live: number; events: number; twice: number }[]>`
      select (select count(*)::int from sessions where tenant_id = ${TENANT} and status = 'expired') as expired,
             (select count(*)::int from sessions where tenant_id = ${TENANT} and status in ('pending', 'active')) as live,
             (select count(*)::int from audit_events where tenant_id = ${TENANT} and action = 'session.status_changed') as events,
             (select count(*)::int from (select resource_id from audit_events
                 where tenant_id = ${TENANT} and action = 'session.status_changed' group by 1 having count(*) > 1) m) as twice`;
    const idleSummary = summary(idle);
    const duringSummary = summary(during);
    const result = {
      sessions: SESSIONS,
      batch_size: config.SCHEDULER_BATCH_SIZE,
      clients: CLIENTS,
      sweep_seconds: Number(sweepSeconds.toFixed(2)),
      sessions_per_second: Math.round(SESSIONS / sweepSeconds),
      sweep_error: status?.error ?? null,
      get_idle: idleSummary,
      get_during_sweep: duringSummary,
      get_idle_after: summary(idleAfter),
      p99_ratio: Number((duringSummary.p99_ms / idleSummary.p99_ms).toFixed(2)),
      http_failures: failures,
      db,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const ok = db?.expired === SESSIONS && db.live === 0 && db.events === SESSIONS && db.twice === 0;
    process.stdout.write(
      ok ? 'OK: every session expired exactly once, one event each\n' : 'FAILED: see above\n',
    );
    process.exitCode = ok && failures === 0 ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await bench.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
