import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase, type Database } from '../src/db/client.js';
import { type EmbeddedDatabase, startEmbedded } from '../src/db/embedded.js';
import { expectedMigrations, migrate } from '../src/db/migrate.js';
import { mintToken } from '../src/http/auth/mint.js';
import { ensureTenant } from '../src/modules/tenants/service.js';
import { TEST_SECRET } from './helpers/app.js';

// A PostgreSQL of its own, since this file stops and restarts it under a running app.
let dir: string;
let pg: EmbeddedDatabase;
let db: Database;
let app: App;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-outage-'));
  pg = await startEmbedded({ dataDir: dir });
  await migrate(pg.ownerUrl);
  db = createDatabase({ url: await pg.appUrl(), appRole: null, connectTimeoutSeconds: 2 });
  const config = loadConfig({ AUTH_JWT_SECRET: TEST_SECRET, TENANT_CACHE_TTL_SECONDS: '0' });
  app = await buildApp({ config, database: db, logger: false, expectedMigrations: expectedMigrations() });
  await ensureTenant(
    {
      db,
      clock: { now: () => new Date() },
      actor: { type: 'system', id: 'test' },
      requestId: '',
      traceId: '1'.repeat(32),
    },
    'outage',
    'Outage',
  );
  token = await mintToken({
    secret: TEST_SECRET,
    subject: 'ops',
    tenant: 'outage',
    scopes: ['sessions:read', 'sessions:write'],
    expiresInSeconds: 600,
  });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = () =>
  app.inject({ method: 'GET', url: '/v1/sessions', headers: { authorization: `Bearer ${token}` } });
const create = () =>
  app.inject({
    method: 'POST',
    url: '/v1/sessions',
    headers: { authorization: `Bearer ${token}` },
    payload: { agent_role: 'p' },
  });

describe('database outage', () => {
  it('answers 503 with Retry-After while the database is down, and recovers without a restart', async () => {
    expect((await create()).statusCode).toBe(201);

    await pg.stop();
    const began = performance.now();
    const answers = [await get(), await create(), await get()];
    console.info(
      `503 answer time with the database stopped: ${Math.round((performance.now() - began) / 3)} ms per request`,
    );
    for (const res of answers) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json()).toMatchObject({ code: 'database_unavailable', status: 503 });
      expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|password/);
    }
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.database).toBe('unreachable');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    await pg.start();
    const restarted = performance.now();
    // The first request after the fail-fast window tries the database again.
    let recovered = await get();
    while (recovered.statusCode === 503 && performance.now() - restarted < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      recovered = await get();
    }
    console.info(`recovered ${Math.round(performance.now() - restarted)} ms after the database restarted`);
    expect(recovered.statusCode).toBe(200);
    expect((await create()).statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await get()).json().data).toHaveLength(2);
  });
});

describe('an unresponsive database', () => {
  it('answers 503 fast: one request waits out the connect timeout, the next ones fail at once', async () => {
    // A TCP server that accepts connections and never answers: a database that hangs.
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const hung = createDatabase({
      url: `postgres://x:y@127.0.0.1:${port}/none`,
      appRole: null,
      connectTimeoutSeconds: 1,
    });
    const config = loadConfig({ AUTH_JWT_SECRET: TEST_SECRET, TENANT_CACHE_TTL_SECONDS: '0' });
    const hungApp = await buildApp({
      config,
      database: hung,
      logger: false,
      expectedMigrations: expectedMigrations(),
    });
    // A server answers once it is ready (app.listen); inject() would otherwise count ready() in.
    await hungApp.ready();
    try {
      const timings: number[] = [];
      for (let i = 0; i < 5; i++) {
        const began = performance.now();
        const res = await hungApp.inject({
          method: 'GET',
          url: '/v1/sessions',
          headers: { authorization: `Bearer ${token}` },
        });
        timings.push(Math.round(performance.now() - began));
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('2');
      }
      console.info(`503 answer times with a hung database (ms): ${timings.join(', ')}`);
      // Not a speed target: those after the first must not each wait out the 1 s connect timeout.
      expect(Math.max(...timings.slice(1))).toBeLessThan(1000);
    } finally {
      await hungApp.close();
      await hung.close();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
