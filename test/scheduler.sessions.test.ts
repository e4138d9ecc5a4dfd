import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, openDatabase, type TestApp } from './helpers/app.js';
import { lockWaiters, seedSessions, takeWriterTurns, testScheduler, until } from './helpers/scheduler.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Row {
  id: string;
  status: string;
  status_reason: string | null;
  version: number;
  updated_at: Date;
  ended_at: Date | null;
}
const sessionRows = (tenant: string) =>
  t.owner<Row[]>`select id, status, status_reason, version, updated_at, ended_at
                   from sessions where tenant_id = ${tenant} order by id`;
const expiryEvents = (tenant: string) =>
  t.owner<{ resource_id: string; actor_type: string; actor_id: string; data: Record<string, unknown> }[]>`
    select resource_id, actor_type, actor_id, data from audit_events
     where tenant_id = ${tenant} and action = 'session.status_changed' and data->>'to' = 'expired'
     order by seq`;

describe('session expiry with three schedulers at once', () => {
  it('expires 5,000 overdue sessions of two tenants exactly once each, one event each, chains intact', async () => {
    const tenants = [await t.newTenant(), await t.newTenant()];
    await seedSessions(t.owner, tenants[0]!, 1500, { status: 'pending' });
    await seedSessions(t.owner, tenants[0]!, 1000, { status: 'active' });
    await seedSessions(t.owner, tenants[1]!, 2500, { status: 'active', createdAgo: 3600 });

    // Three pools, as three server processes would have, sweeping at the same time.
    const pools = [0, 1, 2].map(() => openDatabase(t.dbName, { poolMax: 3 }));
    try {
      const schedulers = pools.map((db, i) => testScheduler(db, { overrides: { batchSize: 50 + 25 * i } }));
      await Promise.all(schedulers.map((s) => s.drain()));
      const changed = schedulers.map((s) => s.status().find((x) => x.name === 'session_expiry')!.changed);
      expect(changed.every((c) => c !== null)).toBe(true);
    } finally {
      await Promise.all(pools.map((db) => db.close()));
    }

    const auditor = await t.client(tenants[0]!, 'audit:read');
    for (const tenant of tenants) {
      const rows = await sessionRows(tenant);
      expect(rows.every((r) => r.status === 'expired' && r.version === 2 && r.ended_at !== null)).toBe(true);
      expect(rows.every((r) => r.status_reason === 'expires_at_reached')).toBe(true);
      const events = await expiryEvents(tenant);
      expect(events).toHaveLength(rows.length);
      expect(new Set(events.map((e) => e.resource_id)).size).toBe(rows.length);
      expect(events.every((e) => e.actor_type === 'system' && e.actor_id === 'scheduler')).toBe(true);

      // Gapless seq from 1 (tenant.created is seq 1), and the head agrees.
      const [chain] = await t.owner<{ n: number; min: number; max: number; head: number }[]>`
        select count(*)::int as n, min(seq)::int as min, max(seq)::int as max,
               (select seq::int from audit_heads where tenant_id = ${tenant}) as head
          from audit_events where tenant_id = ${tenant}`;
      expect(chain).toEqual({ n: rows.length + 1, min: 1, max: rows.length + 1, head: rows.length + 1 });
      const api = tenant === tenants[0] ? auditor : await t.client(tenant, 'audit:read');
      const verified = (await api.get('/v1/audit-events/verify')).json();
      expect(verified).toMatchObject({ ok: true, checked: rows.length + 1 });
      expect(verified.first_break).toBeUndefined();
    }
    const total = (await sessionRows(tenants[0]!)).length + (await sessionRows(tenants[1]!)).length;
    expect(total).toBe(5000);
  }, 120_000);
});

describe("the sweep among the tenant's writers", () => {
  it('waits for a turn, as a request does, while the tenant has DB_TENANT_WRITERS writes in flight', async () => {
    const tenant = await t.newTenant();
    const [due] = await seedSessions(t.owner, tenant, 1, { status: 'active' });
    const status = async () =>
      (await t.owner`select status from sessions where tenant_id = ${tenant} and id = ${due!}`)[0]!.status;
    const turns = await takeWriterTurns(t.db, tenant);
    const sweep = testScheduler(t.db).runOnce('session_expiry');
    try {
      await until(() => t.db.writers.waiting === 1);
      expect(await status()).toBe('active');
    } finally {
      for (const leave of turns) leave();
    }
    await sweep;
    expect(await status()).toBe('expired');
    expect(t.db.writers.waiting).toBe(0);
  });
});

describe('a client and the sweep racing for one session', () => {
  const dueActiveSession = async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'sessions:read');
    const { id } = (await api.post('/v1/sessions', { agent_role: 'racer' })).json();
    expect((await api.post(`/v1/sessions/${id}/activate`)).statusCode).toBe(200);
    await t.owner`update sessions set expires_at = now() - interval '1 second' where tenant_id = ${api.tenant} and id = ${id}`;
    return { api, id: id as string };
  };
  const endings = (tenant: string, id: string) =>
    t.owner<{ actor_id: string; to: string }[]>`
      select actor_id, data->>'to' as to from audit_events
       where tenant_id = ${tenant} and resource_id = ${id} and data->>'to' in ('expired', 'completed')`;

  it('the sweep locks first: it expires the session, the client gets 409 invalid_transition', async () => {
    const { api, id } = await dueActiveSession();
    const scheduler = testScheduler(t.db);
    let sweep: Promise<unknown> | undefined;
    let complete: ReturnType<typeof api.post> | undefined;
    // Holding the tenant's audit chain head keeps the sweep's transaction open after it has
    // locked the session, so that the client's request meets that lock.
    await t.owner.begin(async (tx) => {
      await tx`select 1 from audit_heads where tenant_id = ${api.tenant} for update`;
      sweep = scheduler.runOnce('session_expiry');
      await lockWaiters(t.owner, 1); // the sweep, at its commit, waiting for the head
      complete = api.post(`/v1/sessions/${id}/complete`);
      await lockWaiters(t.owner, 2); // the client, waiting for the session row
    });
    await sweep;
    const res = await complete!;
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'invalid_transition', current_status: 'expired' });
    expect((await api.get(`/v1/sessions/${id}`)).json()).toMatchObject({
      status: 'expired',
      status_reason: 'expires_at_reached',
      version: 3,
    });
    expect(await endings(api.tenant, id)).toEqual([{ actor_id: 'scheduler', to: 'expired' }]);
  });

  it('the client locks first: it completes the session, the sweep skips it without waiting', async () => {
    const { api, id } = await dueActiveSession();
    const scheduler = testScheduler(t.db);
    let complete: ReturnType<typeof api.post> | undefined;
    await t.owner.begin(async (tx) => {
      await tx`select 1 from audit_heads where tenant_id = ${api.tenant} for update`;
      complete = api.post(`/v1/sessions/${id}/complete`);
      await lockWaiters(t.owner, 1); // the client holds the session and waits for the head
      // The sweep finishes while the client still holds the row: SKIP LOCKED, no waiting.
      await scheduler.runOnce('session_expiry');
      const [row] = await t.owner`select status from sessions where tenant_id = ${api.tenant} and id = ${id}`;
      expect(row!.status).toBe('active');
    });
    const res = await complete!;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', version: 3 });
    await scheduler.runOnce('session_expiry'); // terminal now: never touched
    expect((await api.get(`/v1/sessions/${id}`)).json()).toMatchObject({ status: 'completed', version: 3 });
    expect(await endings(api.tenant, id)).toEqual([{ actor_id: 'tester', to: 'completed' }]);
  });
});

describe('which sessions are due', () => {
  const setRetention = (tenant: string, days: number) =>
    t.owner`update tenants set settings = jsonb_build_object('session_retention_days', ${days}::int) where id = ${tenant}`;

  it('a shortened tenant retention expires sessions created before it; a longer one never extends expires_at', async () => {
    const [short, long, plain] = [await t.newTenant(), await t.newTenant(), await t.newTenant()];
    await setRetention(short, 1);
    await setRetention(long, 30);
    const twoDaysOld = { createdAgo: 2 * 86_400, expiresIn: 5 * 86_400 };
    const [shortOld] = await seedSessions(t.owner, short, 1, twoDaysOld);
    const [shortYoung] = await seedSessions(t.owner, short, 1, { createdAgo: 3600, expiresIn: 3600 });
    const [plainOld] = await seedSessions(t.owner, plain, 1, twoDaysOld);
    const [longOverdue] = await seedSessions(t.owner, long, 1, {
      createdAgo: 8 * 86_400,
      expiresIn: -86_400,
    });
    const [longLive] = await seedSessions(t.owner, long, 1, twoDaysOld);

    await testScheduler(t.db).drain();
    const status = async (tenant: string, id: string) =>
      (
        await t.owner`select status, status_reason from sessions where tenant_id = ${tenant} and id = ${id!}`
      )[0];
    expect(await status(short, shortOld!)).toEqual({
      status: 'expired',
      status_reason: 'retention_exceeded',
    });
    expect(await status(short, shortYoung!)).toMatchObject({ status: 'active' });
    expect(await status(plain, plainOld!)).toMatchObject({ status: 'active' }); // 7 days by default
    expect(await status(long, longOverdue!)).toEqual({
      status: 'expired',
      status_reason: 'expires_at_reached',
    });
    expect(await status(long, longLive!)).toMatchObject({ status: 'active' });
    expect((await expiryEvents(short)).map((e) => e.data)).toEqual([
      { from: 'active', to: 'expired', reason: 'retention_exceeded' },
    ]);

    // SESSION_RETENTION_DAYS lowered: tenants without their own setting follow it.
    await testScheduler(t.db, { env: { SESSION_RETENTION_DAYS: '1' } }).drain();
    expect(await status(plain, plainOld!)).toEqual({
      status: 'expired',
      status_reason: 'retention_exceeded',
    });
    expect(await status(long, longLive!)).toMatchObject({ status: 'active' }); // its own 30 days
  });

  it('leaves terminal sessions and sessions not yet due untouched', async () => {
    const tenant = await t.newTenant();
    const old = { createdAgo: 30 * 86_400, expiresIn: -20 * 86_400 };
    await seedSessions(t.owner, tenant, 3, { ...old, status: 'completed' });
    await seedSessions(t.owner, tenant, 3, { ...old, status: 'failed' });
    await seedSessions(t.owner, tenant, 3, { ...old, status: 'expired' });
    await seedSessions(t.owner, tenant, 3, { status: 'pending', expiresIn: 600 });
    await seedSessions(t.owner, tenant, 3, { status: 'active', expiresIn: 600 });
    const before = await sessionRows(tenant);

    await testScheduler(t.db).drain();
    expect(await sessionRows(tenant)).toEqual(before);
    expect(await expiryEvents(tenant)).toEqual([]);
  });

  it('ignores a retention setting that is not a positive whole number instead of failing every tenant', async () => {
    const [odd, other] = [await t.newTenant(), await t.newTenant()];
    await t.owner`update tenants set settings = '{"session_retention_days": "soon"}' where id = ${odd}`;
    const [overdue] = await seedSessions(t.owner, other, 1);
    const [young] = await seedSessions(t.owner, odd, 1, { createdAgo: 2 * 86_400, expiresIn: 86_400 });
    const scheduler = testScheduler(t.db);
    await scheduler.drain();
    expect(scheduler.status().find((s) => s.name === 'session_expiry')!.error).toBeNull();
    const [a] = await t.owner`select status from sessions where tenant_id = ${other} and id = ${overdue!}`;
    const [b] = await t.owner`select status from sessions where tenant_id = ${odd} and id = ${young!}`;
    expect([a!.status, b!.status]).toEqual(['expired', 'active']);
  });
});
