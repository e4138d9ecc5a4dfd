import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { testScheduler } from './helpers/scheduler.js';
import { activeSession, auditEvents, manualClock, newTask, taskRow } from './helpers/tasks.js';

/* Each sweep of the server's scheduler, end to end through the API, on a clock the test moves. */

const clock = manualClock();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

const scheduler = () => testScheduler(t.db, { clock });
const worker = async () =>
  t.client(
    await t.newTenant(),
    'tasks:read',
    'tasks:write',
    'sessions:write',
    'sessions:read',
    'approvals:read',
  );
const claim = (api: Awaited<ReturnType<typeof worker>>, session: string, lease = 600) =>
  api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session, lease_seconds: lease });

describe('session expiry and the tasks a session holds', () => {
  it('an expired session releases its running tasks in the same transaction (requeued, reason session_expired)', async () => {
    const api = await worker();
    const task = await newTask(api);
    const created = await api.post('/v1/sessions', { agent_role: 'worker', ttl_seconds: 60 });
    const session = created.json().id as string;
    await api.post(`/v1/sessions/${session}/activate`);
    expect((await claim(api, session)).json()).toMatchObject({ id: task.id, status: 'running' });

    clock.advance(61); // past the session's expires_at, well within the task's 600 s lease
    await scheduler().runOnce('session_expiry');
    expect((await api.get(`/v1/sessions/${session}`)).json()).toMatchObject({
      status: 'expired',
      status_reason: 'expires_at_reached',
    });
    expect(await taskRow(t, api.tenant, task.id)).toMatchObject({
      status: 'pending',
      claimed_by_session_id: null,
      lease_expires_at: null,
      status_reason: 'session_expired',
      error: { code: 'session_expired' },
      attempts: 1,
    });
    expect((await auditEvents(t, api.tenant, task.id)).at(-1)).toMatchObject({
      action: 'task.retried',
      actor_type: 'system',
      actor_id: 'scheduler',
      data: { from: 'running', to: 'pending', reason: 'session_expired', session_id: session },
    });
    expect((await auditEvents(t, api.tenant, session)).at(-1)).toMatchObject({
      action: 'session.status_changed',
      actor_id: 'scheduler',
      data: { from: 'active', to: 'expired', reason: 'expires_at_reached' },
    });
    // The expired session comes back late: its completion is refused.
    const late = await api.post(`/v1/tasks/${task.id}/complete`, { session_id: session, output: {} });
    expect(late.statusCode).toBe(409);
  });

  it('waits for the next run when one of the session’s tasks is busy, and never expires it half way', async () => {
    const api = await worker();
    const task = await newTask(api);
    const created = await api.post('/v1/sessions', { agent_role: 'worker', ttl_seconds: 60 });
    const session = created.json().id as string;
    await api.post(`/v1/sessions/${session}/activate`);
    await claim(api, session);
    clock.advance(61);
    const sweeper = scheduler();
    await t.owner.begin(async (tx) => {
      // Another transaction holds the task (a completion in flight, say).
      await tx`select 1 from tasks where tenant_id = ${api.tenant} and id = ${task.id} for update`;
      await sweeper.runOnce('session_expiry');
      const [s] =
        await t.owner`select status from sessions where tenant_id = ${api.tenant} and id = ${session}`;
      expect(s!.status).toBe('active');
    });
    await sweeper.runOnce('session_expiry');
    const [s] =
      await t.owner`select status from sessions where tenant_id = ${api.tenant} and id = ${session}`;
    expect(s!.status).toBe('expired');
    expect((await taskRow(t, api.tenant, task.id)).status).toBe('pending');
  });
});

describe('the other sweeps, run by the scheduler', () => {
  it('approval_expiry expires a pending approval past expires_at and cancels its task', async () => {
    const api = await worker();
    const task = await newTask(api, { requires_approval: true });
    const [approval] = await t.owner`select id, expires_at from approvals where task_id = ${task.id}`;
    clock.advance((approval!['expires_at'].getTime() - clock.now().getTime()) / 1000 + 1);
    await scheduler().runOnce('approval_expiry');
    expect((await api.get(`/v1/approvals/${approval!['id']}`)).json().status).toBe('expired');
    expect(await taskRow(t, api.tenant, task.id)).toMatchObject({
      status: 'cancelled',
      status_reason: 'approval_expired',
    });
    expect((await auditEvents(t, api.tenant, task.id)).at(-1)).toMatchObject({
      action: 'task.cancelled',
      actor_id: 'scheduler',
    });
  });

  it('lease_expiry requeues a task whose lease ended', async () => {
    const api = await worker();
    const task = await newTask(api);
    const session = await activeSession(api);
    await claim(api, session, 30);
    clock.advance(31);
    await scheduler().runOnce('lease_expiry');
    expect(await taskRow(t, api.tenant, task.id)).toMatchObject({
      status: 'pending',
      status_reason: 'lease_expired',
    });
    expect((await auditEvents(t, api.tenant, task.id)).at(-1)).toMatchObject({
      action: 'task.retried',
      actor_id: 'scheduler',
      data: { reason: 'lease_expired', session_id: session },
    });
  });

  it('idempotency_key_purge deletes Idempotency-Key records past their TTL and keeps live ones', async () => {
    const api = await worker();
    const old = `old-${api.tenant}`;
    const fresh = `fresh-${api.tenant}`;
    expect((await api.post('/v1/sessions', { agent_role: 'a' }, { 'idempotency-key': old })).statusCode).toBe(
      201,
    );
    clock.advance(86_400 + 1); // IDEMPOTENCY_TTL_SECONDS
    expect(
      (await api.post('/v1/sessions', { agent_role: 'b' }, { 'idempotency-key': fresh })).statusCode,
    ).toBe(201);
    const keys = () =>
      t.owner<
        { key: string }[]
      >`select key from idempotency_keys where tenant_id = ${api.tenant} order by key`;
    expect((await keys()).map((k) => k.key)).toEqual([fresh, old]);

    const sweeper = scheduler();
    await sweeper.runOnce('idempotency_key_purge');
    expect((await keys()).map((k) => k.key)).toEqual([fresh]);
    expect(sweeper.status().find((s) => s.name === 'idempotency_key_purge')!.changed).toBeGreaterThanOrEqual(
      1,
    );
    // The key is free again: the same key with a new body creates a new session.
    const again = await api.post('/v1/sessions', { agent_role: 'c' }, { 'idempotency-key': old });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('task_key_release retires a task idempotency_key past its TTL', async () => {
    const api = await worker();
    const task = await newTask(api, { idempotency_key: `k-${api.tenant}` });
    clock.advance(86_400 + 1);
    await scheduler().runOnce('task_key_release');
    expect((await taskRow(t, api.tenant, task.id)).idempotency_expires_at).toBeNull();
  });

  it('audit_retention runs only with AUDIT_RETENTION_DAYS and purges each tenant past it', async () => {
    expect(
      scheduler()
        .status()
        .map((s) => s.name),
    ).not.toContain('audit_retention');
    const api = await worker();
    await newTask(api);
    clock.advance(2 * 86_400);
    await newTask(api); // recent: stays
    const retention = testScheduler(t.db, { clock, env: { AUDIT_RETENTION_DAYS: '1' } });
    await retention.runOnce('audit_retention');
    const actions = await t.owner<{ action: string }[]>`
      select action from audit_events where tenant_id = ${api.tenant} order by seq`;
    expect(actions.map((a) => a.action)).toEqual(['task.created', 'tenant.audit_purged']);
    const auditor = await t.client(api.tenant, 'audit:read');
    expect((await auditor.get('/v1/audit-events/verify')).json().ok).toBe(true);
  });
});
