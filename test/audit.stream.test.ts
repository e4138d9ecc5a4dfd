import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { listen, SseReader } from './helpers/http.js';
import { seedAuditEvents } from './helpers/seed-audit.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp({ env: { AUDIT_STREAM_HEARTBEAT_SECONDS: '1' } });
  base = await listen(t.app);
});
afterAll(async () => {
  await t?.close();
});

const open: SseReader[] = [];
async function stream(tenant: string, headers: Record<string, string> = {}, query = '') {
  const token = await t.token(tenant, ['audit:read']);
  const reader = await SseReader.open(`${base}/v1/audit-events/stream${query}`, {
    authorization: `Bearer ${token}`,
    ...headers,
  });
  open.push(reader);
  return reader;
}

async function writer(tenant: string) {
  const api = await t.client(tenant, 'audit:write');
  return async (resourceId: string) => {
    const res = await api.post('/v1/audit-events', {
      action: 'deploy.started',
      resource_type: 'deployment',
      resource_id: resourceId,
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { seq: number; hash: string };
  };
}

/** The LISTEN backends of this test file's database. */
async function listeners(): Promise<number> {
  const [row] = await t.owner<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
     where datname = current_database() and query ilike 'listen %'`;
  return row!.n;
}

afterAll(() => {
  for (const r of open) r.close();
});

describe('GET /v1/audit-events/stream', () => {
  it('delivers an event committed after the client connected', async () => {
    const tenant = await t.newTenant();
    const sse = await stream(tenant);
    expect(sse.res.statusCode).toBe(200);
    expect(sse.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(sse.res.headers['cache-control']).toBe('no-cache, no-transform');
    const created = await (await writer(tenant))('d-1');
    await sse.until(() => sse.events.length === 1);
    expect(sse.events[0]).toMatchObject({ id: String(created.seq), event: 'audit_event' });
    expect(sse.data[0]).toMatchObject({
      seq: created.seq,
      hash: created.hash,
      action: 'deploy.started',
      resource_id: 'd-1',
      actor: { type: 'user', id: 'tester' },
    });
    sse.close();
  });

  it('resumes with Last-Event-ID: exactly the missed events, in order, then live', async () => {
    const tenant = await t.newTenant();
    const post = await writer(tenant);
    const first = await stream(tenant);
    const a = await post('a');
    await first.until(() => first.events.length === 1);
    first.close();
    const missed = [await post('b'), await post('c'), await post('d')];
    await seedAuditEvents(t.owner, tenant, 1200); // more than one catch-up batch
    const again = await stream(tenant, { 'last-event-id': String(a.seq) });
    await again.until(() => again.events.length === 1203);
    const live = await post('e');
    await again.until(() => again.events.length === 1204);
    const seqs = again.data.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 1204 }, (_, i) => a.seq + 1 + i));
    expect(again.data.slice(0, 3).map((e) => e.resource_id)).toEqual(['b', 'c', 'd']);
    expect(again.data.slice(0, 3).map((e) => e.seq)).toEqual(missed.map((m) => m.seq));
    expect(again.data.at(-1)).toMatchObject({ seq: live.seq, resource_id: 'e' });
    // after_seq does the same for clients that cannot send the header.
    const viaQuery = await stream(tenant, {}, `?after_seq=${live.seq - 2}`);
    await viaQuery.until(() => viaQuery.events.length === 2);
    expect(viaQuery.data.map((e) => e.seq)).toEqual([live.seq - 1, live.seq]);
    again.close();
    viaQuery.close();
  });

  it("never carries another tenant's events", async () => {
    const [a, b] = [await t.newTenant(), await t.newTenant()];
    const [sseA, sseB] = [await stream(a, { 'last-event-id': '0' }), await stream(b)];
    await sseA.until(() => sseA.events.length === 1); // tenant.created
    await (await writer(b))('for-b');
    await (await writer(a))('for-a');
    await sseA.until(() => sseA.events.length === 2);
    await sseB.until(() => sseB.events.length === 1);
    expect(sseA.data.map((e) => e.action)).toEqual(['tenant.created', 'deploy.started']);
    expect(sseA.data.map((e) => e.resource_id)).toEqual([a, 'for-a']);
    expect(sseB.data.map((e) => e.resource_id)).toEqual(['for-b']);
    sseA.close();
    sseB.close();
  });

  it('serves 100 concurrent clients from one LISTEN connection, and cleans them up', async () => {
    const tenants = [await t.newTenant(), await t.newTenant()];
    const clients = await Promise.all(Array.from({ length: 100 }, (_, i) => stream(tenants[i % 2]!)));
    expect(t.app.auditHub.clientCount).toBe(100);
    const posted = await (await writer(tenants[0]!))('fan-out');
    await Promise.all(clients.map((c, i) => (i % 2 === 0 ? c.until(() => c.events.length === 1) : null)));
    for (const [i, c] of clients.entries()) {
      expect(c.data.map((e) => e.seq)).toEqual(i % 2 === 0 ? [posted.seq] : []);
    }
    expect(await listeners()).toBe(1);
    expect(t.app.auditHub.stats.listens).toBe(1);
    for (const c of clients) c.close();
    await clients[0]!.until(() => t.app.auditHub.clientCount === 0);
  });

  it('sends heartbeat comments on an idle stream', async () => {
    const sse = await stream(await t.newTenant());
    await sse.until(() => sse.comments.includes('heartbeat'), 5000);
    expect(sse.events).toEqual([]);
    sse.close();
  });

  it('reconnects its LISTEN connection and catches up on what was not notified', async () => {
    const tenant = await t.newTenant();
    const sse = await stream(tenant);
    const listensBefore = t.app.auditHub.stats.listens;
    // Committed without firing the trigger: no notification is ever sent for these.
    const { first, last } = await seedAuditEvents(t.owner, tenant, 3, { silent: true });
    await t.owner`
      select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and query ilike 'listen %'`;
    await sse.until(() => sse.events.length === 3);
    expect(sse.data.map((e) => e.seq)).toEqual([first, first + 1, last]);
    expect(t.app.auditHub.stats.listens).toBe(listensBefore + 1);
    expect(await listeners()).toBe(1);
    sse.close();
  });

  it('requires audit:read in an existing tenant, and a numeric Last-Event-ID', async () => {
    const tenant = await t.newTenant();
    const noToken = await SseReader.open(`${base}/v1/audit-events/stream`, {});
    expect(noToken.res.statusCode).toBe(401);
    const token = await t.token(tenant, ['audit:write']);
    const wrongScope = await SseReader.open(`${base}/v1/audit-events/stream`, {
      authorization: `Bearer ${token}`,
    });
    expect(wrongScope.res.statusCode).toBe(403);
    const bad = await stream(tenant, { 'last-event-id': 'abc' });
    expect(bad.res.statusCode).toBe(400);
    for (const r of [noToken, wrongScope, bad]) r.close();
  });

  it('ends open streams when the app closes', async () => {
    const sse = await stream(await t.newTenant());
    await t.app.close();
    await sse.until(() => sse.ended);
    expect(t.app.auditHub.clientCount).toBe(0);
  });
});
