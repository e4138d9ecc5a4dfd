import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('sessions', () => {
  it('creates a pending session with its audit event', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'sessions:read');
    const res = await api.post('/v1/sessions', { agent_role: 'planner', metadata: { model: 'x' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      agent_role: 'planner',
      status: 'pending',
      version: 1,
      metadata: { model: 'x' },
      task_id: null,
    });
    expect(res.headers.location).toBe(`/v1/sessions/${body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(await t.auditActions(api.tenant, body.id)).toEqual(['session.created']);
  });

  it('completes an active session, one audit event per change', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const { id } = (await api.post('/v1/sessions', { agent_role: 'planner' })).json();
    await api.post(`/v1/sessions/${id}/activate`);
    const res = await api.post(`/v1/sessions/${id}/complete`, { reason: 'done' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', version: 3, status_reason: 'done' });
    expect(res.json().started_at).not.toBeNull();
    expect(res.json().ended_at).not.toBeNull();
    expect(await t.auditActions(api.tenant, id)).toEqual([
      'session.created',
      'session.status_changed',
      'session.status_changed',
    ]);
  });
});

describe('session updates', () => {
  it('PATCH merges metadata (null removes a key) and audits the change with before and after', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'sessions:read');
    const { id } = (await api.post('/v1/sessions', { agent_role: 'p', metadata: { a: 1, b: 2 } })).json();
    const res = await api.patch(`/v1/sessions/${id}`, { metadata: { b: null, c: { deep: true } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ metadata: { a: 1, c: { deep: true } }, version: 2 });
    expect(res.headers.etag).toBe('"2"');
    const [event] = await t.owner<{ data: { changes: Record<string, unknown> } }[]>`
      select data from audit_events where resource_id = ${id} and action = 'session.updated'`;
    expect(event!.data.changes['metadata']).toEqual({
      from: { a: 1, b: 2 },
      to: { a: 1, c: { deep: true } },
    });
  });

  it('PATCH with a status goes through the lifecycle; an invalid one is 409 with the allowed transitions', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const { id } = (await api.post('/v1/sessions', { agent_role: 'p' })).json();
    const bad = await api.patch(`/v1/sessions/${id}`, { status: 'completed' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({
      code: 'invalid_transition',
      current_status: 'pending',
      allowed_transitions: ['active', 'expired'],
    });
    const ok = await api.patch(`/v1/sessions/${id}`, {
      status: 'active',
      metadata: { step: 1 },
      status_reason: 'go',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'active',
      status_reason: 'go',
      metadata: { step: 1 },
      version: 2,
    });
    expect(await t.auditActions(api.tenant, id)).toEqual([
      'session.created',
      'session.updated',
      'session.status_changed',
    ]);
  });

  it('PUT has the same semantics as PATCH', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const { id } = (await api.post('/v1/sessions', { agent_role: 'p', metadata: { a: 1 } })).json();
    const res = await api.put(`/v1/sessions/${id}`, { metadata: { a: null, b: 2 }, status: 'active' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ metadata: { b: 2 }, status: 'active' });
  });

  it('a PATCH that changes nothing keeps the version and writes no event', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const { id } = (await api.post('/v1/sessions', { agent_role: 'p', metadata: { a: 1 } })).json();
    const res = await api.patch(`/v1/sessions/${id}`, { metadata: { a: 1 } });
    expect(res.json().version).toBe(1);
    expect(await t.auditActions(api.tenant, id)).toEqual(['session.created']);
  });

  it('rejects unknown fields and lists every offending field', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const res = await api.post('/v1/sessions', {
      agent_role: '',
      ttl_seconds: -5,
      colour: 'red',
      metadata: 'nope',
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['body', 'body.agent_role', 'body.metadata', 'body.ttl_seconds']);
    expect(res.json().errors.find((e: { path: string }) => e.path === 'body').message).toMatch(/colour/);
  });

  it('lists offending fields across params and body together', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const res = await api.patch('/v1/sessions/not-a-uuid', { status: 'flying' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['params.id', 'body.status']);
  });

  it('explicit transitions: fail and expire, each terminal', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const s1 = (await api.post('/v1/sessions', { agent_role: 'p' })).json().id;
    expect((await api.post(`/v1/sessions/${s1}/expire`, { reason: 'idle' })).json()).toMatchObject({
      status: 'expired',
      status_reason: 'idle',
    });
    const s2 = (await api.post('/v1/sessions', { agent_role: 'p' })).json().id;
    expect((await api.post(`/v1/sessions/${s2}/fail`)).statusCode).toBe(409);
    await api.post(`/v1/sessions/${s2}/activate`);
    expect((await api.post(`/v1/sessions/${s2}/fail`, { reason: 'crashed' })).json().status).toBe('failed');
    expect((await api.post(`/v1/sessions/${s2}/activate`)).statusCode).toBe(409);
  });

  it('expires_at is now + min(ttl_seconds, tenant retention)', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const short = (await api.post('/v1/sessions', { agent_role: 'p', ttl_seconds: 60 })).json();
    expect(Date.parse(short.expires_at) - Date.parse(short.created_at)).toBe(60_000);
    const long = (await api.post('/v1/sessions', { agent_role: 'p', ttl_seconds: 365 * 86_400 })).json();
    expect(Date.parse(long.expires_at) - Date.parse(long.created_at)).toBe(7 * 86_400_000);
  });

  it('a task_id that does not exist is 422 invalid_reference naming the field', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const res = await api.post('/v1/sessions', {
      agent_role: 'p',
      task_id: '01900000-0000-7000-8000-000000000001',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'invalid_reference', errors: [{ path: 'body.task_id' }] });
  });
});

describe('session lists', () => {
  it('filters by status, agent_role and creation time, newest first', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'sessions:read');
    const ids: string[] = [];
    for (const role of ['a', 'b', 'a']) {
      ids.push((await api.post('/v1/sessions', { agent_role: role })).json().id);
      await new Promise((resolve) => setTimeout(resolve, 3)); // distinct created_at milliseconds
    }
    await api.post(`/v1/sessions/${ids[0]}/activate`);
    const active = (await api.get('/v1/sessions?status=active')).json();
    expect(active.data.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    const roleA = (await api.get('/v1/sessions?agent_role=a')).json();
    expect(roleA.data.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[0]]);
    const all = (await api.get('/v1/sessions')).json();
    const middle = all.data.find((s: { id: string }) => s.id === ids[1]).created_at;
    const after = (await api.get(`/v1/sessions?created_after=${encodeURIComponent(middle)}`)).json();
    expect(after.data.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const before = (await api.get(`/v1/sessions?created_before=${encodeURIComponent(middle)}`)).json();
    expect(before.data.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
  });

  it('walks every page with the cursor, and pages with page/total', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'sessions:read');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await api.post('/v1/sessions', { agent_role: 'p' })).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/v1/sessions?page_size=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await api.get(url)).json();
      expect(page.page_size).toBe(3);
      expect(page.total).toBeUndefined();
      seen.push(...page.data.map((s: { id: string }) => s.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const page2 = (await api.get('/v1/sessions?page=2&page_size=3')).json();
    expect(page2).toMatchObject({ page: 2, page_size: 3, total: 7, next_cursor: null });
    expect(page2.data.map((s: { id: string }) => s.id)).toEqual([ids[3], ids[2], ids[1]]);
  });

  it('refuses page with cursor, out-of-range page_size and forged cursors', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:read');
    expect((await api.get('/v1/sessions?page=1&cursor=abc')).statusCode).toBe(400);
    expect((await api.get('/v1/sessions?page_size=101')).statusCode).toBe(400);
    expect((await api.get('/v1/sessions?page_size=0')).statusCode).toBe(400);
    const forged = await api.get(`/v1/sessions?cursor=${Buffer.from('"drop table"').toString('base64url')}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('invalid_cursor');
  });
});

describe('legacy routes', () => {
  it('serve the original shapes over the same service, with the same audit', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'sessions:read');
    const created = await api.post('/sessions', { agent_role: 'legacy', metadata: { v: 1 } });
    expect(created.statusCode).toBe(201);
    expect(Object.keys(created.json()).sort()).toEqual(['session_id', 'status']);
    const id = created.json().session_id;
    const got = (await api.get(`/sessions/${id}`)).json();
    expect(got).toMatchObject({
      session_id: id,
      agent_role: 'legacy',
      state: 'pending',
      task_id: null,
      metadata: { v: 1 },
    });
    expect(Object.keys(got).sort()).toEqual([
      'agent_role',
      'created_at',
      'expires_at',
      'metadata',
      'session_id',
      'state',
      'task_id',
      'updated_at',
    ]);
    const put = await api.put(`/sessions/${id}`, { state: 'active', metadata: { v: 2 } });
    expect(put.json()).toMatchObject({ state: 'active', metadata: { v: 2 } });
    const list = (await api.get('/sessions?page=1&page_size=10')).json();
    expect(list).toMatchObject({ total: 1, page: 1, page_size: 10 });
    expect(list.sessions[0].session_id).toBe(id);
    expect(await t.auditActions(api.tenant, id)).toEqual([
      'session.created',
      'session.updated',
      'session.status_changed',
    ]);
    expect((await api.put(`/sessions/${id}`, { state: 'pending' })).statusCode).toBe(409);
  });
});
