import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, type SocketOptions } from '../src/db/socket.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';

/*
 * The performance budget of the contract: a read costs one database round trip, a write at most
 * two. A round trip is counted each time the client writes to PostgreSQL after it has read an
 * answer since its last write: statements sent together, before any answer, are one flight.
 */
let flights = 0;
let awaitingAnswer = false;
const socket = async (options: SocketOptions) => count(await connectSocket(options));

function count(s: net.Socket) {
  const write = s.write.bind(s) as (...args: unknown[]) => boolean;
  s.write = ((...args: unknown[]) => {
    if (!awaitingAnswer) {
      flights++;
      awaitingAnswer = true;
    }
    return write(...args);
  }) as typeof s.write;
  s.on('data', () => {
    awaitingAnswer = false;
  });
  return s;
}

let t: TestApp;
let api: Client;
beforeAll(async () => {
  // One connection: every statement is prepared on it after the first call of each route.
  t = await createTestApp({ socket, poolMax: 1, env: { TENANT_CACHE_TTL_SECONDS: '300' } });
  api = await t.client(
    await t.newTenant(),
    'sessions:read',
    'sessions:write',
    'tasks:read',
    'tasks:write',
    'audit:read',
  );
});
afterAll(async () => {
  await t?.close();
});

/** Round trips of the second call (the first prepares the route's statements and fills caches). */
async function roundTrips(call: () => Promise<{ statusCode: number }>) {
  expect((await call()).statusCode).toBeLessThan(300);
  flights = 0;
  awaitingAnswer = false;
  expect((await call()).statusCode).toBeLessThan(300);
  return flights;
}

describe('database round trips per route', () => {
  it('reads cost one, writes at most two', async () => {
    const id = () => api.post('/v1/sessions', { agent_role: 'p' }).then((r) => r.json().id as string);
    const results: Record<string, number> = {
      'POST /v1/sessions': await roundTrips(() => api.post('/v1/sessions', { agent_role: 'p' })),
      'GET /v1/sessions/{id}': await roundTrips(async () => api.get(`/v1/sessions/${await idOnce}`)),
      'GET /v1/sessions (cursor)': await roundTrips(() => api.get('/v1/sessions?status=pending')),
      'GET /v1/sessions (page)': await roundTrips(() => api.get('/v1/sessions?page=1')),
      'PATCH /v1/sessions/{id}': await roundTrips(async () =>
        api.patch(`/v1/sessions/${await idOnce}`, { metadata: { n: Math.random() } }),
      ),
      'GET /v1/audit-events': await roundTrips(() => api.get('/v1/audit-events')),
      'POST /sessions (legacy)': await roundTrips(() => api.post('/sessions', { agent_role: 'p' })),
    };
    // activate: a fresh pending session each time, created outside the measurement.
    const pending = [await id(), await id()];
    results['POST /v1/sessions/{id}/activate'] = await roundTrips(() =>
      api.post(`/v1/sessions/${pending.pop()}/activate`),
    );
    // The worker loop of the benchmark: claim, then complete what was claimed.
    const worker = await id();
    await api.post(`/v1/sessions/${worker}/activate`);
    for (let i = 0; i < 4; i++) await api.post('/v1/tasks', { type: 'work', to_agent_role: 'worker' });
    const claimed: string[] = [];
    results['POST /v1/tasks/claim'] = await roundTrips(async () => {
      const res = await api.post('/v1/tasks/claim', { agent_role: 'worker', session_id: worker });
      claimed.push(res.json().id);
      return res;
    });
    results['POST /v1/tasks/{id}/complete'] = await roundTrips(() =>
      api.post(`/v1/tasks/${claimed.shift()}/complete`, { session_id: worker, output: { ok: true } }),
    );
    results['POST /v1/tasks/claim (none left)'] = await roundTrips(() =>
      api.post('/v1/tasks/claim', { agent_role: 'nobody', session_id: worker }),
    );
    const task = (await api.post('/v1/tasks', { type: 'work', to_agent_role: 'other' })).json().id;
    results['GET /v1/tasks/{id}'] = await roundTrips(() => api.get(`/v1/tasks/${task}`));
    expect(results).toEqual({
      'POST /v1/tasks/claim': 2,
      'POST /v1/tasks/{id}/complete': 2,
      // A write route: its claim statement finds nothing, then COMMIT is sent on its own.
      'POST /v1/tasks/claim (none left)': 2,
      'GET /v1/tasks/{id}': 1,
      'POST /v1/sessions': 1,
      'GET /v1/sessions/{id}': 1,
      'GET /v1/sessions (cursor)': 1,
      'GET /v1/sessions (page)': 1,
      'PATCH /v1/sessions/{id}': 2,
      'GET /v1/audit-events': 1,
      'POST /sessions (legacy)': 1,
      'POST /v1/sessions/{id}/activate': 2,
    });
  });
});

const idOnce: Promise<string> = new Promise((resolve) => {
  beforeAll(async () => {
    resolve((await api.post('/v1/sessions', { agent_role: 'p' })).json().id);
  });
});
