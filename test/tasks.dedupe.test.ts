import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseExpiredTaskKeys } from '../src/modules/tasks/sweeps.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { manualClock, newTask } from './helpers/tasks.js';

const TTL = 3600;
const clock = manualClock();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { IDEMPOTENCY_TTL_SECONDS: String(TTL) } });
});
afterAll(async () => {
  await t?.close();
});

const writer = async () => t.client(await t.newTenant(), 'tasks:read', 'tasks:write');
const create = (api: Awaited<ReturnType<typeof writer>>, key: string, extra: Record<string, unknown> = {}) =>
  api.post('/v1/tasks', { type: 'work', to_agent_role: 'worker', idempotency_key: key, ...extra });
const count = async (tenant: string) =>
  ((await t.owner`select count(*)::int as n from tasks where tenant_id = ${tenant}`) as [{ n: number }])[0].n;

describe('body idempotency_key', () => {
  it('returns the live task with 200 and Idempotent-Replayed instead of creating a second', async () => {
    const api = await writer();
    const first = await create(api, 'order-1', { input: { n: 1 } });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await create(api, 'order-1', { input: { n: 2 } });
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.location).toBe(`/v1/tasks/${first.json().id}`);
    expect(second.json()).toEqual(first.json());
    expect(await count(api.tenant)).toBe(1);
    expect(await t.auditActions(api.tenant, first.json().id)).toEqual(['task.created']);
    const found = (await api.get('/v1/tasks?idempotency_key=order-1')).json().data;
    expect(found.map((x: { id: string }) => x.id)).toEqual([first.json().id]);
  });

  it('gives one task to 10 concurrent creates with one key', async () => {
    const api = await writer();
    const responses = await Promise.all(Array.from({ length: 10 }, () => create(api, 'race')));
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await count(api.tenant)).toBe(1);
    const [{ n }] = (await t.owner`
      select count(*)::int as n from audit_events where tenant_id = ${api.tenant} and action = 'task.created'`) as [
      { n: number },
    ];
    expect(n).toBe(1);
  });

  it('is per tenant', async () => {
    const a = await writer();
    const b = await writer();
    const fromA = (await create(a, 'shared')).json();
    const fromB = await create(b, 'shared');
    expect(fromB.statusCode).toBe(201);
    expect(fromB.json().id).not.toBe(fromA.id);
  });

  it('stops deduplicating after the TTL: a new task, and both are found by the key', async () => {
    const api = await writer();
    const old = (await create(api, 'daily')).json();
    clock.advance(TTL - 1);
    expect((await create(api, 'daily')).json().id).toBe(old.id);
    clock.advance(2);
    const fresh = await create(api, 'daily');
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().id).not.toBe(old.id);
    expect((await create(api, 'daily')).json().id).toBe(fresh.json().id);
    const found = (await api.get('/v1/tasks?idempotency_key=daily')).json().data;
    expect(found.map((x: { id: string }) => x.id)).toEqual([fresh.json().id, old.id]);
  });

  it('creates a requires_approval task and its approval once', async () => {
    const api = await writer();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => create(api, 'gated', { requires_approval: true })),
    );
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const [{ n }] = (await t.owner`
      select count(*)::int as n from approvals where tenant_id = ${api.tenant}`) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('the purge sweep retires expired keys without touching the task', async () => {
    const api = await writer();
    const task = await newTask(api, { idempotency_key: 'purge-me' });
    const live = await newTask(api, { idempotency_key: 'keep-me' });
    clock.advance(TTL / 2);
    const keep = await newTask(api, { idempotency_key: 'still-live' });
    clock.advance(TTL / 2 + 1);
    const { released } = await releaseExpiredTaskKeys({ db: t.db, clock }, { batchSize: 1 });
    expect(released).toBeGreaterThanOrEqual(2);
    const rows = await t.owner<
      { id: string; idempotency_key: string; idempotency_expires_at: Date | null; version: number }[]
    >`
      select id, idempotency_key, idempotency_expires_at, version from tasks where tenant_id = ${api.tenant} order by id`;
    expect(rows).toEqual([
      { id: task.id, idempotency_key: 'purge-me', idempotency_expires_at: null, version: 1 },
      { id: live.id, idempotency_key: 'keep-me', idempotency_expires_at: null, version: 1 },
      { id: keep.id, idempotency_key: 'still-live', idempotency_expires_at: expect.any(Date), version: 1 },
    ]);
    expect((await create(api, 'purge-me')).statusCode).toBe(201);
    expect((await create(api, 'still-live')).statusCode).toBe(200);
  });
});
