import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, type SocketOptions } from '../src/db/socket.js';
import type { SweepResult } from '../src/scheduler/scheduler.js';
import { createTestApp, openDatabase, type TestApp } from './helpers/app.js';
import { captureLog, lockWaiters, seedSessions, testScheduler, until } from './helpers/scheduler.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Per session of the tenant: its status and how many expiry events it has. */
const outcome = (owner: TestApp['owner'], tenant: string) =>
  owner<{ status: string; events: number }[]>`
    select s.status, (select count(*)::int from audit_events e
                       where e.tenant_id = s.tenant_id and e.resource_id = s.id::text
                         and e.action = 'session.status_changed') as events
      from sessions s where s.tenant_id = ${tenant}`;

/** Every session is either still live with no expiry event, or expired with exactly one. */
function expectNoHalfTransitions(rows: { status: string; events: number }[]) {
  for (const r of rows) {
    if (r.status === 'expired') expect(r.events).toBe(1);
    else expect(r).toMatchObject({ status: 'active', events: 0 });
  }
}

describe('shutdown', () => {
  it('starts with the app; app.close() in the middle of a large sweep lets the batch in progress commit and no other', async () => {
    // An app of its own: its scheduler sweeps every 50 ms, 100 sessions a batch.
    const own = await createTestApp({
      env: { SCHEDULER_ENABLED: 'true' },
      scheduler: { overrides: { intervalMs: 50, batchSize: 100, maxBatchesPerRun: 1000 } },
    });
    try {
      expect(own.app.scheduler?.started).toBe(true);
      const tenant = await own.newTenant();
      let closing: Promise<unknown> | undefined;
      await own.owner.begin(async (tx) => {
        // With the tenant's chain head held, the first batch stops at its COMMIT.
        await tx`select 1 from audit_heads where tenant_id = ${tenant} for update`;
        await seedSessions(own.owner, tenant, 2000);
        await lockWaiters(own.owner, 1);
        closing = own.app.close(); // what SIGTERM does (server.ts)
        await until(() => own.app.scheduler!.started === false);
      });
      await closing;
      const rows = await outcome(own.owner, tenant);
      expectNoHalfTransitions(rows);
      expect(rows.filter((r) => r.status === 'expired')).toHaveLength(100); // exactly that batch
      expect(own.app.scheduler!.status().every((s) => !s.running && s.nextRunAt === null)).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('a batch whose connection dies rolls back as a whole, and the next run does it', async () => {
    const tenant = await t.newTenant();
    await seedSessions(t.owner, tenant, 300);
    const log = captureLog();
    const scheduler = testScheduler(t.db, { log, overrides: { maxBatchesPerRun: 1 } });
    let run: Promise<unknown> | undefined;
    await t.owner.begin(async (tx) => {
      await tx`select 1 from audit_heads where tenant_id = ${tenant} for update`;
      run = scheduler.runOnce('session_expiry');
      await lockWaiters(t.owner, 1); // the batch, at its COMMIT
      await t.owner`select pg_terminate_backend(pid) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock'
                       and application_name = 'switchboard'`;
    });
    await run;
    const failed = scheduler.status().find((s) => s.name === 'session_expiry')!;
    expect(failed.consecutiveFailures).toBe(1);
    expect(failed.error).toMatch(/CONNECTION_CLOSED|terminat/);
    expect(log.entries.some((e) => e.level === 'warn' && e.fields['sweep'] === 'session_expiry')).toBe(true);
    const after = await outcome(t.owner, tenant);
    expectNoHalfTransitions(after);
    expect(after.filter((r) => r.status === 'expired')).toHaveLength(0); // the batch of 100: none of it

    await scheduler.drain(); // the pool replaces the lost connection by itself
    const done = await outcome(t.owner, tenant);
    expect(done.filter((r) => r.status === 'expired' && r.events === 1)).toHaveLength(300);
    expect(scheduler.status().find((s) => s.name === 'session_expiry')!.consecutiveFailures).toBe(0);
  });
});

describe('a database outage', () => {
  it('fails, logs, backs off, and recovers by itself once the database is back', async () => {
    // A port nobody listens on: while `down`, every new connection is refused.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let down = true;
    const db = openDatabase(t.dbName, {
      poolMax: 2,
      socket: (o: SocketOptions) => connectSocket(down ? { ...o, host: ['127.0.0.1'], port: [port] } : o),
    });
    const tenant = await t.newTenant();
    await seedSessions(t.owner, tenant, 5);
    const log = captureLog();
    const results: SweepResult[] = [];
    // One sweep: the pool's own reconnect backoff (postgres.js) grows with every failed attempt.
    const scheduler = testScheduler(db, {
      only: ['session_expiry'],
      log,
      onSweep: (r) => results.push(r),
      overrides: { intervalMs: 20, maxBackoffMs: 160, jitter: 0 },
    });
    try {
      scheduler.start();
      await until(
        () => (scheduler.status().find((s) => s.name === 'session_expiry')?.consecutiveFailures ?? 0) >= 3,
      );
      const sessionFailures = log.entries.filter(
        (e) => e.level === 'warn' && e.fields['sweep'] === 'session_expiry',
      );
      expect(sessionFailures.slice(0, 3).map((e) => e.fields['retryInMs'])).toEqual([20, 40, 80]);
      expect(String(sessionFailures[0]!.fields['err'])).toMatch(/ECONNREFUSED/);
      expect(results.some((r) => r.sweep === 'session_expiry' && r.error !== undefined)).toBe(true);

      down = false;
      await until(async () => (await outcome(t.owner, tenant)).every((r) => r.status === 'expired'));
      await until(() => scheduler.status().every((s) => s.consecutiveFailures === 0 && s.error === null));
      expect(results.filter((r) => r.sweep === 'session_expiry').at(-1)?.error).toBeUndefined();
    } finally {
      await scheduler.stop();
      await db.close();
    }
    expectNoHalfTransitions(await outcome(t.owner, tenant));
  });
});

describe('operators', () => {
  it('/readyz shows each sweep and stays 200 when one fails; GET /v1/admin/scheduler shows why', async () => {
    const own = await createTestApp({
      env: { SCHEDULER_ENABLED: 'true' },
      // The loop's first run is an hour away: the test runs the sweeps itself.
      scheduler: { overrides: { intervalMs: 3_600_000, random: () => 1 } },
    });
    try {
      const scheduler = own.app.scheduler!;
      // Only in this file's database: the sweeper may no longer read sessions.
      await own.owner`revoke select on sessions from switchboard_sweeper`;
      await scheduler.runOnce('session_expiry');
      await scheduler.runOnce('lease_expiry');

      const ready = await own.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      const body = ready.json();
      expect(body.status).toBe('ready');
      expect(body.scheduler.enabled).toBe(true);
      expect(body.scheduler.sweeps.map((s: { name: string }) => s.name)).toEqual([
        'session_expiry',
        'approval_expiry',
        'lease_expiry',
        'idempotency_key_purge',
        'task_key_release',
      ]);
      const [expiry, , lease, purge] = body.scheduler.sweeps;
      expect(expiry).toMatchObject({ ok: false, consecutive_failures: 1, changed: 0 });
      expect(lease).toMatchObject({ ok: true, consecutive_failures: 0, changed: 0 });
      expect(purge).toMatchObject({ ok: null, last_run_at: null });
      expect(Date.parse(expiry.next_run_at)).toBeGreaterThan(Date.parse(expiry.last_run_at));
      expect(ready.body).not.toMatch(/permission/); // no error text without a token

      const admin = await own.token(undefined, ['admin']);
      const status = await own.app.inject({
        method: 'GET',
        url: '/v1/admin/scheduler',
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(status.statusCode).toBe(200);
      expect(status.json()).toMatchObject({ enabled: true, interval_seconds: 3600, batch_size: 200 });
      const adminExpiry = status.json().sweeps[0];
      expect(adminExpiry).toMatchObject({ name: 'session_expiry', running: false, consecutive_failures: 1 });
      expect(adminExpiry.error).toMatch(/permission denied/);
      expect(adminExpiry.duration_ms).toBeGreaterThanOrEqual(0);

      await own.owner`grant select on sessions to switchboard_sweeper`;
      await scheduler.runOnce('session_expiry');
      const healed = (await own.app.inject({ method: 'GET', url: '/readyz' })).json().scheduler.sweeps[0];
      expect(healed).toMatchObject({ ok: true, consecutive_failures: 0 });

      // The app's scheduler reports every run to /metrics.
      const metrics = (await own.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toMatch(
        /switchboard_scheduler_sweeps_total\{sweep="session_expiry",outcome="error"\} 1\n/,
      );
      expect(metrics).toMatch(
        /switchboard_scheduler_sweeps_total\{sweep="session_expiry",outcome="ok"\} 1\n/,
      );
      expect(metrics).toMatch(/switchboard_scheduler_sweeps_total\{sweep="lease_expiry",outcome="ok"\} 1\n/);
    } finally {
      await own.close();
    }
  });

  it('GET /v1/admin/scheduler needs a token with scope admin; with the scheduler off it says so', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/admin/scheduler' })).statusCode).toBe(401);
    const writer = await t.token(await t.newTenant(), ['sessions:write']);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/v1/admin/scheduler',
      headers: { authorization: `Bearer ${writer}` },
    });
    expect(refused.statusCode).toBe(403);
    const admin = await t.token(undefined, ['admin']);
    const off = await t.app.inject({
      method: 'GET',
      url: '/v1/admin/scheduler',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(off.json()).toEqual({ enabled: false, interval_seconds: 60, batch_size: 200, sweeps: [] });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json().scheduler).toEqual({
      enabled: false,
      sweeps: [],
    });
  });
});
