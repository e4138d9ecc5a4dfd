import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiredApprovals } from '../src/modules/approvals/sweeps.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';
import { activeSession, auditEvents, manualClock, newTask, taskRow } from './helpers/tasks.js';

const clock = manualClock();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

/** A tenant with a requester (tasks) and a decider (another person, approvals:decide). */
async function people() {
  const tenant = await t.newTenant();
  const requester = await t.clientAs(
    tenant,
    'alice',
    'tasks:read',
    'tasks:write',
    'sessions:write',
    'approvals:read',
    'approvals:decide',
  );
  const decider = await t.clientAs(tenant, 'bob', 'approvals:read', 'approvals:decide', 'tasks:read');
  return { tenant, requester, decider };
}

/** A running task of `api`'s tenant, claimed by a fresh session. */
async function running(api: Client) {
  const task = await newTask(api);
  const session = await activeSession(api);
  await api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session });
  return { id: task.id, session };
}

async function gated(api: Client, body: Record<string, unknown> = {}) {
  const task = await newTask(api, { requires_approval: true, ...body });
  const [row] = await t.owner`select id from approvals where task_id = ${task.id}`;
  return { taskId: task.id, approvalId: row!['id'] as string };
}

describe('requesting approval', () => {
  it('request-approval on a running task: waiting_approval, lease released, approval pending', async () => {
    const { requester, tenant } = await people();
    const { id, session } = await running(requester);
    const res = await requester.post(`/v1/tasks/${id}/request-approval`, {
      title: 'Refund $120?',
      details: { order: 'A-1' },
      ttl_seconds: 900,
      session_id: session,
    });
    expect(res.statusCode).toBe(201);
    const approval = res.json();
    expect(approval).toMatchObject({
      task_id: id,
      status: 'pending',
      title: 'Refund $120?',
      details: { order: 'A-1' },
      requested_by: 'alice',
      version: 1,
      task: { id, status: 'waiting_approval' },
    });
    expect(res.headers.location).toBe(`/v1/approvals/${approval.id}`);
    expect(Date.parse(approval.expires_at) - Date.parse(approval.created_at)).toBe(900_000);
    expect(await taskRow(t, tenant, id)).toMatchObject({
      status: 'waiting_approval',
      lease_expires_at: null,
    });
    expect(await t.auditActions(tenant, id)).toEqual([
      'task.created',
      'task.claimed',
      'task.approval_requested',
    ]);
    expect(await t.auditActions(tenant, approval.id)).toEqual(['approval.requested']);
  });

  it('POST /v1/approvals does the same with the task in the body; a missing task is 422, a pending one 409', async () => {
    const { requester, tenant } = await people();
    const { id } = await running(requester);
    const res = await requester.post('/v1/approvals', { task_id: id, title: 'Go?' });
    expect(res.statusCode).toBe(201);
    expect(res.json().task.status).toBe('waiting_approval');
    const missing = await requester.post('/v1/approvals', {
      task_id: '01939e3a-0000-7000-8000-000000000000',
      title: 'x',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'invalid_reference', errors: [{ path: 'body.task_id' }] });
    const pending = await newTask(requester);
    const notRunning = await requester.post('/v1/approvals', { task_id: pending.id, title: 'x' });
    expect(notRunning.statusCode).toBe(409);
    expect(notRunning.json()).toMatchObject({ code: 'invalid_transition', current_status: 'pending' });
    expect((await taskRow(t, tenant, pending.id)).status).toBe('pending');
  });

  it('takes the default TTL from the tenant setting approval_ttl_seconds', async () => {
    const tenant = await t.newTenant();
    await t.owner`update tenants set settings = '{"approval_ttl_seconds": 120}' where id = ${tenant}`;
    const api = await t.client(tenant, 'tasks:write', 'approvals:read');
    const { approvalId } = await gated(api);
    const a = (await api.get(`/v1/approvals/${approvalId}`)).json();
    expect(Date.parse(a.expires_at) - Date.parse(a.created_at)).toBe(120_000);
  });
});

describe('deciding', () => {
  it('approve puts the task back to pending, claimable again', async () => {
    const { requester, decider, tenant } = await people();
    const { taskId, approvalId } = await gated(requester);
    const res = await decider.post(`/v1/approvals/${approvalId}/approve`, { comment: 'fine' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      decided_by: 'bob',
      comment: 'fine',
      version: 2,
      task: { id: taskId, status: 'pending' },
    });
    expect(res.headers.etag).toBe('"2"');
    expect(await taskRow(t, tenant, taskId)).toMatchObject({ status: 'pending', version: 2 });
    const events = await auditEvents(t, tenant, approvalId);
    expect(events.map((e) => e.action)).toEqual(['approval.requested', 'approval.approved']);
    expect(events[1]).toMatchObject({
      actor_id: 'bob',
      data: { from: 'pending', to: 'approved', comment: 'fine' },
    });
    expect(await t.auditActions(tenant, taskId)).toEqual(['task.created', 'task.approved']);
    const session = await activeSession(requester);
    const claimed = await requester.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session });
    expect(claimed.json()).toMatchObject({ id: taskId, status: 'running' });
  });

  it('reject cancels the task', async () => {
    const { requester, decider, tenant } = await people();
    const { taskId, approvalId } = await gated(requester);
    const res = await decider.post(`/v1/approvals/${approvalId}/reject`, { comment: 'no' });
    expect(res.json()).toMatchObject({ status: 'rejected', task: { status: 'cancelled' } });
    expect(await taskRow(t, tenant, taskId)).toMatchObject({
      status: 'cancelled',
      status_reason: 'approval_rejected',
    });
    expect(await t.auditActions(tenant, taskId)).toEqual(['task.created', 'task.cancelled']);
    expect(await t.auditActions(tenant, approvalId)).toEqual(['approval.requested', 'approval.rejected']);
  });

  it('the requester can never decide their own request (403 self_approval_forbidden)', async () => {
    const { requester, tenant } = await people();
    const { taskId, approvalId } = await gated(requester);
    for (const action of ['approve', 'reject']) {
      const res = await requester.post(`/v1/approvals/${approvalId}/${action}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('self_approval_forbidden');
    }
    expect(await taskRow(t, tenant, taskId)).toMatchObject({ status: 'waiting_approval' });
    expect(await t.auditActions(tenant, approvalId)).toEqual(['approval.requested']);
  });

  it('deciding twice is 409, and of two racing deciders exactly one wins', async () => {
    const { requester, decider, tenant } = await people();
    const { approvalId } = await gated(requester);
    expect((await decider.post(`/v1/approvals/${approvalId}/approve`)).statusCode).toBe(200);
    const twice = await decider.post(`/v1/approvals/${approvalId}/reject`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'invalid_transition', current_status: 'approved' });

    for (let round = 0; round < 5; round++) {
      const race = await gated(requester);
      const carol = await t.clientAs(tenant, `carol-${round}`, 'approvals:decide');
      const [a, b] = await Promise.all([
        decider.post(`/v1/approvals/${race.approvalId}/approve`),
        carol.post(`/v1/approvals/${race.approvalId}/reject`),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = a.statusCode === 200 ? 'approved' : 'rejected';
      const actions = await t.auditActions(tenant, race.approvalId);
      expect(actions).toEqual(['approval.requested', `approval.${winner}`]);
      const task = await taskRow(t, tenant, race.taskId);
      expect(task.status).toBe(winner === 'approved' ? 'pending' : 'cancelled');
      expect(task.version).toBe(2);
    }
  });

  it('honours If-Match, and refuses a decision past expires_at (409 approval_expired)', async () => {
    const { requester, decider } = await people();
    const { approvalId } = await gated(requester, { approval: { ttl_seconds: 60 } });
    expect(
      (await decider.post(`/v1/approvals/${approvalId}/approve`, {}, { 'if-match': '"9"' })).statusCode,
    ).toBe(412);
    clock.advance(61);
    const late = await decider.post(`/v1/approvals/${approvalId}/approve`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('approval_expired');
  });
});

describe('listing', () => {
  it('status=pending is the pending view, each item with its task; filters by task_id; both paginations', async () => {
    const { requester, decider } = await people();
    const first = await gated(requester, { type: 'deploy', priority: 3 });
    const second = await gated(requester);
    const third = await gated(requester);
    await decider.post(`/v1/approvals/${third.approvalId}/reject`);

    const pending = (await decider.get('/v1/approvals?status=pending')).json();
    expect(pending.data.map((a: { id: string }) => a.id)).toEqual([second.approvalId, first.approvalId]);
    expect(pending.data[1].task).toEqual({
      id: first.taskId,
      type: 'deploy',
      to_agent_role: 'worker',
      status: 'waiting_approval',
      priority: 3,
      created_at: expect.any(String),
    });
    const all = (await decider.get('/v1/approvals?page=1&page_size=2')).json();
    expect(all).toMatchObject({ total: 3, page: 1 });
    expect(all.data.map((a: { id: string }) => a.id)).toEqual([third.approvalId, second.approvalId]);
    const next = (await decider.get('/v1/approvals?status=pending&page_size=1')).json();
    const after = (
      await decider.get(`/v1/approvals?status=pending&page_size=1&cursor=${next.next_cursor}`)
    ).json();
    expect(after.data.map((a: { id: string }) => a.id)).toEqual([first.approvalId]);
    expect((await decider.get('/v1/approvals?status=pending&page=1')).json().total).toBe(2);
    const byTask = (await decider.get(`/v1/approvals?task_id=${third.taskId}`)).json();
    expect(byTask.data).toHaveLength(1);
    expect(byTask.data[0]).toMatchObject({ status: 'rejected', task: { status: 'cancelled' } });
    expect((await decider.get(`/v1/approvals?status=rejected`)).json().data).toHaveLength(1);
  });
});

describe('the approval expiry sweep', () => {
  it('expires pending approvals past expires_at and cancels their tasks, once each even when sweepers race', async () => {
    const { requester, decider, tenant } = await people();
    const due = [];
    for (let i = 0; i < 8; i++) due.push(await gated(requester, { approval: { ttl_seconds: 30 } }));
    const later = await gated(requester, { approval: { ttl_seconds: 3600 } });
    const decided = await gated(requester, { approval: { ttl_seconds: 30 } });
    await decider.post(`/v1/approvals/${decided.approvalId}/approve`);
    clock.advance(31);
    const deps = { db: t.db, clock };
    await Promise.all([
      sweepExpiredApprovals(deps, { batchSize: 3 }),
      sweepExpiredApprovals(deps, { batchSize: 5 }),
      sweepExpiredApprovals(deps),
    ]);
    for (const g of due) {
      const events = await auditEvents(t, tenant, g.approvalId);
      expect(events.map((e) => e.action)).toEqual(['approval.requested', 'approval.expired']);
      expect(events[1]).toMatchObject({ actor_type: 'system', actor_id: 'scheduler' });
      expect(await taskRow(t, tenant, g.taskId)).toMatchObject({
        status: 'cancelled',
        status_reason: 'approval_expired',
      });
      expect(await t.auditActions(tenant, g.taskId)).toEqual(['task.created', 'task.cancelled']);
    }
    expect((await decider.get(`/v1/approvals/${later.approvalId}`)).json().status).toBe('pending');
    expect((await decider.get(`/v1/approvals/${decided.approvalId}`)).json().status).toBe('approved');
    expect(await taskRow(t, tenant, decided.taskId)).toMatchObject({ status: 'pending' });
  });
});
