import type postgres from 'postgres';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { type Clock, systemClock } from '../../src/lib/clock.js';
import { Scheduler, type SchedulerLog, type SchedulerOptions } from '../../src/scheduler/scheduler.js';
import { serverSweeps } from '../../src/scheduler/sweeps.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  msg: string | undefined;
}

/** A logger that keeps what it is told, for assertions. */
export function captureLog(): SchedulerLog & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (fields: unknown, msg?: string): void => {
      entries.push({ level, fields: fields as Record<string, unknown>, msg });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as never;
}

export interface TestSchedulerOptions {
  clock?: Clock;
  env?: Record<string, string>;
  log?: SchedulerLog;
  onSweep?: SchedulerOptions['onSweep'];
  overrides?: Partial<Omit<SchedulerOptions, 'jobs' | 'log' | 'onSweep'>>;
  /** Only these of the server's sweeps. */
  only?: string[];
}

/** A server's scheduler on `db`, not started: tests call runOnce/drain, or start it themselves. */
export function testScheduler(db: Database, o: TestSchedulerOptions = {}): Scheduler {
  const deps = { db, clock: o.clock ?? systemClock, config: loadConfig({ NODE_ENV: 'test', ...o.env }) };
  return new Scheduler({
    jobs: serverSweeps(deps).filter((j) => !o.only || o.only.includes(j.name)),
    intervalMs: 3_600_000,
    batchSize: 100,
    maxBatchesPerRun: 1000,
    maxBackoffMs: 600_000,
    log: o.log ?? captureLog(),
    onSweep: o.onSweep,
    ...o.overrides,
  });
}

export interface SeedOptions {
  status?: 'pending' | 'active' | 'completed' | 'failed' | 'expired';
  /** Seconds before the database's now() (default 60). */
  createdAgo?: number;
  /** Seconds after the database's now(); negative for overdue (default -1). */
  expiresIn?: number;
}

/** Inserts `n` sessions of one tenant in one statement (no audit events: only their expiry is counted). */
export async function seedSessions(owner: postgres.Sql, tenant: string, n: number, o: SeedOptions = {}) {
  const status = o.status ?? 'active';
  const createdAgo = o.createdAgo ?? 60;
  const expiresIn = o.expiresIn ?? -1;
  const rows = await owner<{ id: string }[]>`
    insert into sessions (tenant_id, id, agent_role, status, version, created_at, updated_at,
                          started_at, ended_at, expires_at)
    select ${tenant}, uuidv7(), 'seeded', ${status}, 1,
           now() - make_interval(secs => ${createdAgo}), now() - make_interval(secs => ${createdAgo}),
           case when ${status} <> 'pending' then now() - make_interval(secs => ${createdAgo}) end,
           case when ${status} in ('completed', 'failed', 'expired') then now() end,
           now() + make_interval(secs => ${expiresIn})
      from generate_series(1, ${n})
    returning id`;
  return rows.map((r) => r.id);
}

/**
 * Waits until `n` backends of this database wait for a lock: the way a test knows that a
 * transaction it started is now blocked where it meant it to be (no sleeps).
 */
export async function lockWaiters(owner: postgres.Sql, n: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await owner<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`;
    if ((row?.n ?? 0) >= n) return;
    if (Date.now() > deadline) throw new Error(`expected ${n} backends waiting for a lock`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Polls `check` until it holds, for state that changes in the background (a started scheduler). */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Takes every turn the tenant has among its writers (`db.writers`), as that many requests'
 * audited writes in flight would; resolves with the functions that give them back.
 */
export const takeWriterTurns = (db: Database, tenant: string) =>
  Promise.all(
    Array.from({ length: db.writers.limit }, () =>
      db.writers.enter(tenant, 5000, () => new Error('no turn')),
    ),
  );
