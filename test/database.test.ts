import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgError } from '../src/db/errors.js';
import { withTenantTx } from '../src/db/tenant-tx.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
let a: Client;
let b: Client;
beforeAll(async () => {
  t = await createTestApp();
  a = await t.client(await t.newTenant(), 'sessions:write');
  b = await t.client(await t.newTenant(), 'sessions:write');
  for (const c of [a, b]) {
    const { id } = (await c.post('/v1/sessions', { agent_role: 'p' })).json();
    await c.post(`/v1/sessions/${id}/activate`);
    await c.post('/v1/sessions', { agent_role: 'still-pending' });
  }
});
afterAll(async () => {
  await t?.close();
});

const asApp = <T>(tenantId: string, query: ReturnType<typeof sql>) =>
  withTenantTx({ db: t.db, tenantId }, async (tx) => (await tx.commit(tx.execute(query)))[0] as unknown as T);

describe('database', () => {
  it('active_sessions is a view of active sessions, filtered by row-level security for the caller', async () => {
    const rows = await asApp<{ tenant_id: string; status: string }[]>(
      a.tenant,
      sql`select tenant_id, status from active_sessions`,
    );
    expect(rows).toEqual([{ tenant_id: a.tenant, status: 'active' }]);
    const all = await t.owner<
      { n: number }[]
    >`select count(*)::int as n from active_sessions where tenant_id in (${a.tenant}, ${b.tenant})`;
    expect(all[0]!.n).toBe(2);
  });

  it('pending_approvals is a view joining each pending approval to its task', async () => {
    const columns = await t.owner<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_name = 'pending_approvals'`;
    expect(columns.map((c) => c.column_name)).toEqual(
      expect.arrayContaining(['id', 'task_id', 'status', 'title', 'task_type', 'task_status']),
    );
    expect(await asApp<unknown[]>(a.tenant, sql`select * from pending_approvals`)).toEqual([]);
  });

  it('audit events are append-only: UPDATE, DELETE and TRUNCATE fail for the owner, and the app role has no such privilege', async () => {
    for (const statement of [
      t.owner`update audit_events set action = 'forged' where tenant_id = ${a.tenant}`,
      t.owner`delete from audit_events where tenant_id = ${a.tenant}`,
      t.owner`truncate audit_events`,
    ]) {
      await expect(statement).rejects.toThrow(/append-only/);
    }
    await expect(asApp(a.tenant, sql`update audit_events set action = 'forged'`)).rejects.toSatisfy(
      (e) => pgError(e)?.code === '42501',
    );
    await expect(asApp(a.tenant, sql`delete from audit_events`)).rejects.toSatisfy(
      (e) => pgError(e)?.code === '42501',
    );
    const [row] = await t.owner<
      { n: number }[]
    >`select count(*)::int as n from audit_events where tenant_id = ${a.tenant} and action = 'forged'`;
    expect(row!.n).toBe(0);
  });

  it('CHECK constraints refuse unknown status values, even from the owner', async () => {
    await expect(
      t.owner`update sessions set status = 'zombie' where tenant_id = ${a.tenant}`,
    ).rejects.toThrow(/sessions_status_valid/);
    await expect(
      t.owner`insert into tasks (tenant_id, id, type, to_agent_role, status, trace_id, max_attempts, run_after, created_at, updated_at)
              values (${a.tenant}, gen_random_uuid(), 't', 'r', 'bogus', 'x', 1, now(), now(), now())`,
    ).rejects.toThrow(/tasks_status_valid/);
  });

  it("foreign keys include the tenant: a session cannot point at another tenant's task", async () => {
    const task = await t.owner<{ id: string }[]>`
      insert into tasks (tenant_id, id, type, to_agent_role, status, trace_id, max_attempts, run_after, created_at, updated_at)
      values (${a.tenant}, gen_random_uuid(), 't', 'r', 'pending', 'x', 1, now(), now(), now()) returning id`;
    await expect(
      t.owner`update sessions set task_id = ${task[0]!.id} where tenant_id = ${b.tenant}`,
    ).rejects.toThrow(/foreign key/);
  });
});
