import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const deploy = {
  action: 'deploy.started',
  resource_type: 'deployment',
  resource_id: 'dep-1',
  data: { env: 'prod' },
};

async function rows(tenant: string) {
  return t.owner`select * from audit_events where tenant_id = ${tenant} order by seq`;
}

describe('POST /v1/audit-events', () => {
  it('appends an integrator event to the chain, with the token as actor', async () => {
    const tenant = await t.newTenant();
    const api = await t.clientAs(tenant, 'ci-bot', 'audit:write', 'audit:read');
    const res = await api.post('/v1/audit-events', deploy, {
      traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01`,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const [created, stored] = (await rows(tenant)) as unknown as Record<string, unknown>[];
    expect(body).toMatchObject({
      seq: 2,
      action: 'deploy.started',
      resource_type: 'deployment',
      resource_id: 'dep-1',
      actor: { type: 'user', id: 'ci-bot' },
      trace_id: 'ab'.repeat(16),
      request_id: res.headers['x-request-id'],
      data: { env: 'prod' },
      prev_hash: created!.hash,
      hash: stored!.hash,
    });
    expect(stored).toMatchObject({ seq: '2', id: body.id, actor_id: 'ci-bot', data: { env: 'prod' } });
    const listed = (await api.get('/v1/audit-events?action=deploy.started')).json();
    expect(listed.data).toEqual([body]);
    expect((await api.get('/v1/audit-events/verify')).json()).toMatchObject({ ok: true, checked: 2 });
  });

  it.each(['session.created', 'task.claimed', 'approval.approved', 'tenant.created', 'tenant.audit_purged'])(
    'refuses the reserved action %s with 422 reserved_action',
    async (action) => {
      const tenant = await t.newTenant();
      const api = await t.client(tenant, 'audit:write');
      const res = await api.post('/v1/audit-events', { ...deploy, action });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'reserved_action',
        errors: [{ path: 'body.action', message: `the prefix ${action.split('.')[0]}. is reserved` }],
      });
      expect((await rows(tenant)).map((r) => r.action)).toEqual(['tenant.created']);
    },
  );

  it('validates the body: strict, action format, sizes, data an object; actor never from the body', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'audit:write');
    const cases: [unknown, string][] = [
      [{ ...deploy, actor: { type: 'system', id: 'root' } }, 'body'],
      [{ ...deploy, action: 'Deploy.Started' }, 'body.action'],
      [{ ...deploy, action: 'deploy' }, 'body.action'],
      [{ ...deploy, action: `a.${'b'.repeat(100)}` }, 'body.action'],
      [{ ...deploy, resource_type: 'Bad Type' }, 'body.resource_type'],
      [{ ...deploy, resource_id: '' }, 'body.resource_id'],
      [{ ...deploy, resource_id: 'a\nb' }, 'body.resource_id'],
      [{ ...deploy, data: [1, 2] }, 'body.data'],
      [{ ...deploy, data: 'text' }, 'body.data'],
      [{ ...deploy, data: { big: 'x'.repeat(20_000) } }, 'body.data'],
    ];
    for (const [body, path] of cases) {
      const res = await api.post('/v1/audit-events', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await rows(tenant)).toHaveLength(1);
  });

  it('replays an Idempotency-Key instead of appending twice', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'audit:write');
    const first = await api.post('/v1/audit-events', deploy, { 'idempotency-key': 'k1' });
    const again = await api.post('/v1/audit-events', deploy, { 'idempotency-key': 'k1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await rows(tenant)).toHaveLength(2);
  });

  it('requires audit:write (401 without a token, 403 with another scope)', async () => {
    const tenant = await t.newTenant();
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/audit-events', payload: deploy })).statusCode,
    ).toBe(401);
    const reader = await t.client(tenant, 'audit:read');
    const res = await reader.post('/v1/audit-events', deploy);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('insufficient_scope');
    expect(await rows(tenant)).toHaveLength(1);
  });
});

describe('tenant isolation on every audit route', () => {
  it("never shows or counts another tenant's events", async () => {
    const [a, b] = [await t.newTenant(), await t.newTenant()];
    const apiA = await t.client(a, 'audit:read', 'audit:write');
    const apiB = await t.client(b, 'audit:read', 'audit:write');
    await apiB.post('/v1/audit-events', { ...deploy, resource_id: 'only-b' });
    await apiB.post('/v1/audit-events', { ...deploy, resource_id: 'only-b' });
    await apiA.post('/v1/audit-events', { ...deploy, resource_id: 'only-a' });
    const list = (await apiA.get('/v1/audit-events?page=1')).json();
    expect(list.total).toBe(2);
    expect(list.data.map((e: { resource_id: string }) => e.resource_id)).toEqual([a, 'only-a']);
    expect((await apiA.get('/v1/audit-events?resource_id=only-b')).json().data).toEqual([]);
    expect((await apiA.get('/v1/audit-events/verify')).json()).toMatchObject({
      ok: true,
      checked: 2,
      head_seq: 2,
    });
    const exported = (await apiA.get('/v1/audit-events/export')).body.trim().split('\n');
    expect(exported.map((l) => JSON.parse(l).resource_id)).toEqual([a, 'only-a']);
    expect((await apiA.get('/v1/audit-events/export?resource_id=only-b')).body).toBe('');
  });
});
