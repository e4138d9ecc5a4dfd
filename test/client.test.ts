import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSwitchboardClient,
  paginate,
  retryDelayMs,
  SwitchboardError,
  unwrap,
} from '../clients/typescript/src/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { listen } from './helpers/http.js';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t.app);
});
afterAll(async () => {
  await t?.close();
});

/** A fetch that records each request and answers from a script. */
function scripted(...answers: (() => Response)[]) {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return (answers.length > 1 ? answers.shift()! : answers[0]!)();
  };
  return { seen, fetch };
}
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
const unavailable = (retryAfter?: string) =>
  json(
    503,
    {
      type: 'urn:problem:switchboard:database_unavailable',
      title: 'Database unavailable',
      status: 503,
      code: 'database_unavailable',
      request_id: 'r',
    },
    retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  );

describe('the typed client', () => {
  it('sends the bearer token, and a generated Idempotency-Key on every POST (not on GET, not over a given one)', async () => {
    const { seen, fetch } = scripted(json(201, { id: 'x' }));
    const sb = createSwitchboardClient({ baseUrl: 'http://api.test', token: () => 'tok', fetch });
    await sb.POST('/v1/sessions', { body: { agent_role: 'a' } });
    await sb.POST('/v1/sessions', { body: { agent_role: 'a' } });
    await sb.POST('/v1/sessions', {
      body: { agent_role: 'a' },
      params: { header: { 'idempotency-key': 'mine' } },
    });
    await sb.GET('/v1/sessions');
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(Array(4).fill('Bearer tok'));
    const keys = seen.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys.slice(2)).toEqual(['mine', null]);
  });

  it('retries 503 and 429 with the same Idempotency-Key and body, as Retry-After says, and gives up after maxRetries', async () => {
    const { seen, fetch } = scripted(
      unavailable('0'),
      json(429, {}, { 'retry-after': '0' }),
      json(201, { id: 'x' }),
    );
    const sb = createSwitchboardClient({ baseUrl: 'http://api.test', fetch });
    expect(unwrap(await sb.POST('/v1/sessions', { body: { agent_role: 'a' } }))).toEqual({ id: 'x' });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((r) => r.headers.get('idempotency-key'))).size).toBe(1);
    expect(await Promise.all(seen.map((r) => r.text()))).toEqual(Array(3).fill('{"agent_role":"a"}'));

    const down = scripted(unavailable('3600'));
    const bounded = createSwitchboardClient({
      baseUrl: 'http://api.test',
      fetch: down.fetch,
      maxRetries: 2,
      maxRetryDelaySeconds: 0.01,
    });
    const error = await bounded
      .GET('/v1/sessions')
      .then(unwrap)
      .catch((e: unknown) => e);
    expect(down.seen).toHaveLength(3);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ status: 503, code: 'database_unavailable' });

    const refused = scripted(json(404, { code: 'not_found' }));
    await createSwitchboardClient({ baseUrl: 'http://api.test', fetch: refused.fetch }).GET('/v1/sessions');
    expect(refused.seen).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date, and backs off by itself without one', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryDelayMs('2', 0, now)).toBe(2000);
    expect(retryDelayMs('Thu, 01 Jan 2026 00:00:05 GMT', 0, now)).toBe(5000);
    expect(retryDelayMs('Wed, 31 Dec 2025 23:00:00 GMT', 0, now)).toBe(0);
    for (const attempt of [0, 1, 2]) {
      const ms = retryDelayMs(null, attempt);
      expect(ms).toBeGreaterThanOrEqual(250 * 2 ** attempt);
      expect(ms).toBeLessThanOrEqual(500 * 2 ** attempt);
    }
  });

  it('pages through a list by next_cursor against the real server, and unwraps problems', async () => {
    const tenant = await t.newTenant();
    const sb = createSwitchboardClient({
      baseUrl,
      token: await t.token(tenant, ['sessions:read', 'sessions:write']),
    });
    const created = new Set<string>();
    for (let i = 0; i < 23; i++) {
      created.add(unwrap(await sb.POST('/v1/sessions', { body: { agent_role: 'pager' } })).id);
    }
    let pages = 0;
    const seen: string[] = [];
    const sessions = paginate((cursor) => {
      pages++;
      return sb.GET('/v1/sessions', { params: { query: { agent_role: 'pager', page_size: 10, cursor } } });
    });
    for await (const s of sessions) seen.push(s.id);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(created);

    const missing = await sb.GET('/v1/sessions/{id}', {
      params: { path: { id: '0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11' } },
    });
    expect(() => unwrap(missing)).toThrow(SwitchboardError);
    expect(missing.error?.code).toBe('not_found');
  });
});
