import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_ROLE } from '../src/db/client.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';

/*
 * POST /v1/sessions creates the session and appends its audit event through create_session()
 * (drizzle/0010_one_statement_create.sql): one statement that sets the tenant and the role
 * itself; with an Idempotency-Key, the same call inside the transaction that commits the key.
 * Either way the row and its event commit together or not at all, the walls hold, and the pooled
 * connection carries nothing onward.
 */
let t: TestApp;
let a: Client;
let b: Client;

beforeAll(async () => {
  // One connection: the statement after a request runs where the request ran.
  t = await createTestApp({ poolMax: 1 });
  const scopes = ['sessions:read', 'sessions:write', 'audit:read'] as const;
  a = await t.client(await t.newTenant(), ...scopes);
  b = await t.client(await t.newTenant(), ...scopes);
});
afterAll(async () => {
  await t?.close();
});

const sessionsOf = async (tenant: string, agentRole: string) =>
  (await t.owner`select id from sessions where tenant_id = ${tenant} and agent_role = ${agentRole}`).length;

it('creates the session and its audit event, with or without an Idempotency-Key, and the chain verifies', async () => {
  const plain = await a.post('/v1/sessions', { agent_role: 'writer', metadata: { k: 'v', n: [1, 2] } });
  const keyed = await a.post('/v1/sessions', { agent_role: 'writer' }, { 'idempotency-key': 'create-1' });
  const replay = await a.post('/v1/sessions', { agent_role: 'writer' }, { 'idempotency-key': 'create-1' });
  expect([plain.statusCode, keyed.statusCode, replay.statusCode]).toEqual([201, 201, 201]);
  expect(replay.json()).toEqual(keyed.json());
  for (const created of [plain.json(), keyed.json()]) {
    expect((await a.get(`/v1/sessions/${created.id}`)).json()).toEqual(created);
    const events = (await a.get(`/v1/audit-events?resource_id=${created.id}`)).json().data;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'session.created',
      resource_type: 'session',
      data: { agent_role: 'writer', status: 'pending', metadata: created.metadata },
    });
  }
  expect(await sessionsOf(a.tenant, 'writer')).toBe(2);
  expect((await b.get(`/v1/sessions/${plain.json().id}`)).statusCode).toBe(404);
  const verified = (await a.get('/v1/audit-events/verify')).json();
  expect(verified).toMatchObject({ ok: true, checked: 3 }); // tenant.created and the two sessions'
});

it('creates nothing when the audit event cannot be appended', async () => {
  // Move the chain head back one step: the next event's seq is taken, and its insert fails.
  await t.owner`update audit_heads set seq = seq - 1 where tenant_id = ${a.tenant}`;
  try {
    const plain = await a.post('/v1/sessions', { agent_role: 'doomed' });
    const keyed = await a.post('/v1/sessions', { agent_role: 'doomed' }, { 'idempotency-key': 'doomed-1' });
    for (const res of [plain, keyed])
      expect([res.statusCode, res.json().code]).toEqual([500, 'internal_error']);
  } finally {
    await t.owner`update audit_heads set seq = seq + 1 where tenant_id = ${a.tenant}`;
  }
  expect(await sessionsOf(a.tenant, 'doomed')).toBe(0);
  expect((await a.post('/v1/sessions', { agent_role: 'after' })).statusCode).toBe(201);
  expect((await a.get('/v1/audit-events/verify')).json().ok).toBe(true);
});

it("refuses a row of another tenant than the call's", async () => {
  const row = {
    tenant_id: b.tenant,
    id: '01900000-0000-7000-8000-0000000000aa',
    agent_role: 'forger',
    status: 'pending',
    task_id: null,
    metadata: {},
    version: 1,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  };
  // As the superuser the tests administer with: the function's role switch puts row-level
  // security in force, and the policy checks the row against the tenant the call set.
  const call = t.owner.begin(
    (tx) => tx`select id from create_session(${a.tenant}, ${APP_ROLE}, ${t.owner.json(row)},
      '{', '}', ${'01900000-0000-7000-8000-0000000000ab'}, now(), 'service', 'forger', 'session.created',
      'session', ${row.id}, 'trace', null, '{}'::jsonb)`,
  );
  await expect(call).rejects.toThrow(/row-level security/);
  expect(await sessionsOf(b.tenant, 'forger')).toBe(0);
});

it('leaves neither the tenant nor the role on the pooled connection', async () => {
  expect((await a.post('/v1/sessions', { agent_role: 'writer' })).statusCode).toBe(201);
  const [after] = await t.db.sql<{ tenant: string | null; role: string; login: string }[]>`
    select current_setting('app.tenant_id', true) as tenant, current_user as role, session_user as login`;
  expect(after!.tenant ?? '').toBe('');
  expect(after!.role).toBe(after!.login);
});
