import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { activeSession, newTask } from './helpers/tasks.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 7 });
});
afterAll(async () => {
  await t?.close();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (one sample per line; labels without escaped quotes). */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(app = t.app) {
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0.0.4/);
  const samples = parse(res.body);
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  return { text: res.body, samples, value };
}

describe('GET /metrics', () => {
  it('counts requests by method, route template and status, with duration histograms and in-flight requests', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:read', 'sessions:write');
    const before = await scrape();
    const { id } = (await api.post('/v1/sessions', { agent_role: 'metered' })).json();
    await api.get(`/v1/sessions/${id}`);
    await api.get(`/v1/sessions/${id}`);
    await t.app.inject({ method: 'GET', url: '/v1/sessions' }); // no token: 401

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    const route = '/v1/sessions/:id';
    expect(
      delta('switchboard_http_requests_total', { method: 'POST', route: '/v1/sessions', status: '201' }),
    ).toBe(1);
    expect(delta('switchboard_http_requests_total', { method: 'GET', route, status: '200' })).toBe(2);
    expect(
      delta('switchboard_http_requests_total', { method: 'GET', route: '/v1/sessions', status: '401' }),
    ).toBe(1);
    expect(
      delta('switchboard_http_request_duration_seconds_count', { method: 'GET', route, status: '200' }),
    ).toBe(2);
    expect(
      after.value('switchboard_http_request_duration_seconds_bucket', { route, status: '200', le: '+Inf' }),
    ).toBe(after.value('switchboard_http_request_duration_seconds_count', { route, status: '200' }));
    // Only the scrape itself is in flight.
    expect(after.value('switchboard_http_requests_in_flight')).toBe(1);
    expect(after.text).not.toContain(id);
    // The process metrics come along.
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(
        after.samples.some((s) => s.name === name),
        name,
      ).toBe(true);
  });

  it('keeps the label set bounded: distinct ids and unknown URLs add no series', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:read', 'tasks:read');
    const burst = async () => {
      const ids = Array.from({ length: 60 }, () => randomUUID());
      for (const id of ids) {
        await api.get(`/v1/sessions/${id}`); // 404 not_found under /v1/sessions/:id
        await api.get(`/v1/tasks/${id}?page=${id}`);
        await t.app.inject({ method: 'GET', url: `/wp-admin/${id}.php` }); // route_not_found
        await t.app.inject({ method: 'DELETE', url: `/v1/sessions/${id}` });
      }
      return ids;
    };
    await burst();
    const first = await scrape();
    const ids = await burst();
    const second = await scrape();
    const series = (s: { samples: Sample[] }) =>
      new Set(
        s.samples
          .filter((x) => x.name.startsWith('switchboard_http_'))
          .map((x) => `${x.name}${JSON.stringify(x.labels)}`),
      );
    expect([...series(second)].filter((k) => !series(first).has(k))).toEqual([]);
    expect(
      second.value('switchboard_http_requests_total', { route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(120);
    for (const id of ids) expect(second.text).not.toContain(id);
  }, 60_000);

  it('counts idempotent replays, audit events on commit only, and database errors by SQLSTATE class', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:read', 'sessions:write');
    const before = await scrape();
    const key = { 'idempotency-key': randomUUID() };
    const first = await api.post('/v1/sessions', { agent_role: 'replayed' }, key);
    const again = await api.post('/v1/sessions', { agent_role: 'replayed' }, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const { id } = first.json();
    await api.post(`/v1/sessions/${id}/complete`); // 409: pending cannot complete, nothing committed
    const missingTask = await api.post('/v1/sessions', { agent_role: 'x', task_id: randomUUID() });
    expect(missingTask.statusCode).toBe(422); // a foreign key violation (class 23), rolled back
    const after = await scrape();
    expect(
      after.value('switchboard_idempotent_replays_total', { route: '/v1/sessions' }) -
        before.value('switchboard_idempotent_replays_total', { route: '/v1/sessions' }),
    ).toBe(1);
    expect(
      after.value('switchboard_audit_events_appended_total') -
        before.value('switchboard_audit_events_appended_total'),
    ).toBe(1);
    expect(
      after.value('switchboard_db_query_errors_total', { class: '23' }) -
        before.value('switchboard_db_query_errors_total', { class: '23' }),
    ).toBe(1);
    // The keyed create commits on its own; the one without went in a group, which left it (it
    // failed) to a create of its own.
    const delta = (name: string, labels?: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('switchboard_db_create_groups_total')).toBe(1);
    expect(delta('switchboard_db_grouped_creates_total', { outcome: 'grouped' })).toBe(0);
    expect(delta('switchboard_db_grouped_creates_total', { outcome: 'alone' })).toBe(1);
    expect(after.value('switchboard_db_pool_max')).toBe(7);
    expect(after.value('switchboard_db_pool_reserved')).toBe(0);
    expect(after.value('switchboard_db_pool_waiting')).toBe(0);
    expect(after.value('switchboard_db_tenant_writers_waiting')).toBe(0);
  });

  it('counts task claims by result, with their latency', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'tasks:read', 'tasks:write');
    await newTask(api);
    const session = await activeSession(api);
    const before = await scrape();
    const claim = () => api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session });
    expect((await claim()).statusCode).toBe(200);
    expect((await claim()).statusCode).toBe(204);
    const pending = (await api.post('/v1/sessions', { agent_role: 'worker' })).json().id;
    expect(
      (await api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: pending })).statusCode,
    ).toBe(409);
    const after = await scrape();
    for (const result of ['claimed', 'empty', 'refused']) {
      const d = (name: string) => after.value(name, { result }) - before.value(name, { result });
      expect(d('switchboard_task_claims_total'), result).toBe(1);
      expect(d('switchboard_task_claim_duration_seconds_count'), result).toBe(1);
    }
    expect(after.value('switchboard_task_claims_total', { result: 'error' })).toBe(0);
  });

  it("records the scheduler's sweeps through recordSweep", async () => {
    const onSweep = t.app.metrics.recordSweep;
    onSweep({ sweep: 'session_expiry', changed: 3, durationMs: 12 });
    onSweep({ sweep: 'session_expiry', changed: 2, durationMs: 30 });
    onSweep({ sweep: 'task_leases', changed: 0, durationMs: 5, error: new Error('boom') });
    const m = await scrape();
    expect(m.value('switchboard_scheduler_sweeps_total', { sweep: 'session_expiry', outcome: 'ok' })).toBe(2);
    expect(m.value('switchboard_scheduler_sweeps_total', { sweep: 'task_leases', outcome: 'error' })).toBe(1);
    expect(m.value('switchboard_scheduler_rows_changed_total', { sweep: 'session_expiry' })).toBe(5);
    expect(m.value('switchboard_scheduler_rows_changed_total', { sweep: 'task_leases' })).toBe(0);
    expect(
      m.value('switchboard_scheduler_sweep_duration_seconds_sum', { sweep: 'session_expiry' }),
    ).toBeCloseTo(0.042);
  });

  it('keeps one registry per app', async () => {
    const other = await createTestApp({ dbName: t.dbName });
    try {
      other.app.metrics.recordSweep({ sweep: 'only_here', changed: 1, durationMs: 1 });
      expect((await scrape(other.app)).text).toContain('only_here');
      expect((await scrape()).text).not.toContain('only_here');
    } finally {
      await other.app.close();
      await other.db.close();
      await other.owner.end();
    }
  });
});

describe('METRICS_TOKEN', () => {
  it('when set, /metrics wants it as a bearer token', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await createTestApp({ dbName: t.dbName, env: { METRICS_TOKEN: token } });
    try {
      const get = (authorization?: string) =>
        guarded.app.inject({
          method: 'GET',
          url: '/metrics',
          headers: authorization ? { authorization } : {},
        });
      const none = await get();
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      expect((await get('Bearer wrong-token-of-some-length')).json().code).toBe('invalid_token');
      const ok = await get(`Bearer ${token}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('switchboard_http_requests_total');
    } finally {
      await guarded.app.close();
      await guarded.db.close();
      await guarded.owner.end();
    }
  });
});
