import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { claimStatement } from '../src/modules/tasks/repository.js';
import { type Client, createTestApp, openDatabase, TEST_SECRET, type TestApp } from './helpers/app.js';
import { countFlights } from './helpers/round-trips.js';
import { activeSession, auditEvents, newTask, taskRow } from './helpers/tasks.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const worker = async (tenant?: string) =>
  t.client(tenant ?? (await t.newTenant()), 'tasks:read', 'tasks:write', 'sessions:write');
const claim = (api: Client, session: string, role = 'worker', extra: Record<string, unknown> = {}) =>
  api.post('/v1/tasks/claim', { agent_role: role, session_id: session, ...extra });

describe('claiming', () => {
  it('claims the highest priority first, the oldest among equals, and only claimable tasks of the role', async () => {
    const api = await worker();
    const low = await newTask(api, { priority: 1 });
    const highOld = await newTask(api, { priority: 9 });
    const highNew = await newTask(api, { priority: 9 });
    await newTask(api, { priority: 100, run_after: new Date(Date.now() + 3_600_000).toISOString() });
    await newTask(api, { priority: 100, to_agent_role: 'someone-else' });
    await newTask(api, { priority: 100, requires_approval: true });
    const session = await activeSession(api);

    const order: string[] = [];
    for (;;) {
      const res = await claim(api, session);
      if (res.statusCode === 204) break;
      expect(res.statusCode).toBe(200);
      order.push(res.json().id);
    }
    expect(order).toEqual([highOld.id, highNew.id, low.id]);
  });

  it('sets the lease, the holder and attempts, and writes task.claimed with the request trace id', async () => {
    const api = await worker();
    const task = await newTask(api);
    const session = await activeSession(api);
    const before = Date.now();
    const trace = '0af7651916cd43dd8448eb211c80319c';
    const res = await api.post(
      '/v1/tasks/claim',
      { agent_role: 'worker', session_id: session, lease_seconds: 60 },
      { traceparent: `00-${trace}-b7ad6b7169203331-01` },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    const body = res.json();
    expect(body).toMatchObject({
      id: task.id,
      status: 'running',
      claimed_by_session_id: session,
      attempts: 1,
    });
    const lease = Date.parse(body.lease_expires_at) - before;
    expect(lease).toBeGreaterThan(59_000);
    expect(lease).toBeLessThan(61_000 + 5_000);
    const events = await auditEvents(t, api.tenant, task.id);
    expect(events.map((e) => e.action)).toEqual(['task.created', 'task.claimed']);
    expect(events[1]).toMatchObject({
      trace_id: trace,
      data: { from: 'pending', to: 'running', session_id: session },
    });
    // The task keeps the trace of the request that created it.
    expect((await taskRow(t, api.tenant, task.id)).trace_id).toBe(task.trace_id);
  });

  it('takes the lease length from the tenant setting task_lease_seconds', async () => {
    const tenant = await t.newTenant();
    await t.owner`update tenants set settings = '{"task_lease_seconds": 42}' where id = ${tenant}`;
    const api = await worker(tenant);
    await newTask(api);
    const session = await activeSession(api);
    const body = (await claim(api, session)).json();
    expect(Date.parse(body.lease_expires_at) - Date.parse(body.updated_at)).toBe(42_000);
  });

  it('answers 204 with no body and writes nothing when nothing is claimable', async () => {
    const api = await worker();
    const session = await activeSession(api);
    const res = await claim(api, session);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const [{ n }] =
      (await t.owner`select count(*)::int as n from audit_events where tenant_id = ${api.tenant} and action like 'task.%'`) as [
        { n: number },
      ];
    expect(n).toBe(0);
  });

  it('needs an active session of the tenant: 409 session_not_active, 422 invalid_reference', async () => {
    const api = await worker();
    const other = await worker();
    const task = await newTask(api);
    const pending = (await api.post('/v1/sessions', { agent_role: 'worker' })).json().id;
    const res = await claim(api, pending);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'session_not_active', session_status: 'pending' });
    const foreign = await activeSession(other);
    for (const id of [foreign, '01939e3a-0000-7000-8000-000000000000']) {
      const refused = await claim(api, id);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'invalid_reference',
        errors: [{ path: 'body.session_id' }],
      });
    }
    expect((await taskRow(t, api.tenant, task.id)).status).toBe('pending');
  });

  it('runs through tasks_claimable_idx (EXPLAIN of the claim statement, as the application role)', async () => {
    const tenant = await t.newTenant();
    await t.owner`
      insert into tasks (tenant_id, id, type, to_agent_role, status, priority, trace_id, max_attempts,
                         run_after, created_at, updated_at)
      select ${tenant}, gen_random_uuid(), 'work', 'role-' || (i % 20), (array['pending','running','completed'])[1 + i % 3],
             i % 7, 'trace', 3, now(), now(), now()
        from generate_series(1, 6000) as i`;
    await t.owner`analyze tasks`;
    const { sql: text, params } = new PgDialect().sqlToQuery(
      claimStatement({
        tenantId: tenant,
        role: 'role-3',
        sessionId: '01939e3a-0000-7000-8000-000000000000',
        now: new Date(),
        leaseExpiresAt: new Date(),
      }),
    );
    const plan = await t.owner.begin(async (tx) => {
      await tx`select set_config('role', 'switchboard_app', true), set_config('app.tenant_id', ${tenant}, true)`;
      return tx.unsafe(`explain (format json) ${text}`, params as never[]);
    });
    const json = JSON.stringify(plan);
    expect(json).toContain('"Index Name":"tasks_claimable_idx"');
    expect(json).toContain('"Node Type":"LockRows"');
  });
});

describe('round trips', () => {
  it('a read costs one flight, a write at most two (claim, complete, keyed create, approve)', async () => {
    const db = openDatabase(t.dbName);
    const counter = countFlights(db);
    // No scheduler: its sweeps reserve connections too, and one landing in a round was counted.
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTH_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
    });
    const app = await buildApp({ config, database: db, logger: false });
    try {
      const tenant = await t.newTenant();
      const token = await t.token(tenant, ['tasks:read', 'tasks:write', 'sessions:write']);
      const reviewer = await t.token(tenant, ['approvals:decide'], { sub: 'reviewer' });
      const call = (method: 'GET' | 'POST', url: string, payload?: object, bearer = token) =>
        app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${bearer}` },
          ...(payload ? { payload } : {}),
        });
      let n = 0;
      const session = (await call('POST', '/v1/sessions', { agent_role: 'worker' })).json().id;
      await call('POST', `/v1/sessions/${session}/activate`);
      const round = async () => {
        const created = await counter.count(() =>
          call('POST', '/v1/tasks', { type: 'w', to_agent_role: 'worker' }),
        );
        let id = '';
        const claimed = await counter.count(async () => {
          id = (await call('POST', '/v1/tasks/claim', { agent_role: 'worker', session_id: session })).json()
            .id;
        });
        const heartbeat = await counter.count(() =>
          call('POST', `/v1/tasks/${id}/heartbeat`, { session_id: session }),
        );
        const complete = await counter.count(() =>
          call('POST', `/v1/tasks/${id}/complete`, { session_id: session }),
        );
        const get = await counter.count(() => call('GET', `/v1/tasks/${id}`));
        const empty = await counter.count(() =>
          call('POST', '/v1/tasks/claim', { agent_role: 'worker', session_id: session }),
        );
        const keyed = await counter.count(() =>
          call('POST', '/v1/tasks', { type: 'w', to_agent_role: 'other', idempotency_key: `k${n++}` }),
        );
        let gated = '';
        const createdGated = await counter.count(async () => {
          gated = (
            await call('POST', '/v1/tasks', { type: 'w', to_agent_role: 'x', requires_approval: true })
          ).json().id;
        });
        const [row] = await t.owner`select id from approvals where task_id = ${gated}`;
        const approve = await counter.count(() =>
          call('POST', `/v1/approvals/${row!['id']}/approve`, {}, reviewer),
        );
        return { created, claimed, heartbeat, complete, get, empty, keyed, createdGated, approve };
      };
      await round(); // the tenant lookup and the token check are cached after the first request
      expect(await round()).toEqual({
        created: 1,
        claimed: 2,
        heartbeat: 1,
        complete: 2,
        get: 1,
        empty: 2,
        keyed: 2,
        createdGated: 1,
        approve: 2,
      });
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('exactly-once claiming under concurrency', () => {
  it('8 concurrent claimers over 200 tasks: each task claimed once, none lost or stuck, priorities in order', async () => {
    const tenant = await t.newTenant();
    const api = await worker(tenant);
    const TASKS = 200;
    for (let i = 0; i < TASKS; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) => newTask(api, { priority: (i + j) % 5, input: { n: i + j } })),
      );
    }
    const claimers = await Promise.all(
      Array.from({ length: 8 }, async () => ({
        session: await activeSession(api),
        got: [] as { id: string; priority: number }[],
      })),
    );
    await Promise.all(
      claimers.map(async (c) => {
        for (;;) {
          const res = await claim(api, c.session);
          if (res.statusCode === 204) return;
          expect(res.statusCode).toBe(200);
          const task = res.json();
          c.got.push({ id: task.id, priority: task.priority });
          const done = await api.post(`/v1/tasks/${task.id}/complete`, {
            session_id: c.session,
            output: { by: c.session },
          });
          expect(done.statusCode).toBe(200);
        }
      }),
    );

    const all = claimers.flatMap((c) => c.got.map((g) => g.id));
    expect(all).toHaveLength(TASKS);
    expect(new Set(all).size).toBe(TASKS);
    // Each claimer saw priorities only go down: nothing claimable of higher priority was passed over.
    for (const c of claimers) {
      for (let i = 1; i < c.got.length; i++)
        expect(c.got[i]!.priority).toBeLessThanOrEqual(c.got[i - 1]!.priority);
    }
    expect(claimers.filter((c) => c.got.length > 0).length).toBeGreaterThan(1);

    const rows = await t.owner<{ status: string; attempts: number; n: number }[]>`
      select status, attempts, count(*)::int as n from tasks where tenant_id = ${tenant} group by 1, 2`;
    expect(rows).toEqual([{ status: 'completed', attempts: 1, n: TASKS }]);
    const claims = await t.owner<{ resource_id: string; n: number }[]>`
      select resource_id, count(*)::int as n from audit_events
       where tenant_id = ${tenant} and action = 'task.claimed' group by 1`;
    expect(claims).toHaveLength(TASKS);
    expect(claims.every((c) => c.n === 1)).toBe(true);
    // Whoever completed a task is the session that claimed it.
    const mismatched = await t.owner`
      select id from tasks where tenant_id = ${tenant} and output->>'by' <> claimed_by_session_id::text`;
    expect(mismatched).toHaveLength(0);
  });
});
