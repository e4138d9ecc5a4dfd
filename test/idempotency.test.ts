import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let api: Client;
beforeAll(async () => {
  t = await createTestApp();
  api = await t.client(await t.newTenant(), 'sessions:read', 'sessions:write');
});
afterAll(async () => {
  await t?.close();
});

const key = () => `key-${Math.random().toString(36).slice(2)}`;
const count = async (tenant: string) =>
  (await t.owner<{ n: number }[]>`select count(*)::int as n from sessions where tenant_id = ${tenant}`)[0]!.n;

describe('Idempotency-Key', () => {
  it('replays the original status, body and headers', async () => {
    const k = key();
    const first = await api.post('/v1/sessions', { agent_role: 'planner' }, { 'idempotency-key': k });
    const again = await api.post('/v1/sessions', { agent_role: 'planner' }, { 'idempotency-key': k });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(await t.auditActions(api.tenant, first.json().id)).toEqual(['session.created']);
  });

  it('answers 422 when the key is reused with a different body or path', async () => {
    const k = key();
    const first = await api.post('/v1/sessions', { agent_role: 'planner' }, { 'idempotency-key': k });
    const other = await api.post('/v1/sessions', { agent_role: 'reviewer' }, { 'idempotency-key': k });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      code: 'idempotency_key_reused',
      errors: [{ path: 'headers.idempotency-key' }],
    });
    const path = await api.post(`/v1/sessions/${first.json().id}/activate`, undefined, {
      'idempotency-key': k,
    });
    expect(path.statusCode).toBe(422);
  });

  it('10 concurrent requests with one key create exactly one session', async () => {
    const tenant = await t.newTenant();
    const c = await t.client(tenant, 'sessions:write');
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        c.post('/v1/sessions', { agent_role: 'racer' }, { 'idempotency-key': k }),
      ),
    );
    expect(await count(tenant)).toBe(1);
    const created = results.filter((r) => r.statusCode === 201);
    // Each answer is the original (first or replayed) or "still in flight".
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.json().id)).size).toBe(1);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().code).toBe('idempotency_key_in_use');
      expect(r.headers['retry-after']).toBe('1');
    }
  });

  it('keys are per tenant', async () => {
    const other = await t.client(await t.newTenant(), 'sessions:write');
    const k = key();
    const mine = await api.post('/v1/sessions', { agent_role: 'planner' }, { 'idempotency-key': k });
    const theirs = await other.post('/v1/sessions', { agent_role: 'planner' }, { 'idempotency-key': k });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('replays a recorded 4xx result too (the request ran and failed)', async () => {
    const { id } = (await api.post('/v1/sessions', { agent_role: 'p' })).json();
    await api.post(`/v1/sessions/${id}/activate`);
    await api.post(`/v1/sessions/${id}/complete`);
    const k = key();
    const first = await api.post(`/v1/sessions/${id}/activate`, undefined, { 'idempotency-key': k });
    const again = await api.post(`/v1/sessions/${id}/activate`, undefined, { 'idempotency-key': k });
    expect(first.statusCode).toBe(409);
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('does not hold a key for a request that failed validation', async () => {
    const k = key();
    const bad = await api.post('/v1/sessions', { agent_role: '' }, { 'idempotency-key': k });
    expect(bad.statusCode).toBe(400);
    const good = await api.post('/v1/sessions', { agent_role: 'fixed' }, { 'idempotency-key': k });
    expect(good.statusCode).toBe(201);
  });

  it('answers 409 while the first request is in flight, and 409 idempotency_response_lost after a crash', async () => {
    const k2 = key();
    const first = await api.post('/v1/sessions', { agent_role: 'p' }, { 'idempotency-key': k2 });
    // Simulate "still in flight" and "committed, then the server died" for the same request.
    await t.owner`update idempotency_keys set state = 'in_flight', locked_until = now() + interval '1 minute' where key = ${k2}`;
    const inFlight = await api.post('/v1/sessions', { agent_role: 'p' }, { 'idempotency-key': k2 });
    expect(inFlight.statusCode).toBe(409);
    expect(inFlight.json().code).toBe('idempotency_key_in_use');
    await t.owner`update idempotency_keys set state = 'committed', locked_until = now() - interval '1 second' where key = ${k2}`;
    const lost = await api.post('/v1/sessions', { agent_role: 'p' }, { 'idempotency-key': k2 });
    expect(lost.statusCode).toBe(409);
    expect(lost.json().code).toBe('idempotency_response_lost');
    expect(first.statusCode).toBe(201);
  });

  it('runs again when an in-flight claim was abandoned without committing, and after the TTL', async () => {
    const k = key();
    const first = await api.post('/v1/sessions', { agent_role: 'p' }, { 'idempotency-key': k });
    // Abandoned before commit (server died): in_flight with its lock run out.
    await t.owner`update idempotency_keys set state = 'in_flight', locked_until = now() - interval '1 second' where key = ${k}`;
    const rerun = await api.post('/v1/sessions', { agent_role: 'p' }, { 'idempotency-key': k });
    expect(rerun.statusCode).toBe(201);
    expect(rerun.json().id).not.toBe(first.json().id);
    // Expired: the key is free again, even for another body.
    await t.owner`update idempotency_keys set expires_at = now() - interval '1 second' where key = ${k}`;
    const fresh = await api.post('/v1/sessions', { agent_role: 'other' }, { 'idempotency-key': k });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
  });

  it('marks the key committed in the same transaction as the change', async () => {
    const k = key();
    await api.post('/v1/sessions', { agent_role: 'p' }, { 'idempotency-key': k });
    const [row] = await t.owner<{ state: string; response_status: number }[]>`
      select state, response_status from idempotency_keys where key = ${k}`;
    expect(row).toEqual({ state: 'completed', response_status: 201 });
  });

  it('rejects a malformed key', async () => {
    const res = await api.post('/v1/sessions', { agent_role: 'p' }, { 'idempotency-key': 'x'.repeat(300) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('headers.idempotency-key');
  });
});
