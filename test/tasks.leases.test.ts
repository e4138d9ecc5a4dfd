import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSweeperTx } from '../src/db/sweeper-tx.js';
import { withTenantTx } from '../src/db/tenant-tx.js';
import { RETRY_BASE_SECONDS } from '../src/modules/tasks/lifecycle.js';
import { sweepExpiredLeases } from '../src/modules/tasks/sweeps.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { activeSession, auditEvents, manualClock, newTask, taskRow } from './helpers/tasks.js';

const clock = manualClock();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

const sweep = (batchSize?: number) => sweepExpiredLeases({ db: t.db, clock }, batchSize ? { batchSize } : {});
const worker = async () => t.client(await t.newTenant(), 'tasks:read', 'tasks:write', 'sessions:write');

describe('the lease sweep', () => {
  it('requeues an expired lease with attempts counted, then fails it once attempts are exhausted', async () => {
    const api = await worker();
    const task = await newTask(api, { max_attempts: 2 });
    const first = await activeSession(api);
    const claim = (session: string) =>
      api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session, lease_seconds: 30 });
    expect((await claim(first)).json()).toMatchObject({ id: task.id, attempts: 1 });

    clock.advance(29);
    await sweep();
    expect((await taskRow(t, api.tenant, task.id)).status).toBe('running'); // not yet

    clock.advance(2);
    await sweep();
    const requeued = await taskRow(t, api.tenant, task.id);
    expect(requeued).toMatchObject({
      status: 'pending',
      attempts: 1,
      claimed_by_session_id: null,
      lease_expires_at: null,
      status_reason: 'lease_expired',
      error: { code: 'lease_expired' },
      version: 3,
    });
    const delay = requeued.run_after.getTime() - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual((RETRY_BASE_SECONDS / 2) * 1000);
    const retried = (await auditEvents(t, api.tenant, task.id)).at(-1);
    expect(retried).toMatchObject({
      action: 'task.retried',
      actor_type: 'system',
      actor_id: 'scheduler',
      trace_id: task.trace_id,
      data: { from: 'running', to: 'pending', reason: 'lease_expired', session_id: first, attempts: 1 },
    });

    // The old holder comes back late: 409, and nothing changes.
    const late = await api.post(`/v1/tasks/${task.id}/complete`, { session_id: first, output: {} });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('lease_not_held');

    clock.advance(RETRY_BASE_SECONDS);
    const second = await activeSession(api);
    expect((await claim(second)).json()).toMatchObject({ id: task.id, attempts: 2 });
    // Still 409 for the first holder while the second holds it.
    expect((await api.post(`/v1/tasks/${task.id}/complete`, { session_id: first })).json().code).toBe(
      'lease_not_held',
    );

    clock.advance(31);
    await sweep();
    const failed = await taskRow(t, api.tenant, task.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, status_reason: 'lease_expired' });
    expect(failed.completed_at).not.toBeNull();
    expect(await t.auditActions(api.tenant, task.id)).toEqual([
      'task.created',
      'task.claimed',
      'task.retried',
      'task.claimed',
      'task.failed',
    ]);
    const lateAgain = await api.post(`/v1/tasks/${task.id}/complete`, { session_id: second });
    expect(lateAgain.statusCode).toBe(409);
    expect(lateAgain.json()).toMatchObject({ code: 'invalid_transition', current_status: 'failed' });
  });

  it('leaves alone a lease renewed by heartbeat, and a task completed in time', async () => {
    const api = await worker();
    const renewed = await newTask(api);
    const done = await newTask(api);
    const session = await activeSession(api);
    for (let i = 0; i < 2; i++) {
      await api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session, lease_seconds: 10 });
    }
    clock.advance(8);
    await api.post(`/v1/tasks/${renewed.id}/heartbeat`, { session_id: session, lease_seconds: 10 });
    await api.post(`/v1/tasks/${done.id}/complete`, { session_id: session });
    clock.advance(8);
    await sweep();
    expect((await taskRow(t, api.tenant, renewed.id)).status).toBe('running');
    expect((await taskRow(t, api.tenant, done.id)).status).toBe('completed');
    expect(await t.auditActions(api.tenant, renewed.id)).toEqual(['task.created', 'task.claimed']);
  });

  it('changes each row exactly once when several sweepers race over several tenants', async () => {
    const tenants: { api: Awaited<ReturnType<typeof worker>>; ids: string[] }[] = [];
    for (let n = 0; n < 3; n++) {
      const api = await worker();
      const session = await activeSession(api);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push((await newTask(api, { max_attempts: 1 + (i % 2) })).id);
        await api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session, lease_seconds: 5 });
      }
      tenants.push({ api, ids });
    }
    clock.advance(6);
    const results = await Promise.all([sweep(5), sweep(5), sweep(7), sweep(100)]);
    const swept = results.reduce((sum, r) => sum + r.requeued + r.failed, 0);
    expect(swept).toBeGreaterThanOrEqual(36);

    for (const { api, ids } of tenants) {
      const rows = await t.owner<{ status: string; n: number }[]>`
        select status, count(*)::int as n from tasks where tenant_id = ${api.tenant} group by 1 order by 1`;
      expect(rows).toEqual([
        { status: 'failed', n: 6 },
        { status: 'pending', n: 6 },
      ]);
      for (const id of ids) {
        const actions = await t.auditActions(api.tenant, id);
        expect(actions.filter((a) => a === 'task.retried' || a === 'task.failed')).toHaveLength(1);
      }
    }
  });
});

describe('the sweeper role', () => {
  it('discovers across tenants, read-only', async () => {
    const a = await worker();
    const b = await worker();
    await newTask(a);
    await newTask(b);
    const seen = await withSweeperTx(t.db, (tx) =>
      tx.execute(sql`select distinct tenant_id from tasks where tenant_id in (${a.tenant}, ${b.tenant})`),
    );
    expect(seen).toHaveLength(2);
    await expect(
      withSweeperTx(t.db, (tx) =>
        tx.execute(sql`update tasks set priority = 1 where tenant_id = ${a.tenant}`),
      ),
    ).rejects.toThrow();
  });

  it('is not inherited by requests: a tenant transaction still sees only its tenant', async () => {
    const a = await worker();
    const b = await worker();
    await newTask(a);
    await newTask(b);
    const visible = await withTenantTx({ db: t.db, tenantId: a.tenant }, async (tx) => {
      const [rows] = await tx.commit(tx.execute(sql`select distinct tenant_id from tasks`));
      return rows as unknown as { tenant_id: string }[];
    });
    expect(visible.map((r) => r.tenant_id)).toEqual([a.tenant]);
  });
});
