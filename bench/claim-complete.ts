/**
 * Claim-complete throughput: `npx tsx bench/claim-complete.ts [tasks] [workers]`.
 *
 * Starts the real app (JWT auth, embedded PostgreSQL in a temporary directory, requests as
 * switchboard_app) on 127.0.0.1, seeds pending tasks in one tenant, and runs concurrent HTTP
 * workers, each with its own active session, that claim and complete until the queue is empty.
 * Prints tasks/s and claim latency percentiles, then checks in the database that every task was
 * claimed and completed exactly once. Stops everything it started.
 */
import { startBenchApp } from './lib/app.js';

const TASKS = Number(process.argv[2] ?? 10_000);
const WORKERS = Number(process.argv[3] ?? 8);
const TENANT = 'bench';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function main() {
  const bench = await startBenchApp(TENANT);
  const { address, owner } = bench;
  try {
    // Seeding is not what is measured: one INSERT of every task, as the owner.
    await owner`
      insert into tasks (tenant_id, id, type, to_agent_role, status, priority, trace_id, max_attempts,
                         run_after, created_at, updated_at)
      select ${TENANT}, uuidv7(), 'bench', 'worker', 'pending', (random() * 9)::int, md5(i::text), 3,
             now(), now() + i * interval '1 microsecond', now()
        from generate_series(1, ${TASKS}) as i`;
    await owner`analyze tasks`;

    const token = await bench.token(['tasks:write', 'sessions:write']);
    const call = async (path: string, body: object) => {
      const res = await fetch(`${address}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
    };

    const sessions: string[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const created = await call('/v1/sessions', { agent_role: 'worker' });
      const id = created.body?.['id'] as string;
      await call(`/v1/sessions/${id}/activate`, {});
      sessions.push(id);
    }

    const claimMs: number[] = [];
    const completeMs: number[] = [];
    const seen = new Map<string, number>();
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      sessions.map(async (session) => {
        for (;;) {
          const t0 = performance.now();
          const claimed = await call('/v1/tasks/claim', { agent_role: 'worker', session_id: session });
          claimMs.push(performance.now() - t0);
          if (claimed.status === 204) return;
          if (claimed.status !== 200) {
            errors++;
            continue;
          }
          const id = claimed.body?.['id'] as string;
          seen.set(id, (seen.get(id) ?? 0) + 1);
          const t1 = performance.now();
          const done = await call(`/v1/tasks/${id}/complete`, { session_id: session, output: { ok: true } });
          completeMs.push(performance.now() - t1);
          if (done.status !== 200) errors++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const [db] = await owner<{ completed: number; twice: number; claims: number; multi: number }[]>`
      select (select count(*)::int from tasks where tenant_id = ${TENANT} and status = 'completed' and attempts = 1) as completed,
             (select count(*)::int from tasks where tenant_id = ${TENANT} and attempts <> 1) as twice,
             (select count(*)::int from audit_events where tenant_id = ${TENANT} and action = 'task.claimed') as claims,
             (select count(*)::int from (select resource_id from audit_events
                 where tenant_id = ${TENANT} and action = 'task.claimed' group by 1 having count(*) > 1) m) as multi`;
    const sorted = [...claimMs].sort((a, b) => a - b);
    const sortedComplete = [...completeMs].sort((a, b) => a - b);
    const processedTwice =
      [...seen.values()].filter((n) => n > 1).length + (db?.twice ?? 0) + (db?.multi ?? 0);
    const result = {
      tasks: TASKS,
      workers: WORKERS,
      seconds: Number(seconds.toFixed(2)),
      tasks_per_second: Math.round(seen.size / seconds),
      claim_ms: {
        p50: Number(percentile(sorted, 50).toFixed(2)),
        p99: Number(percentile(sorted, 99).toFixed(2)),
        max: Number((sorted.at(-1) ?? 0).toFixed(2)),
      },
      complete_ms: {
        p50: Number(percentile(sortedComplete, 50).toFixed(2)),
        p99: Number(percentile(sortedComplete, 99).toFixed(2)),
      },
      completed_once_in_db: db?.completed,
      claim_events: db?.claims,
      http_errors: errors,
      processed_twice: processedTwice,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const ok = result.completed_once_in_db === TASKS && result.claim_events === TASKS && processedTwice === 0;
    process.stdout.write(ok ? 'OK: every task claimed and completed exactly once\n' : 'FAILED: see above\n');
    process.exitCode = ok && errors === 0 ? 0 : 1;
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
