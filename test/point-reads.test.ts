import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_ROLE } from '../src/db/client.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';

/*
 * GET of a session or a task by id reads through read_session() / read_task(), and the session
 * list without filters through read_sessions_page() (drizzle/0009_point_reads.sql): one statement
 * that sets the tenant, and the role, itself, instead of a transaction. The walls hold as in a transaction, and the pooled connection
 * carries nothing onward to the next request.
 */
let t: TestApp;
let a: Client;
let b: Client;

beforeAll(async () => {
  // One connection: the statement after a request runs where the request ran.
  t = await createTestApp({ poolMax: 1 });
  const scopes = ['sessions:read', 'sessions:write', 'tasks:read', 'tasks:write'] as const;
  a = await t.client(await t.newTenant(), ...scopes);
  b = await t.client(await t.newTenant(), ...scopes);
});
afterAll(async () => {
  await t?.close();
});

it("answers a tenant's session and task by id, and another tenant's as missing", async () => {
  const session = (await a.post('/v1/sessions', { agent_role: 'reader', metadata: { k: 'v' } })).json();
  const task = (
    await a.post('/v1/tasks', { type: 'report', to_agent_role: 'worker', input: { n: 1 } })
  ).json();
  expect((await a.get(`/v1/sessions/${session.id}`)).json()).toEqual(session);
  expect((await a.get(`/v1/tasks/${task.id}`)).json()).toEqual(task);
  for (const path of [`/v1/sessions/${session.id}`, `/v1/tasks/${task.id}`]) {
    const res = await b.get(path);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  }
});

it("pages through the tenant's sessions only, newest first, cursor after cursor", async () => {
  const mine = new Set<string>();
  for (let i = 0; i < 5; i++) {
    mine.add((await a.post('/v1/sessions', { agent_role: 'pager' })).json().id);
    await b.post('/v1/sessions', { agent_role: 'pager' });
  }
  const seen: string[] = [];
  let next: string | null = null;
  do {
    const res = await a.get(`/v1/sessions?page_size=2${next ? `&cursor=${next}` : ''}`);
    expect(res.statusCode).toBe(200);
    seen.push(...res.json().data.map((s: { id: string }) => s.id));
    next = res.json().next_cursor;
  } while (next);
  expect(seen).toEqual([...seen].sort().reverse());
  expect(seen.filter((id) => mine.has(id))).toHaveLength(5);
  const all = (await a.get('/v1/sessions?page_size=100&status=pending')).json().data;
  expect(seen).toEqual(all.map((s: { id: string }) => s.id));
  const bad = await a.get('/v1/sessions?cursor=bm90LWEtY3Vyc29y');
  expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_cursor']);
});

it('leaves neither the tenant nor the role on the pooled connection', async () => {
  const session = (await a.post('/v1/sessions', { agent_role: 'reader' })).json();
  expect((await a.get(`/v1/sessions/${session.id}`)).statusCode).toBe(200);
  const [after] = await t.db.sql<{ tenant: string | null; role: string; login: string }[]>`
    select current_setting('app.tenant_id', true) as tenant, current_user as role, session_user as login`;
  expect(after!.tenant ?? '').toBe('');
  expect(after!.role).toBe(after!.login);
});

it('switches to the application role before it reads, for pools that log in as another', async () => {
  const session = (await a.post('/v1/sessions', { agent_role: 'reader' })).json();
  // As the superuser the tests administer with: only the switch puts row-level security in force.
  await t.owner.begin(async (tx) => {
    const rows = await tx`select id from read_session(${a.tenant}, ${APP_ROLE}, ${session.id})`;
    const [me] = await tx`select current_user as role, current_setting('app.tenant_id') as tenant`;
    expect(rows.map((r) => r['id'])).toEqual([session.id]);
    expect(me).toEqual({ role: APP_ROLE, tenant: a.tenant });
  });
});
