import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES, type Scope } from '../src/http/auth/scopes.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';
import { activeSession, newTask, taskRow } from './helpers/tasks.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const NEVER = '01939e3a-0000-7000-8000-00000000dead';
const ALL: Scope[] = [
  'tasks:read',
  'tasks:write',
  'sessions:read',
  'sessions:write',
  'approvals:read',
  'approvals:decide',
];

/** Tenant A with one object of each kind; tenant B, whose callers try to reach them. */
async function twoTenants() {
  const a = await t.clientAs(await t.newTenant(), 'alice', ...ALL);
  const b = await t.clientAs(await t.newTenant(), 'bob', ...ALL);
  const pending = await newTask(a);
  const running = await newTask(a, { to_agent_role: 'runner' });
  const aSession = await activeSession(a);
  await a.post('/v1/tasks/claim', { agent_role: 'runner', session_id: aSession });
  const gated = await newTask(a, { requires_approval: true });
  const approval = (await a.get(`/v1/approvals?task_id=${gated.id}`)).json().data[0].id as string;
  const bSession = await activeSession(b);
  return { a, b, pending: pending.id, running: running.id, gated: gated.id, approval, aSession, bSession };
}

interface Route {
  method: 'GET' | 'POST';
  url: (id: string) => string;
  scope: Scope;
  body?: (session: string, id: string) => object;
  /** Takes an id that must be 404 for another tenant. */
  byId: boolean;
}

const ROUTES: Route[] = [
  { method: 'GET', url: () => '/v1/tasks', scope: 'tasks:read', byId: false },
  {
    method: 'POST',
    url: () => '/v1/tasks',
    scope: 'tasks:write',
    body: () => ({ type: 'x', to_agent_role: 'y' }),
    byId: false,
  },
  { method: 'GET', url: (id) => `/v1/tasks/${id}`, scope: 'tasks:read', byId: true },
  {
    method: 'POST',
    url: () => '/v1/tasks/claim',
    scope: 'tasks:write',
    body: (s) => ({ agent_role: 'worker', session_id: s }),
    byId: false,
  },
  {
    method: 'POST',
    url: (id) => `/v1/tasks/${id}/heartbeat`,
    scope: 'tasks:write',
    body: (s) => ({ session_id: s }),
    byId: true,
  },
  {
    method: 'POST',
    url: (id) => `/v1/tasks/${id}/complete`,
    scope: 'tasks:write',
    body: (s) => ({ session_id: s }),
    byId: true,
  },
  {
    method: 'POST',
    url: (id) => `/v1/tasks/${id}/fail`,
    scope: 'tasks:write',
    body: (s) => ({ session_id: s, error: 'x' }),
    byId: true,
  },
  {
    method: 'POST',
    url: (id) => `/v1/tasks/${id}/cancel`,
    scope: 'tasks:write',
    body: () => ({}),
    byId: true,
  },
  {
    method: 'POST',
    url: (id) => `/v1/tasks/${id}/request-approval`,
    scope: 'tasks:write',
    body: () => ({ title: 't' }),
    byId: true,
  },
  {
    method: 'POST',
    url: () => '/v1/approvals',
    scope: 'tasks:write',
    body: (_s, id) => ({ task_id: id, title: 't' }),
    byId: false,
  },
  { method: 'GET', url: () => '/v1/approvals', scope: 'approvals:read', byId: false },
  { method: 'GET', url: (id) => `/v1/approvals/${id}`, scope: 'approvals:read', byId: true },
  {
    method: 'POST',
    url: (id) => `/v1/approvals/${id}/approve`,
    scope: 'approvals:decide',
    body: () => ({}),
    byId: true,
  },
  {
    method: 'POST',
    url: (id) => `/v1/approvals/${id}/reject`,
    scope: 'approvals:decide',
    body: () => ({}),
    byId: true,
  },
];

const name = (r: Route) => `${r.method} ${r.url(':id')}`;
const send = (c: Pick<Client, 'request'>, r: Route, id: string, session: string) =>
  c.request({ method: r.method, url: r.url(id), ...(r.body ? { payload: r.body(session, id) } : {}) });
const isApprovalRoute = (r: Route) => r.url('x').startsWith('/v1/approvals/');

describe.each(ROUTES.map((r) => [name(r), r] as const))('%s', (_, route) => {
  it('401 without a token, 403 without its scope', async () => {
    const tenant = await t.newTenant();
    const anonymous = await t.app.inject({
      method: route.method,
      url: route.url(NEVER),
      ...(route.body ? { payload: route.body(NEVER, NEVER) } : {}),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('Bearer');
    const others = SCOPES.filter((s) => s !== route.scope && s !== 'admin');
    const wrong = await t.client(tenant, ...others);
    const res = await send(wrong, route, NEVER, NEVER);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'insufficient_scope', required_scope: route.scope });
  });
});

describe.each(ROUTES.filter((r) => r.byId).map((r) => [name(r), r] as const))('%s', (_, route) => {
  it("404 for another tenant's id, exactly as for an id that never existed", async () => {
    const s = await twoTenants();
    const foreign = isApprovalRoute(route) ? s.approval : s.running;
    const strip = (r: LightMyRequestResponse) => {
      const { request_id: _, detail, ...rest } = r.json();
      return {
        status: r.statusCode,
        ...rest,
        detail: String(detail).replace(foreign, 'ID').replace(NEVER, 'ID'),
      };
    };
    const theirs = await send(s.b, route, foreign, s.bSession);
    const never = await send(s.b, route, NEVER, s.bSession);
    expect(theirs.statusCode).toBe(404);
    expect(strip(theirs)).toEqual(strip(never));
  });
});

describe('tenant isolation', () => {
  it("tenant B can neither read, claim, complete, cancel nor decide tenant A's objects, and never lists them", async () => {
    const s = await twoTenants();
    const { a, b } = s;

    expect(
      (await b.post('/v1/tasks/claim', { agent_role: 'worker', session_id: s.bSession })).statusCode,
    ).toBe(204);
    // A's session is not a session of B.
    const withA = await b.post('/v1/tasks/claim', { agent_role: 'worker', session_id: s.aSession });
    expect(withA.json().code).toBe('invalid_reference');
    expect((await b.post(`/v1/tasks/${s.running}/complete`, { session_id: s.aSession })).statusCode).toBe(
      404,
    );
    expect((await b.post(`/v1/tasks/${s.pending}/cancel`)).statusCode).toBe(404);
    expect((await b.post(`/v1/approvals/${s.approval}/approve`)).statusCode).toBe(404);
    expect((await b.post('/v1/approvals', { task_id: s.running, title: 'x' })).json().code).toBe(
      'invalid_reference',
    );
    expect(
      (await b.post('/v1/tasks', { type: 'x', to_agent_role: 'y', from_session_id: s.aSession })).json().code,
    ).toBe('invalid_reference');

    for (const url of [
      '/v1/tasks',
      '/v1/tasks?page=1',
      `/v1/tasks?claimed_by_session_id=${s.aSession}`,
      '/v1/approvals',
      '/v1/approvals?status=pending',
      `/v1/approvals?task_id=${s.gated}`,
    ]) {
      const res = (await b.get(url)).json();
      expect(res.data, url).toEqual([]);
    }
    expect((await b.get('/v1/tasks?page=1')).json().total).toBe(0);

    // A's objects are untouched, and A still sees them.
    expect(await taskRow(t, a.tenant, s.pending)).toMatchObject({ status: 'pending', version: 1 });
    expect(await taskRow(t, a.tenant, s.running)).toMatchObject({ status: 'running', version: 2 });
    expect((await a.get(`/v1/approvals/${s.approval}`)).json().status).toBe('pending');
    expect((await a.get('/v1/tasks')).json().data).toHaveLength(3);
  });
});
