import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { activeSession, auditEvents, newTask, taskRow } from './helpers/tasks.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const traceparent = (traceId: string) => ({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
const writer = async () =>
  t.client(await t.newTenant(), 'tasks:read', 'tasks:write', 'sessions:write', 'approvals:read');

describe('creating tasks', () => {
  it('creates a pending task, stores the trace id and audits it with that trace id', async () => {
    const api = await writer();
    const res = await api.post(
      '/v1/tasks',
      { type: 'summarize', to_agent_role: 'writer', input: { url: 'u' }, priority: 7, max_attempts: 5 },
      traceparent(TRACE),
    );
    expect(res.statusCode).toBe(201);
    const task = res.json();
    expect(task).toMatchObject({
      type: 'summarize',
      to_agent_role: 'writer',
      input: { url: 'u' },
      status: 'pending',
      priority: 7,
      attempts: 0,
      max_attempts: 5,
      trace_id: TRACE,
      version: 1,
      requires_approval: false,
      claimed_by_session_id: null,
      lease_expires_at: null,
    });
    expect(res.headers.location).toBe(`/v1/tasks/${task.id}`);
    expect(res.headers.etag).toBe('"1"');
    const row = await taskRow(t, api.tenant, task.id);
    expect(row).toMatchObject({ status: 'pending', trace_id: TRACE, priority: 7 });
    const events = await auditEvents(t, api.tenant, task.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'task.created',
      trace_id: TRACE,
      actor_type: 'user',
      actor_id: 'tester',
      data: { type: 'summarize', status: 'pending', priority: 7, input: { url: 'u' } },
    });
  });

  it('defaults max_attempts from TASK_MAX_ATTEMPTS and run_after to now', async () => {
    const api = await writer();
    const before = Date.now();
    const task = await newTask(api);
    expect(task.max_attempts).toBe(3);
    expect(Date.parse(task.run_after as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('creates a requires_approval task in waiting_approval together with its approval', async () => {
    const api = await writer();
    const task = await newTask(api, {
      type: 'deploy',
      requires_approval: true,
      approval: { title: 'Ship it?', details: { build: 512 }, ttl_seconds: 600 },
    });
    expect(task).toMatchObject({ status: 'waiting_approval', requires_approval: true });
    const [approval] =
      await t.owner`select * from approvals where tenant_id = ${api.tenant} and task_id = ${task.id}`;
    expect(approval).toMatchObject({
      status: 'pending',
      title: 'Ship it?',
      details: { build: 512 },
      requested_by: 'tester',
    });
    expect(approval!['expires_at'].getTime() - approval!['created_at'].getTime()).toBe(600_000);
    expect(await t.auditActions(api.tenant, task.id)).toEqual(['task.created']);
    expect(await t.auditActions(api.tenant, approval!['id'])).toEqual(['approval.requested']);
  });

  it("accepts a from_session_id of the tenant and refuses another tenant's (422 invalid_reference)", async () => {
    const api = await writer();
    const other = await writer();
    const own = (await api.post('/v1/sessions', { agent_role: 'planner' })).json().id;
    const foreign = (await other.post('/v1/sessions', { agent_role: 'planner' })).json().id;
    expect(
      (await api.post('/v1/tasks', { type: 'x', to_agent_role: 'w', from_session_id: own })).statusCode,
    ).toBe(201);
    for (const id of [foreign, '01939e3a-0000-7000-8000-000000000000']) {
      const res = await api.post('/v1/tasks', { type: 'x', to_agent_role: 'w', from_session_id: id });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'invalid_reference',
        errors: [{ path: 'body.from_session_id' }],
      });
    }
    const [{ n }] = (await t.owner`select count(*)::int as n from tasks where tenant_id = ${api.tenant}`) as [
      { n: number },
    ];
    expect(n).toBe(1);
  });

  it('refuses an approval request without requires_approval', async () => {
    const api = await writer();
    const res = await api.post('/v1/tasks', { type: 'x', to_agent_role: 'w', approval: { title: 'Go?' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'body.approval', message: 'only with requires_approval: true' },
    ]);
  });

  it('lists every offending field of an invalid body', async () => {
    const api = await writer();
    const res = await api.post('/v1/tasks', {
      type: '',
      to_agent_role: 'has space',
      max_attempts: 0,
      extra: 1,
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.type', 'body.to_agent_role', 'body.max_attempts']));
  });
});

describe('reading tasks', () => {
  it('gets a task with its ETag; an unknown id is 404', async () => {
    const api = await writer();
    const task = await newTask(api);
    const res = await api.get(`/v1/tasks/${task.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toEqual(task);
    const missing = await api.get('/v1/tasks/01939e3a-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
  });

  it('filters by status, role, trace id, idempotency key and holder', async () => {
    const api = await writer();
    const a = await newTask(api, { to_agent_role: 'alpha', idempotency_key: 'key-a' });
    const b = (
      await api.post('/v1/tasks', { type: 'work', to_agent_role: 'beta' }, traceparent('a'.repeat(32)))
    ).json();
    const c = await newTask(api, { to_agent_role: 'beta' });
    const session = await activeSession(api);
    const claimed = (await api.post('/v1/tasks/claim', { agent_role: 'beta', session_id: session })).json();
    expect(claimed.id).toBe(b.id);
    await api.post(`/v1/tasks/${c.id}/cancel`, { reason: 'no' });

    const ids = async (query: string) =>
      (await api.get(`/v1/tasks?${query}`)).json().data.map((x: { id: string }) => x.id);
    expect(await ids('')).toEqual([c.id, b.id, a.id]);
    expect(await ids('status=pending')).toEqual([a.id]);
    expect(await ids('status=running')).toEqual([b.id]);
    expect(await ids('status=cancelled')).toEqual([c.id]);
    expect(await ids('to_agent_role=beta')).toEqual([c.id, b.id]);
    expect(await ids(`trace_id=${'a'.repeat(32)}`)).toEqual([b.id]);
    expect(await ids('idempotency_key=key-a')).toEqual([a.id]);
    expect(await ids(`claimed_by_session_id=${session}`)).toEqual([b.id]);
    expect(await ids('to_agent_role=beta&status=running')).toEqual([b.id]);
  });

  it('pages with cursors and with page numbers, newest first', async () => {
    const api = await writer();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await newTask(api)).id);
    const newest = [...created].reverse();

    const first = (await api.get('/v1/tasks?page_size=2')).json();
    expect(first.data.map((x: { id: string }) => x.id)).toEqual(newest.slice(0, 2));
    const second = (await api.get(`/v1/tasks?page_size=2&cursor=${first.next_cursor}`)).json();
    expect(second.data.map((x: { id: string }) => x.id)).toEqual(newest.slice(2, 4));
    const third = (await api.get(`/v1/tasks?page_size=2&cursor=${second.next_cursor}`)).json();
    expect(third.data.map((x: { id: string }) => x.id)).toEqual(newest.slice(4));
    expect(third.next_cursor).toBeNull();

    const page2 = (await api.get('/v1/tasks?page_size=2&page=2')).json();
    expect(page2).toMatchObject({ page: 2, total: 5, page_size: 2, next_cursor: null });
    expect(page2.data.map((x: { id: string }) => x.id)).toEqual(newest.slice(2, 4));

    expect((await api.get('/v1/tasks?page=1&cursor=abc')).statusCode).toBe(400);
    expect((await api.get('/v1/tasks?cursor=not-a-cursor')).json().code).toBe('invalid_cursor');
  });
});

describe('cancelling', () => {
  it('cancels a pending task with its reason; a second cancel is 409 with the allowed transitions', async () => {
    const api = await writer();
    const task = await newTask(api);
    const res = await api.post(`/v1/tasks/${task.id}/cancel`, { reason: 'not needed' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', status_reason: 'not needed', version: 2 });
    expect(res.json().completed_at).not.toBeNull();
    const again = await api.post(`/v1/tasks/${task.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'invalid_transition', allowed_transitions: [] });
    expect(await t.auditActions(api.tenant, task.id)).toEqual(['task.created', 'task.cancelled']);
  });

  it('cancels a running task; its holder then cannot complete it (409)', async () => {
    const api = await writer();
    const task = await newTask(api);
    const session = await activeSession(api);
    await api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session });
    expect((await api.post(`/v1/tasks/${task.id}/cancel`)).json().status).toBe('cancelled');
    const late = await api.post(`/v1/tasks/${task.id}/complete`, { session_id: session });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'invalid_transition', current_status: 'cancelled' });
    expect((await taskRow(t, api.tenant, task.id)).status).toBe('cancelled');
  });

  it('cancelling a waiting task cancels its open approval, with an event for each', async () => {
    const api = await writer();
    const task = await newTask(api, { requires_approval: true });
    const res = await api.post(`/v1/tasks/${task.id}/cancel`, { reason: 'changed my mind' });
    expect(res.json().status).toBe('cancelled');
    const [approval] = await t.owner`select id, status, version from approvals where task_id = ${task.id}`;
    expect(approval).toMatchObject({ status: 'cancelled', version: 2 });
    expect(await t.auditActions(api.tenant, approval!['id'])).toEqual([
      'approval.requested',
      'approval.cancelled',
    ]);
    expect(await t.auditActions(api.tenant, task.id)).toEqual(['task.created', 'task.cancelled']);
  });

  it('honours If-Match: a stale version is 412 and changes nothing', async () => {
    const api = await writer();
    const task = await newTask(api);
    const stale = await api.post(`/v1/tasks/${task.id}/cancel`, {}, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'version_mismatch', current_version: 1 });
    expect((await taskRow(t, api.tenant, task.id)).status).toBe('pending');
    const ok = await api.post(`/v1/tasks/${task.id}/cancel`, {}, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
  });
});
