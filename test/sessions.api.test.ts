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
