import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES } from '../src/http/auth/scopes.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';
import { resolve, type Schema, valid } from './helpers/schema-arbitrary.js';

/*
 * Tenant walls under attack, walked from the OpenAPI document: for every operation that takes a
 * resource id (in its path, its query or its body), tenant B gets exactly the same answer for
 * tenant A's id as for an id that never existed; and no list of B ever carries A's data.
 */
interface Operation {
  operationId: string;
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-required-scopes'?: string[];
}
type Kind = 'session' | 'task' | 'approval';
type Ids = Record<Kind, string>;

let t: TestApp;
let spec: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
let a: Client;
let b: Client;
let aIds: Ids;
let bIds: Ids;
const never: Ids = {
  session: '01900000-0000-7000-8000-00000000000a',
  task: '01900000-0000-7000-8000-00000000000b',
  approval: '01900000-0000-7000-8000-00000000000c',
};

/** A tenant with one of everything: an active session, a running task, a pending approval. */
async function seed(c: Client): Promise<Ids> {
  const session = (await c.post('/v1/sessions', { agent_role: 'wall' })).json().id;
  await c.post(`/v1/sessions/${session}/activate`);
  const task = (
    await c.post('/v1/tasks', { type: 'secret', to_agent_role: 'wall', input: { secret: c.tenant } })
  ).json().id;
  await c.post('/v1/tasks/claim', { agent_role: 'wall', session_id: session });
  const gated = (
    await c.post('/v1/tasks', { type: 'gated', to_agent_role: 'other', requires_approval: true })
  ).json().id;
  const approval = (await c.get(`/v1/approvals?task_id=${gated}`)).json().data[0].id;
  return { session, task, approval };
}

const kindOfPath = (path: string): Kind | undefined =>
  /^\/(v1\/)?sessions\/\{id\}/.test(path)
    ? 'session'
    : path.startsWith('/v1/tasks/{id}')
      ? 'task'
      : path.startsWith('/v1/approvals/{id}')
        ? 'approval'
        : undefined;

const kindOfField = (name: string): Kind | undefined =>
  name === 'task_id'
    ? 'task'
    : /(^|_)session_id$/.test(name)
      ? 'session'
      : name === 'approval_id'
        ? 'approval'
        : undefined;

beforeAll(async () => {
  t = await createTestApp();
  spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  a = await t.client(await t.newTenant(), ...SCOPES.filter((s) => s !== 'admin'));
  b = await t.client(await t.newTenant(), ...SCOPES.filter((s) => s !== 'admin'));
  aIds = await seed(a);
  bIds = await seed(b);
});
afterAll(async () => {
  await t?.close();
});

/** What an answer says, without what legitimately differs between two calls (ids, request ids). */
const gist = (res: { statusCode: number; body: string }) => {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(res.body);
  } catch {}
  const errors = (body['errors'] as { path: string }[] | undefined)?.map((e) => e.path);
  return {
    status: res.statusCode,
    code: body['code'],
    errors,
    data: Array.isArray(body['data']) ? body['data'] : undefined,
  };
};

const isOperators = (op: Operation) => (op['x-required-scopes'] ?? []).includes('admin');

/** The tenant-facing operations (operators' routes need scope admin, which no tenant token has). */
const operations = () =>
  Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .map(([method, op]) => ({ path, method: method.toUpperCase(), op }))
      .filter(({ path, op }) => !isOperators(op) && !path.endsWith('/stream')),
  );

const bodyOf = (op: Operation) => {
  const schema = op.requestBody?.content['application/json']?.schema;
  return schema
    ? (fc.sample(valid(schema, spec.components.schemas), { numRuns: 1, seed: 42 })[0] as Record<
        string,
        unknown
      >)
    : undefined;
};

describe('tenant walls, walked from the OpenAPI document', () => {
  it("another tenant's id in a path, a query or a body gets the same answer as an id that never existed", async () => {
    let checked = 0;
    for (const { path, method, op } of operations()) {
      const body = bodyOf(op);
      const call = (url: string, payload?: unknown) =>
        b.request({
          method: method as 'GET',
          url,
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
      const pathKind = kindOfPath(path);
      if (pathKind) {
        const theirs = await call(path.replace('{id}', aIds[pathKind]), body);
        const missing = await call(path.replace('{id}', never[pathKind]), body);
        expect(gist(theirs), `${op.operationId} path`).toEqual(gist(missing));
        expect(theirs.statusCode, `${op.operationId} path`).not.toBe(200);
        checked++;
      }
      const url = pathKind ? path.replace('{id}', bIds[pathKind]) : path;
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const fields = bodySchema
        ? Object.keys(resolve(bodySchema, spec.components.schemas).properties ?? {})
        : [];
      for (const field of fields) {
        const kind = kindOfField(field);
        if (!kind || !body) continue;
        const theirs = await call(url, { ...body, [field]: aIds[kind] });
        const missing = await call(url, { ...body, [field]: never[kind] });
        expect(gist(theirs), `${op.operationId} body.${field}`).toEqual(gist(missing));
        checked++;
      }
      for (const param of op.parameters ?? []) {
        const kind = param.in === 'query' ? kindOfField(param.name) : undefined;
        if (!kind) continue;
        const theirs = await call(`${url}?${param.name}=${aIds[kind]}`);
        const missing = await call(`${url}?${param.name}=${never[kind]}`);
        expect(gist(theirs), `${op.operationId} query.${param.name}`).toEqual(gist(missing));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("refuses every operators' route to a tenant token with every tenant scope", async () => {
    const admin = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => isOperators(op))
        .map(([method]) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, a.tenant) })),
    );
    expect(admin.length).toBeGreaterThanOrEqual(4);
    for (const { method, url } of admin) {
      const res = await b.request({
        method: method as 'GET',
        url,
        ...(method === 'GET' ? {} : { payload: { id: b.tenant, name: 'x' } }),
      });
      expect([method, url, res.statusCode]).toEqual([method, url, 403]);
      expect(res.json().code).toBe('insufficient_scope');
    }
  });

  it("no list of B carries A's data, and A's objects are untouched", async () => {
    for (const { path, method, op } of operations()) {
      if (method !== 'GET' || path.includes('{')) continue;
      const res = await b.get(path);
      expect(res.statusCode, op.operationId).toBeLessThan(300);
      for (const id of Object.values(aIds))
        expect(res.body, `${op.operationId} carries ${id}`).not.toContain(id);
      expect(res.body).not.toContain(a.tenant);
    }
    expect((await a.get(`/v1/sessions/${aIds.session}`)).json().status).toBe('active');
    expect((await a.get(`/v1/tasks/${aIds.task}`)).json().status).toBe('running');
    expect((await a.get(`/v1/approvals/${aIds.approval}`)).json().status).toBe('pending');
  });

  it('a token cannot switch tenant through a header or a body', async () => {
    const viaHeader = await b.get('/v1/sessions', { 'x-tenant-id': a.tenant });
    expect(viaHeader.body).not.toContain(aIds.session);
    const viaBody = await b.post('/v1/sessions', { agent_role: 'x', tenant_id: a.tenant });
    expect(viaBody.statusCode).toBe(400);
    const viaQuery = await b.get(`/v1/sessions?tenant_id=${a.tenant}`);
    expect(viaQuery.body).not.toContain(aIds.session);
  });
});
