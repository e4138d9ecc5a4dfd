import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_BASE_SECONDS } from '../src/modules/tasks/lifecycle.js';
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

/** A tenant with one task claimed by an active session. */
async function claimed(body: Record<string, unknown> = {}) {
  const api = await t.client(await t.newTenant(), 'tasks:read', 'tasks:write', 'sessions:write');
  const task = await newTask(api, body);
  const session = await activeSession(api);
  const res = await api.post('/v1/tasks/claim', {
    agent_role: 'worker',
    session_id: session,
    lease_seconds: 60,
  });
  expect(res.json().id).toBe(task.id);
  return { api, id: task.id, session };
}
const post = (api: Client, id: string, action: string, body: object, headers?: Record<string, string>) =>
  api.post(`/v1/tasks/${id}/${action}`, body, headers);

describe('heartbeat', () => {
  it('extends the lease of the holder and bumps the version, without an audit event', async () => {
    const { api, id, session } = await claimed();
    clock.advance(30);
    const res = await post(api, id, 'heartbeat', { session_id: session, lease_seconds: 120 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'running', version: 3 });
    expect(Date.parse(res.json().lease_expires_at)).toBe(clock.now().getTime() + 120_000);
    expect(res.headers.etag).toBe('"3"');
    expect(await t.auditActions(api.tenant, id)).toEqual(['task.created', 'task.claimed']);
  });

  it('is 409 lease_not_held for another session, after the lease ended, and after the task moved on', async () => {
    const { api, id, session } = await claimed();
    const stranger = await activeSession(api);
    const other = await post(api, id, 'heartbeat', { session_id: stranger });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'lease_not_held', current_status: 'running' });
    clock.advance(61);
    const late = await post(api, id, 'heartbeat', { session_id: session });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('lease_not_held');
    expect(late.json().detail).toContain('ended at');
    const row = await taskRow(t, api.tenant, id);
    expect(row.version).toBe(2);
  });

  it('checks If-Match (412) and answers 404 for an unknown task', async () => {
    const { api, id, session } = await claimed();
    expect(
      (await post(api, id, 'heartbeat', { session_id: session }, { 'if-match': '"1"' })).statusCode,
    ).toBe(412);
    expect(
      (await post(api, id, 'heartbeat', { session_id: session }, { 'if-match': '"2"' })).statusCode,
    ).toBe(200);
    const missing = await post(api, '01939e3a-0000-7000-8000-000000000000', 'heartbeat', {
      session_id: session,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('complete', () => {
  it('completes with the output; the event records who and what', async () => {
    const { api, id, session } = await claimed();
    const res = await post(api, id, 'complete', { session_id: session, output: { answer: 42 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'completed',
      output: { answer: 42 },
      lease_expires_at: null,
      claimed_by_session_id: session,
      version: 3,
    });
    expect(res.json().completed_at).toBe(clock.now().toISOString());
    const events = await auditEvents(t, api.tenant, id);
    expect(events.at(-1)).toMatchObject({
      action: 'task.completed',
      data: { from: 'running', to: 'completed', session_id: session, output: { answer: 42 } },
    });
  });

  it('refuses a second completion (409 invalid_transition) and a stranger (409 lease_not_held)', async () => {
    const { api, id, session } = await claimed();
    const stranger = await activeSession(api);
    const byStranger = await post(api, id, 'complete', { session_id: stranger });
    expect(byStranger.json().code).toBe('lease_not_held');
    expect((await post(api, id, 'complete', { session_id: session })).statusCode).toBe(200);
    const twice = await post(api, id, 'complete', { session_id: session });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'invalid_transition', current_status: 'completed' });
    expect(await t.auditActions(api.tenant, id)).toEqual(['task.created', 'task.claimed', 'task.completed']);
  });

  it('refuses a pending task (never claimed) with lease_not_held', async () => {
    const api = await t.client(await t.newTenant(), 'tasks:write', 'sessions:write');
    const task = await newTask(api);
    const session = await activeSession(api);
    const res = await post(api, task.id, 'complete', { session_id: session });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'lease_not_held', current_status: 'pending' });
  });
});

describe('fail', () => {
  it('requeues with an exponential, jittered run_after while attempts remain (task.retried)', async () => {
    const { api, id, session } = await claimed({ max_attempts: 3 });
    const res = await post(api, id, 'fail', { session_id: session, error: 'timeout' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'pending',
      error: { message: 'timeout' },
      attempts: 1,
      claimed_by_session_id: null,
      lease_expires_at: null,
      completed_at: null,
    });
    const delay = Date.parse(body.run_after) - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual((RETRY_BASE_SECONDS / 2) * 1000);
    expect(delay).toBeLessThanOrEqual(RETRY_BASE_SECONDS * 1000);
    expect((await auditEvents(t, api.tenant, id)).at(-1)).toMatchObject({
      action: 'task.retried',
      data: { from: 'running', to: 'pending', attempts: 1, error: { message: 'timeout' } },
    });

    // Not claimable before run_after; claimable after, as attempt 2, with a longer backoff next.
    const again = () => api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: session });
    expect((await again()).statusCode).toBe(204);
    clock.advance(RETRY_BASE_SECONDS);
    const second = await again();
    expect(second.json()).toMatchObject({ id, attempts: 2 });
    const failed2 = (await post(api, id, 'fail', { session_id: session, error: { code: 'E2' } })).json();
    const delay2 = Date.parse(failed2.run_after) - clock.now().getTime();
    expect(delay2).toBeGreaterThanOrEqual(RETRY_BASE_SECONDS * 1000);
    expect(delay2).toBeLessThanOrEqual(RETRY_BASE_SECONDS * 2 * 1000);
  });

  it('fails for good once attempts are exhausted (task.failed, attempts_exhausted)', async () => {
    const { api, id, session } = await claimed({ max_attempts: 1 });
    const res = await post(api, id, 'fail', { session_id: session, error: { message: 'boom' } });
    expect(res.json()).toMatchObject({
      status: 'failed',
      status_reason: 'attempts_exhausted',
      error: { message: 'boom' },
    });
    expect(res.json().completed_at).not.toBeNull();
    expect((await auditEvents(t, api.tenant, id)).at(-1)).toMatchObject({
      action: 'task.failed',
      data: { reason: 'attempts_exhausted' },
    });
  });

  it('fails for good with retry: false even when attempts remain', async () => {
    const { api, id, session } = await claimed({ max_attempts: 5 });
    const res = await post(api, id, 'fail', { session_id: session, error: 'bad input', retry: false });
    expect(res.json()).toMatchObject({ status: 'failed', status_reason: 'retry_disabled', attempts: 1 });
    expect(await t.auditActions(api.tenant, id)).toEqual(['task.created', 'task.claimed', 'task.failed']);
  });

  it('needs the holder, and an error', async () => {
    const { api, id } = await claimed();
    const stranger = await activeSession(api);
    expect((await post(api, id, 'fail', { session_id: stranger, error: 'x' })).json().code).toBe(
      'lease_not_held',
    );
    const invalid = await post(api, id, 'fail', { session_id: stranger });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors[0].path).toBe('body.error');
    expect((await taskRow(t, api.tenant, id)).status).toBe('running');
  });
});
