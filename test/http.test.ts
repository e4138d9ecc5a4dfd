import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/http/problem.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let api: Client;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  api = await t.client(await t.newTenant(), 'sessions:read', 'sessions:write', 'audit:read');
});
afterAll(async () => {
  await t?.close();
});

const isProblem = (
  res: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> },
  code: keyof typeof ERROR_CODES,
) => {
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({
    type: `urn:problem:switchboard:${code}`,
    status: ERROR_CODES[code][0],
    title: ERROR_CODES[code][1],
    code,
  });
  expect(res.statusCode).toBe(ERROR_CODES[code][0]);
  expect(typeof body['detail']).toBe('string');
  expect(body['request_id']).toBe(res.headers['x-request-id']);
};

describe('HTTP conventions', () => {
  it('answers an unknown route with a 404 problem', async () => {
    isProblem(await api.get('/v1/nothing-here'), 'route_not_found');
    isProblem(await t.app.inject({ method: 'DELETE', url: '/v1/sessions' }), 'route_not_found');
  });

  it('answers malformed JSON, an empty JSON body, a wrong content type and a large body with problems', async () => {
    isProblem(
      await api.request({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: '{"agent_role": ',
      }),
      'invalid_json',
    );
    isProblem(
      await api.request({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: '',
      }),
      'invalid_json',
    );
    isProblem(
      await api.request({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'content-type': 'text/plain' },
        payload: 'agent_role=x',
      }),
      'unsupported_media_type',
    );
    isProblem(
      await api.request({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ agent_role: 'x', metadata: { blob: 'x'.repeat(4000) } }),
      }),
      'payload_too_large',
    );
    isProblem(
      await api.request({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: '{"__proto__": {"x": 1}, "agent_role": "x"}',
      }),
      'invalid_json',
    );
  });

  it('refuses characters PostgreSQL cannot store with a 400, not a 500', async () => {
    isProblem(
      await api.post('/v1/sessions', { agent_role: 'p', metadata: { bad: 'nul\u0000byte' } }),
      'validation_failed',
    );
  });

  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    const mine = await api.get('/v1/sessions', { 'x-request-id': 'req-abc.123' });
    expect(mine.headers['x-request-id']).toBe('req-abc.123');
    const generated = await api.get('/v1/sessions', { 'x-request-id': 'bad id with spaces\n' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).headers['x-request-id']).toBeTruthy();
  });

  it('stores the traceparent trace id and the request id on the audit event', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await api.post(
      '/v1/sessions',
      { agent_role: 'traced' },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'trace-req-1' },
    );
    const events = (await api.get(`/v1/audit-events?resource_id=${res.json().id}`)).json().data;
    expect(events[0]).toMatchObject({
      trace_id: traceId,
      request_id: 'trace-req-1',
      actor: { type: 'user', id: 'tester' },
    });
    const untraced = await api.post(
      '/v1/sessions',
      { agent_role: 'untraced' },
      { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
    );
    const e2 = (await api.get(`/v1/audit-events?resource_id=${untraced.json().id}`)).json().data[0];
    expect(e2.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(e2.trace_id).not.toBe('0'.repeat(32));
  });

  it('filters audit events and pages through them in chain order', async () => {
    const { id } = (await api.post('/v1/sessions', { agent_role: 'audited' })).json();
    await api.post(`/v1/sessions/${id}/activate`);
    await api.post(`/v1/sessions/${id}/complete`);
    const changes = (
      await api.get(`/v1/audit-events?resource_type=session&resource_id=${id}&action=session.status_changed`)
    ).json();
    expect(changes.data.map((e: { data: unknown }) => e.data)).toEqual([
      { from: 'pending', to: 'active' },
      { from: 'active', to: 'completed' },
    ]);
    const first = (await api.get(`/v1/audit-events?resource_id=${id}&page_size=1`)).json();
    const second = (
      await api.get(`/v1/audit-events?resource_id=${id}&page_size=1&cursor=${first.next_cursor}`)
    ).json();
    expect(second.data[0].seq).toBeGreaterThan(first.data[0].seq);
    const after = (await api.get(`/v1/audit-events?after_seq=${first.data[0].seq}&resource_id=${id}`)).json();
    expect(after.data).toHaveLength(2);
    const byActor = (await api.get('/v1/audit-events?actor_id=nobody')).json();
    expect(byActor.data).toEqual([]);
    const paged = (await api.get(`/v1/audit-events?resource_id=${id}&page=1&page_size=2`)).json();
    expect(paged).toMatchObject({ total: 3, page: 1 });
  });

  it('serves health, readiness, the OpenAPI document and the docs page without auth', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
    const spec = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(spec.json().openapi).toBe('3.1.0');
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.body).toContain('swagger');
  });

  it('rejects a malformed If-Match', async () => {
    const { id } = (await api.post('/v1/sessions', { agent_role: 'p' })).json();
    const res = await api.post(`/v1/sessions/${id}/activate`, undefined, { 'if-match': 'banana' });
    isProblem(res, 'validation_failed');
    expect(res.json().errors[0].path).toBe('headers.if-match');
    expect((await api.post(`/v1/sessions/${id}/activate`, undefined, { 'if-match': '*' })).statusCode).toBe(
      200,
    );
  });
});

describe('JSON limits', () => {
  it('refuses deep nesting and large free-form fields before any database work, naming the field', async () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    const res = await api.post('/v1/sessions', { agent_role: 'p', metadata: deep });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toMatch(/^body\.metadata(\.d)+$/);
    expect(res.json().errors[0].message).toMatch(/deeper than 16/);

    const limited = await createTestApp({ dbName: t.dbName, env: { JSON_MAX_FIELD_BYTES: '300' } });
    try {
      const c = await limited.client(api.tenant, 'sessions:write');
      const big = await c.post('/v1/sessions', { agent_role: 'p', metadata: { blob: 'x'.repeat(400) } });
      expect(big.statusCode).toBe(400);
      expect(big.json().errors).toEqual([
        { path: 'body.metadata', message: expect.stringMatching(/limit is 300/) },
      ]);
    } finally {
      await limited.close();
    }
  });

  it('refuses unpaired surrogates and NUL anywhere, naming the field', async () => {
    const res = await api.post('/v1/sessions', {
      agent_role: 'p',
      metadata: { ok: 'fine', bad: ['x', 'broken \ud800'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.metadata.bad[1]', message: expect.stringMatching(/unpaired surrogate/) },
    ]);
  });
});
