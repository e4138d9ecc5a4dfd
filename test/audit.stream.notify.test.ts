import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { listen, SseReader } from './helpers/http.js';

/*
 * NOTIFY serializes the commits of every transaction that sends one, so appends notify only
 * for tenants a server is streaming (drizzle/0008_audit_stream_listeners.sql).
 */
let t: TestApp;
let base: string;
const heard: string[] = [];
let unlisten: () => Promise<unknown>;
beforeAll(async () => {
  t = await createTestApp({ env: { AUDIT_STREAM_HEARTBEAT_SECONDS: '1' } });
  base = await listen(t.app);
  ({ unlisten } = await t.owner.listen('switchboard_audit', (payload) => heard.push(payload)));
});
afterAll(async () => {
  await unlisten?.();
  await t?.close();
});

const append = async (tenant: string) => {
  const api = await t.client(tenant, 'audit:write');
  const res = await api.post('/v1/audit-events', { action: 'x.y', resource_type: 'r', resource_id: '1' });
  expect(res.statusCode).toBe(201);
  return res.json().seq as number;
};
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('audit notifications', () => {
  it('are sent only while a stream follows the tenant', async () => {
    const tenant = await t.newTenant();
    const quiet = await t.newTenant();
    await append(quiet);
    await settle();
    expect(heard.filter((p) => p.startsWith(`${quiet}:`))).toEqual([]);

    const token = await t.token(tenant, ['audit:read']);
    const sse = await SseReader.open(`${base}/v1/audit-events/stream`, { authorization: `Bearer ${token}` });
    try {
      const seq = await append(tenant);
      await sse.until(() => sse.events.length === 1);
      expect(heard).toContain(`${tenant}:${seq}`);
      const [row] =
        await t.owner`select count(*)::int as n from audit_stream_listeners where tenant_id = ${tenant}`;
      expect(row!['n']).toBe(1);
    } finally {
      sse.close();
    }
    // The last client gone, the registration goes, and so do the notifications.
    for (let i = 0; i < 50; i++) {
      const [row] =
        await t.owner`select count(*)::int as n from audit_stream_listeners where tenant_id = ${tenant}`;
      if (row!['n'] === 0) break;
      await settle();
    }
    const after = await append(tenant);
    await settle();
    expect(heard).not.toContain(`${tenant}:${after}`);
  });
});
