import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInGroup } from '../src/modules/sessions/repository.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { until } from './helpers/scheduler.js';

// One pooled connection: a test holds it to keep the first group waiting while the next gathers.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 1 });
});
afterAll(async () => {
  await t?.close();
});

/** The group commit's counts on `app`'s database so far (t's, unless another is given). */
const counts = (app = t) => ({ ...app.db.stats.createGroups });
const since = (before: ReturnType<typeof counts>, now = counts()) => ({
  sent: now.sent - before.sent,
  grouped: now.grouped - before.grouped,
  alone: now.alone - before.alone,
});

/** Runs `fire` while the pool's only connection is held, once `queued` creates wait for a group. */
async function gathered<T>(queued: number, fire: () => Promise<T>): Promise<T> {
  const held = await t.db.sql.reserve();
  let fired: Promise<T>;
  try {
    fired = fire();
    await until(() => createInGroup.queued(t.db) === queued, 5000); // the creates wait for a group
  } finally {
    held.release();
  }
  return fired;
}

describe('session creates in groups (group commit)', () => {
  it('commits the creates that came together as one group, each answered with its own session', async () => {
    const tenants = await Promise.all([t.newTenant(), t.newTenant(), t.newTenant()]);
    const clients = await Promise.all(
      tenants.map((x) => t.client(x, 'sessions:write', 'sessions:read', 'audit:read')),
    );
    for (const c of clients) await c.get('/v1/sessions'); // the tenants are looked up before the pool is held
    const before = counts();
    // The first two (of two tenants) go at once, two groups in flight, and wait for the connection;
    // the other 28 gather behind them.
    const results = await gathered(28, () =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          clients[i % 3]!.post('/v1/sessions', { agent_role: `r${i}`, metadata: { i } }),
        ),
      ),
    );
    // The first two, then the other 28 in one group, or in two when the first two come back apart.
    const { sent, ...done } = since(before);
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThanOrEqual(4);
    expect(done).toEqual({ grouped: 30, alone: 0 });
    for (const [i, res] of results.entries()) {
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ agent_role: `r${i}`, metadata: { i } });
      const { id } = res.json();
      expect((await clients[i % 3]!.get(`/v1/sessions/${id}`)).json().metadata).toEqual({ i });
      expect((await clients[(i + 1) % 3]!.get(`/v1/sessions/${id}`)).statusCode).toBe(404);
    }
    for (const c of clients) {
      const verify = (await c.get('/v1/audit-events/verify')).json();
      expect(verify).toMatchObject({ ok: true, checked: 11, head_seq: 11 }); // tenant.created and 10 creates
    }
  });

  it('leaves a create that fails to a create of its own, and commits the rest of its group', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    await api.post('/v1/sessions', { agent_role: 'first' }); // the tenant is looked up before the pool is held
    const noTask = '01900000-0000-7000-8000-000000000001';
    const before = counts();
    const results = await gathered(9, () =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api.post('/v1/sessions', { agent_role: `r${i}`, ...(i % 3 === 2 ? { task_id: noTask } : {}) }),
        ),
      ),
    );
    // Two groups (the first create, then the nine): one group failing whole would leave six more alone.
    expect(since(before)).toEqual({ sent: 2, grouped: 7, alone: 3 });
    for (const [i, res] of results.entries()) {
      if (i % 3 === 2) {
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'invalid_reference', errors: [{ path: 'body.task_id' }] });
      } else {
        expect(res.statusCode).toBe(201);
      }
    }
  });

  it('creates with an Idempotency-Key on their own, in the transaction that commits the key', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const before = counts();
    const res = await api.post(
      '/v1/sessions',
      { agent_role: 'keyed' },
      { 'idempotency-key': 'group-commit-1' },
    );
    expect(res.statusCode).toBe(201);
    expect(since(before)).toEqual({ sent: 0, grouped: 0, alone: 0 });
  });
});

describe('session creates in groups, with a pool of ten', () => {
  let big: TestApp;
  beforeAll(async () => {
    big = await createTestApp();
  });
  afterAll(async () => {
    await big?.close();
  });

  it("does not wait for a tenant's busy chain head: its creates wait alone, the other tenants' commit", async () => {
    const [held, free] = await Promise.all([big.newTenant(), big.newTenant()]);
    const a = await big.client(held, 'sessions:write');
    const b = await big.client(free, 'sessions:write');
    const before = counts(big);
    const owner = await big.owner.reserve();
    let waiting: Promise<{ statusCode: number }[]>;
    try {
      await owner`begin`;
      await owner`select 1 from audit_heads where tenant_id = ${held} for update`;
      waiting = Promise.all([1, 2].map((i) => a.post('/v1/sessions', { agent_role: `held-${i}` })));
      const others = await Promise.all(
        [1, 2, 3].map((i) => b.post('/v1/sessions', { agent_role: `free-${i}` })),
      );
      expect(others.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      // The held tenant's creates, left by their groups, wait on its head.
      await until(async () => {
        const waits = await big.owner`select 1 from pg_locks where not granted`;
        return waits.length > 0 && since(before, counts(big)).alone === 2;
      }, 5000);
    } finally {
      await owner`rollback`;
      owner.release();
    }
    expect((await waiting).map((r) => r.statusCode)).toEqual([201, 201]);
    expect(since(before, counts(big))).toMatchObject({ grouped: 3, alone: 2 });
  });
});
