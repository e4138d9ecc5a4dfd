import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type App, type AppDeps, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { APP_ROLE, createDatabase, type Database } from '../../src/db/client.js';
import { expectedMigrations } from '../../src/db/migrate.js';
import type { SocketOptions } from '../../src/db/socket.js';
import { mintToken } from '../../src/http/auth/mint.js';
import type { Scope } from '../../src/http/auth/scopes.js';
import type { Clock } from '../../src/lib/clock.js';
import { ensureTenant } from '../../src/modules/tenants/service.js';
import { TEMPLATE_DB } from './global-setup.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

export const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export const randomId = (prefix = 't') => `${prefix}-${randomBytes(5).toString('hex')}`;

export interface Client {
  tenant: string;
  token: string;
  request(o: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: App;
  db: Database;
  /** A superuser connection to this file's database, for assertions and tampering. */
  owner: postgres.Sql;
  dbName: string;
  dbUrl: string;
  newTenant(id?: string): Promise<string>;
  token(
    tenant: string | undefined,
    scopes: Scope[],
    claims?: { sub?: string; ttl?: number },
  ): Promise<string>;
  client(tenant: string, ...scopes: Scope[]): Promise<Client>;
  clientAs(tenant: string, sub: string, ...scopes: Scope[]): Promise<Client>;
  auditActions(tenant: string, resourceId: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Use this database instead of a fresh copy of the template. */
  dbName?: string;
  socket?: (options: SocketOptions) => Promise<unknown>;
  poolMax?: number;
  /** How long a request waits for a pooled connection (ms; default 30 s). */
  poolWaitMs?: number;
  /** Scheduler overrides and hook (it runs only with env SCHEDULER_ENABLED=true). */
  scheduler?: AppDeps['scheduler'];
}

/** A fresh copy of the migrated template database, for one test file. */
export async function createTestDatabase(): Promise<{ name: string; drop(): Promise<void> }> {
  const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
  const name = `sb_${randomBytes(6).toString('hex')}`;
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    drop: async () => {
      const a = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

export function openDatabase(
  dbName: string,
  options: { socket?: (o: SocketOptions) => Promise<unknown>; poolMax?: number; poolWaitMs?: number } = {},
): Database {
  return createDatabase({
    url: withDatabase(inject('appUrl'), dbName),
    appRole: inject('switchRole') ? APP_ROLE : null,
    poolMax: options.poolMax ?? 10,
    ...(options.socket ? { socket: options.socket } : {}),
    ...(options.poolWaitMs ? { poolWaitMs: options.poolWaitMs } : {}),
  });
}

/** The app on a real PostgreSQL database of its own, with HS256 auth and no logs. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const created = options.dbName ? undefined : await createTestDatabase();
  const dbName = options.dbName ?? created!.name;
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    ...options.env,
  });
  const db = openDatabase(dbName, {
    ...(options.socket ? { socket: options.socket } : {}),
    ...(options.poolMax ? { poolMax: options.poolMax } : {}),
    ...(options.poolWaitMs ? { poolWaitMs: options.poolWaitMs } : {}),
  });
  const app = await buildApp({
    config,
    database: db,
    logger: false,
    expectedMigrations: expectedMigrations(),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
  });
  await app.ready();
  const owner = postgres(withDatabase(inject('adminUrl'), dbName), { max: 2, onnotice: () => {} });

  const token: TestApp['token'] = (tenant, scopes, claims = {}) =>
    mintToken({
      secret: TEST_SECRET,
      subject: claims.sub ?? 'tester',
      tenant,
      scopes,
      expiresInSeconds: claims.ttl ?? 600,
    });

  const makeClient = async (tenant: string, sub: string, scopes: Scope[]): Promise<Client> => {
    const bearer = await token(tenant, scopes, { sub });
    const request = (o: InjectOptions) =>
      app.inject({
        ...o,
        headers: { authorization: `Bearer ${bearer}`, ...(o.headers as Record<string, string>) },
      });
    const withBody =
      (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown, headers?: Record<string, string>) =>
        request({
          method,
          url,
          ...(body === undefined ? {} : { payload: body as object }),
          ...(headers ? { headers } : {}),
        });
    return {
      tenant,
      token: bearer,
      request,
      get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
      post: withBody('POST'),
      patch: withBody('PATCH'),
      put: withBody('PUT'),
    };
  };

  return {
    app,
    db,
    owner,
    dbName,
    dbUrl: withDatabase(inject('adminUrl'), dbName),
    async newTenant(id = randomId()) {
      await ensureTenant(
        {
          db,
          clock: options.clock ?? { now: () => new Date() },
          actor: { type: 'system', id: 'test' },
          requestId: '',
          traceId: `${'0'.repeat(31)}1`,
        },
        id,
        `Tenant ${id}`,
      );
      return id;
    },
    token,
    client: (tenant, ...scopes) => makeClient(tenant, 'tester', scopes),
    clientAs: (tenant, sub, ...scopes) => makeClient(tenant, sub, scopes),
    async auditActions(tenant, resourceId) {
      const rows = await owner<{ action: string }[]>`
        select action from audit_events where tenant_id = ${tenant} and resource_id = ${resourceId} order by seq`;
      return rows.map((r) => r.action);
    },
    async close() {
      await app.close();
      await db.close();
      await owner.end();
      await created?.drop();
    },
  };
}
