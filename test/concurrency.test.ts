import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH } from '../src/modules/audit/hash.js';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface EventRow {
  tenant_id: string;
  seq: string;
  id: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string;
  action: string;
  resource_type: string;
  resource_id: string;
  trace_id: string;
  request_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** Recomputes a tenant's whole chain in JavaScript: gapless seq from 1 and every hash. */
async function assertChain(tenant: string) {
  const rows = await t.owner<EventRow[]>`select * from audit_events where tenant_id = ${tenant} order by seq`;
  let prev = GENESIS_HASH;
  rows.forEach((r, i) => {
    expect(Number(r.seq)).toBe(i + 1);
    expect(r.prev_hash).toBe(prev);
    const expected = eventHash(prev, {
      tenant_id: r.tenant_id,
      seq: Number(r.seq),
      id: r.id,
      occurred_at: r.occurred_at.toISOString(),
      actor: { type: r.actor_type, id: r.actor_id },
      action: r.action,
      resource_type: r.resource_type,
      resource_id: r.resource_id,
      trace_id: r.trace_id,
      request_id: r.request_id,
      data: r.data,
    });
    expect(r.hash).toBe(expected);
    prev = r.hash;
  });
  const [head] = await t.owner<
    { seq: string; hash: string }[]
  >`select seq, hash from audit_heads where tenant_id = ${tenant}`;
  expect(Number(head!.seq)).toBe(rows.length);
  expect(head!.hash).toBe(prev);
  return rows.length;
}

describe('concurrency', () => {
  it('20 concurrent transitions of one session: exactly one wins, one audit event', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write');
    const { id } = (await api.post('/v1/sessions', { agent_role: 'racer' })).json();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api.post(`/v1/sessions/${id}/activate`)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toMatchObject({ code: 'invalid_transition', current_status: 'active' });
    }
    expect(await t.auditActions(api.tenant, id)).toEqual(['session.created', 'session.status_changed']);
  });

  it('If-Match: a stale version gets 412 and changes nothing', async () => {
    const api = await t.client(await t.newTenant(), 'sessions:write', 'sessions:read');
    const created = await api.post('/v1/sessions', { agent_role: 'x' });
    const { id } = created.json();
    const etag = created.headers.etag as string;
    expect(
      (await api.patch(`/v1/sessions/${id}`, { metadata: { a: 1 } }, { 'if-match': etag })).statusCode,
    ).toBe(200);
    const stale = await api.post(`/v1/sessions/${id}/activate`, undefined, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'version_mismatch', current_version: 2 });
    const fresh = await api.post(`/v1/sessions/${id}/activate`, undefined, { 'if-match': '"2"' });
    expect(fresh.statusCode).toBe(200);
    expect((await api.get(`/v1/sessions/${id}`)).json().version).toBe(3);
  });

  it('50 concurrent writers across two tenants leave gapless per-tenant seq and a valid hash chain', async () => {
    const tenants = [await t.newTenant(), await t.newTenant()];
    const clients = await Promise.all(tenants.map((x) => t.client(x, 'sessions:write')));
    const writes = Array.from({ length: 50 }, async (_, i) => {
      const c = clients[i % 2]!;
      const { id } = (
        await c.post('/v1/sessions', {
          agent_role: `w${i}`,
          metadata: { i, unicode: 'żółw 🐢', nested: { a: [1, 2.5, null] } },
        })
      ).json();
      await c.post(`/v1/sessions/${id}/activate`);
      await c.patch(`/v1/sessions/${id}`, { metadata: { i: null, step: 'done' } });
    });
    await Promise.all(writes);
    for (const tenant of tenants) {
      // tenant.created + 25 x (created, status_changed, updated)
      expect(await assertChain(tenant)).toBe(1 + 25 * 3);
    }
  });
  it("locks one tenant's chain, not the others': while its head is held, other tenants write", async () => {
    const [held, free] = await Promise.all([t.newTenant(), t.newTenant()]);
    const a = await t.client(held, 'sessions:write');
    const b = await t.client(free, 'sessions:write');
    let waiting: Promise<{ statusCode: number }> | undefined;
    await t.owner.begin(async (tx) => {
      await tx`select 1 from audit_heads where tenant_id = ${held} for update`;
      waiting = a.post('/v1/sessions', { agent_role: 'held' });
      // The held tenant's create is queued behind the lock on its chain head...
      for (let i = 0; ; i++) {
        const [{ n }] = (await t.owner`select count(*)::int as n from pg_locks where not granted`) as [
          { n: number },
        ];
        if (n > 0) break;
        if (i > 500) throw new Error('the create never waited for the chain head');
        await new Promise((r) => setTimeout(r, 10));
      }
      // ...while another tenant's creates commit.
      for (let i = 0; i < 5; i++) {
        expect((await b.post('/v1/sessions', { agent_role: 'free' })).statusCode).toBe(201);
      }
      expect(await t.owner`select 1 from pg_locks where not granted`).toHaveLength(1);
    });
    expect((await waiting!).statusCode).toBe(201);
    expect(await assertChain(held)).toBe(2);
    expect(await assertChain(free)).toBe(6);
  });
});

describe("one tenant's burst of writes", () => {
  // A small pool, and a short wait for it: without the per-tenant gate, the burst's creates take
  // every connection while they queue on their chain head, and the other tenant's get a 503.
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ poolMax: 6, poolWaitMs: 2000 });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('queues in the process, four at a time in the database, and leaves the pool to other tenants', async () => {
    const [busy, other] = await Promise.all([small.newTenant(), small.newTenant()]);
    const a = await small.client(busy, 'sessions:write');
    const b = await small.client(other, 'sessions:write');
    let burst: Promise<{ statusCode: number }[]> | undefined;
    await small.owner.begin(async (tx) => {
      await tx`select 1 from audit_heads where tenant_id = ${busy} for update`;
      burst = Promise.all(
        Array.from({ length: 12 }, (_, i) => a.post('/v1/sessions', { agent_role: `burst-${i}` })),
      );
      // Four of the burst wait on the chain head in PostgreSQL (DB_TENANT_WRITERS), eight in the process...
      for (let i = 0; ; i++) {
        const waits = await small.owner`select 1 from pg_locks where not granted`;
        if (waits.length === 4 && small.db.writers.waiting === 8) break;
        if (i > 500)
          throw new Error(
            `the burst did not queue: ${waits.length} lock waits, ${small.db.writers.waiting} in the process`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
      // ...and the other tenant's creates find a connection and commit.
      for (let i = 0; i < 5; i++) {
        expect((await b.post('/v1/sessions', { agent_role: 'other' })).statusCode).toBe(201);
      }
    });
    expect((await burst!).map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect(small.db.writers.waiting).toBe(0);
    expect(small.db.writers.tenants).toBe(0);
    const chain = async (tenant: string) => {
      const rows = await small.owner<
        { seq: string }[]
      >`select seq from audit_events where tenant_id = ${tenant} order by seq`;
      return rows.map((r) => Number(r.seq));
    };
    expect(await chain(busy)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(await chain(other)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
