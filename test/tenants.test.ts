import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, randomId, type TestApp } from './helpers/app.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.client('', 'admin');
});
afterAll(async () => {
  await t?.close();
});

describe('tenants (admin)', () => {
  it('creates a tenant, audited in its own chain, and refuses a duplicate', async () => {
    const id = randomId('acme');
    const res = await admin.post('/v1/tenants', {
      id,
      name: 'Acme',
      settings: { session_retention_days: 30 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id,
      name: 'Acme',
      settings: { session_retention_days: 30 },
      disabled: false,
      version: 1,
    });
    expect(res.headers.location).toBe(`/v1/tenants/${id}`);
    expect(await t.auditActions(id, id)).toEqual(['tenant.created']);
    const [event] = await t.owner<
      { actor_id: string; seq: string }[]
    >`select actor_id, seq from audit_events where tenant_id = ${id}`;
    expect(event).toEqual({ actor_id: 'tester', seq: '1' });
    const dup = await admin.post('/v1/tenants', { id, name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('already_exists');
  });

  it('validates ids and settings', async () => {
    const res = await admin.post('/v1/tenants', {
      id: 'Bad Id',
      name: '',
      settings: { session_retention_days: 0, colour: 1 },
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['body.id', 'body.name', 'body.settings', 'body.settings.session_retention_days']);
  });

  it("a tenant's retention setting caps its sessions' expires_at", async () => {
    const id = randomId('ret');
    await admin.post('/v1/tenants', { id, name: 'Short retention', settings: { session_retention_days: 1 } });
    const api = await t.client(id, 'sessions:write');
    const s = (await api.post('/v1/sessions', { agent_role: 'p' })).json();
    expect(Date.parse(s.expires_at) - Date.parse(s.created_at)).toBe(86_400_000);
    // Back to the server default (7 days) once the setting is removed.
    await admin.patch(`/v1/tenants/${id}`, { settings: { session_retention_days: null } });
    const s2 = (await api.post('/v1/sessions', { agent_role: 'p' })).json();
    expect(Date.parse(s2.expires_at) - Date.parse(s2.created_at)).toBe(7 * 86_400_000);
  });

  it('gets, lists, renames with If-Match, disables and re-enables', async () => {
    const id = randomId('life');
    await admin.post('/v1/tenants', { id, name: 'Life' });
    expect((await admin.get(`/v1/tenants/${id}`)).json().name).toBe('Life');
    expect((await admin.get('/v1/tenants/no-such-tenant')).statusCode).toBe(404);
    const stale = await admin.patch(`/v1/tenants/${id}`, { name: 'X' }, { 'if-match': '"9"' });
    expect(stale.statusCode).toBe(412);
    const renamed = await admin.patch(`/v1/tenants/${id}`, { name: 'Life 2' }, { 'if-match': '"1"' });
    expect(renamed.json()).toMatchObject({ name: 'Life 2', version: 2 });
    const api = await t.client(id, 'sessions:read');
    expect((await api.get('/v1/sessions')).statusCode).toBe(200);
    const disabled = await admin.patch(`/v1/tenants/${id}`, { disabled: true });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await api.get('/v1/sessions')).json().code).toBe('tenant_disabled');
    await admin.patch(`/v1/tenants/${id}`, { disabled: false });
    expect((await api.get('/v1/sessions')).statusCode).toBe(200);
    expect(await t.auditActions(id, id)).toEqual([
      'tenant.created',
      'tenant.updated',
      'tenant.updated',
      'tenant.updated',
    ]);

    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; next_cursor: string | null } = (
        await admin.get(`/v1/tenants?page_size=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      listed.push(...page.data.map((x) => x.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(listed).toContain(id);
    expect([...listed].sort()).toEqual(listed);
  });

  it('needs the admin scope', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:read', 'sessions:write');
    expect((await api.get('/v1/tenants')).statusCode).toBe(403);
    expect((await api.post('/v1/tenants', { id: randomId(), name: 'x' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/tenants' })).statusCode).toBe(401);
  });
});
