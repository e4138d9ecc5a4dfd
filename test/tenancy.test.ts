import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgError } from '../src/db/errors.js';
import { sessions } from '../src/db/schema.js';
import { withTenantTx } from '../src/db/tenant-tx.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let a: Client;
let b: Client;
let aSession: string;
const never = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  a = await t.client(await t.newTenant(), 'sessions:read', 'sessions:write', 'audit:read');
  b = await t.client(await t.newTenant(), 'sessions:read', 'sessions:write', 'audit:read');
  aSession = (await a.post('/v1/sessions', { agent_role: 'secret-agent', metadata: { owner: 'a' } })).json()
    .id;
  await b.post('/v1/sessions', { agent_role: 'b-agent' });
});
afterAll(async () => {
  await t?.close();
});

/** B asking for A's id must be indistinguishable from B asking for an id that never existed. */
async function sameAsMissing(
  request: (id: string) => Promise<{ statusCode: number; json(): Record<string, unknown> }>,
) {
  const theirs = await request(aSession);
  const missing = await request(never);
  expect(theirs.statusCode).toBe(404);
  const strip = (r: Record<string, unknown>) => ({ ...r, request_id: undefined, detail: undefined });
  expect(strip(theirs.json())).toEqual(strip(missing.json()));
}

describe('tenant walls', () => {
  it("tenant B gets 404 for tenant A's session, like a missing one, on every operation", async () => {
    await sameAsMissing((id) => b.get(`/v1/sessions/${id}`));
    await sameAsMissing((id) => b.patch(`/v1/sessions/${id}`, { metadata: { x: 1 } }));
    await sameAsMissing((id) => b.put(`/v1/sessions/${id}`, { metadata: { x: 1 } }));
    for (const action of ['activate', 'complete', 'fail', 'expire']) {
      await sameAsMissing((id) => b.post(`/v1/sessions/${id}/${action}`));
    }
    await sameAsMissing((id) => b.get(`/sessions/${id}`));
    await sameAsMissing((id) => b.put(`/sessions/${id}`, { state: 'active' }));
  });

  it("A's session is untouched by B's attempts", async () => {
    const res = await a.get(`/v1/sessions/${aSession}`);
    expect(res.json()).toMatchObject({ status: 'pending', version: 1, metadata: { owner: 'a' } });
    expect(await t.auditActions(a.tenant, aSession)).toEqual(['session.created']);
  });

  it("B never sees A's sessions or audit events in lists", async () => {
    const lists = [
      await b.get('/v1/sessions?page_size=100'),
      await b.get('/v1/sessions?page=1&page_size=100'),
      await b.get('/v1/sessions?agent_role=secret-agent'),
      await b.get('/sessions?page_size=100'),
      await b.get('/v1/audit-events?page_size=100'),
      await b.get(`/v1/audit-events?resource_id=${aSession}`),
    ];
    for (const res of lists) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(aSession);
      expect(res.body).not.toContain('secret-agent');
    }
  });

  it("B cannot refer to A's objects from a body (task_id of another tenant is a missing task)", async () => {
    // Sessions refer to tasks; a made-up task id and another tenant's id get the same 422.
    const res = await b.post('/v1/sessions', { agent_role: 'x', task_id: never });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'invalid_reference', errors: [{ path: 'body.task_id' }] });
  });

  it('row-level security alone stops a query that forgets the tenant filter', async () => {
    // A raw, unfiltered select through the application role, inside B's transaction.
    const rows = await withTenantTx({ db: t.db, tenantId: b.tenant }, async (tx) => {
      const [result] = await tx.commit(tx.select({ tenantId: sessions.tenantId }).from(sessions));
      return result;
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.tenantId))).toEqual(new Set([b.tenant]));

    // With no tenant set, nothing is visible at all; and a write into another tenant is refused.
    const none = await withTenantTx(
      { db: t.db, tenantId: '' },
      async (tx) => (await tx.commit(tx.execute(sql`select count(*)::int as n from sessions`)))[0],
    );
    expect(none[0]).toEqual({ n: 0 });
    await expect(
      withTenantTx({ db: t.db, tenantId: b.tenant }, (tx) =>
        tx.commit(tx.execute(sql`update sessions set agent_role = 'pwned' where tenant_id = ${a.tenant}`)),
      ).then((r) => (r[0] as unknown as { count: number }).count),
    ).resolves.toBe(0);
    await expect(
      withTenantTx({ db: t.db, tenantId: b.tenant }, (tx) =>
        tx.commit(
          tx.execute(sql`insert into sessions (tenant_id, id, agent_role, status, created_at, updated_at, expires_at)
                          values (${a.tenant}, ${never}, 'x', 'pending', now(), now(), now())`),
        ),
      ),
    ).rejects.toSatisfy(
      (e) => pgError(e)?.code === '42501' && /row-level security/.test(pgError(e)?.message ?? ''),
    );
  });

  it('the application role is neither superuser nor owner, so RLS cannot be bypassed', async () => {
    const [me] = await withTenantTx(
      { db: t.db, tenantId: b.tenant },
      async (tx) =>
        (
          await tx.commit(
            tx.execute(sql`select current_user as role, r.rolsuper as superuser, r.rolbypassrls as bypass,
                  (select tableowner from pg_tables where tablename = 'sessions') as owner
             from pg_roles r where r.rolname = current_user`),
          )
        )[0],
    );
    expect(me).toMatchObject({ role: 'switchboard_app', superuser: false, bypass: false });
    expect((me as { owner: string }).owner).not.toBe('switchboard_app');
  });
});
