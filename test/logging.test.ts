import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { expectedMigrations } from '../src/db/migrate.js';
import { loggerOptions } from '../src/http/logging.js';
import { createTestApp, TEST_SECRET, type TestApp } from './helpers/app.js';

let t: TestApp;
let app: App;
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  t = await createTestApp();
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({ AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'debug' });
  app = await buildApp({
    config,
    database: t.db,
    loggerInstance: pino({ level: 'debug' }, sink),
    expectedMigrations: expectedMigrations(),
  });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('logs', () => {
  it('one JSON line per request with request id, tenant, route, status and duration; never the token', async () => {
    const tenant = await t.newTenant();
    const token = await t.token(tenant, ['sessions:write']);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-test-1', cookie: 'session=secret' },
      payload: { agent_role: 'logged' },
    });
    expect(res.statusCode).toBe(201);
    await app.inject({
      method: 'GET',
      url: '/v1/sessions',
      headers: { authorization: 'Bearer not-a-token', 'x-request-id': 'log-test-2' },
    });

    const completed = lines.find((l) => l['msg'] === 'request completed' && l['request_id'] === 'log-test-1');
    expect(completed).toMatchObject({
      tenant,
      method: 'POST',
      route: '/v1/sessions',
      status: 201,
      level: 30,
    });
    expect(typeof completed!['ms']).toBe('number');
    const rejected = lines.find((l) => l['msg'] === 'request completed' && l['request_id'] === 'log-test-2');
    expect(rejected).toMatchObject({ status: 401, route: '/v1/sessions' });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]!);
    expect(text).not.toContain('not-a-token');
    expect(text).not.toContain('session=secret');
  });
});

describe('log format', () => {
  it('is pretty only in a terminal outside production (or with LOG_PRETTY), JSON lines otherwise', () => {
    const transport = (env: Record<string, string>, tty: boolean) => {
      const was = process.stdout.isTTY;
      process.stdout.isTTY = tty;
      try {
        const options = loggerOptions(loadConfig({ AUTH_JWT_SECRET: TEST_SECRET, ...env })) as {
          transport?: { target: string };
        };
        return options.transport?.target ?? 'json';
      } finally {
        process.stdout.isTTY = was;
      }
    };
    expect(transport({ NODE_ENV: 'development' }, true)).toBe('pino-pretty');
    expect(transport({ NODE_ENV: 'development' }, false)).toBe('json');
    expect(transport({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(transport({ NODE_ENV: 'development', LOG_PRETTY: 'false' }, true)).toBe('json');
    expect(transport({ NODE_ENV: 'production', LOG_PRETTY: 'true' }, false)).toBe('pino-pretty');
  });
});
