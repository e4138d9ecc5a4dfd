/**
 * The real app for the single-process benchmarks (claim-complete, expire-sessions): embedded
 * PostgreSQL in a temporary directory, migrations, the app listening on 127.0.0.1 with JWT auth
 * as switchboard_app, one tenant, and an owner connection for seeding and checking. `stop()`
 * stops everything it started, in order; call it from `finally` (and on SIGINT).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type App, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createDatabase, type Database, poolOptions } from '../../src/db/client.js';
import { startEmbedded } from '../../src/db/embedded.js';
import { expectedMigrations, migrate } from '../../src/db/migrate.js';
import { mintToken } from '../../src/http/auth/mint.js';
import type { Scope } from '../../src/http/auth/scopes.js';
import { newTraceId } from '../../src/http/tracing.js';
import { systemClock } from '../../src/lib/clock.js';
import { ensureTenant } from '../../src/modules/tenants/service.js';

export interface BenchApp {
  address: string;
  config: Config;
  database: Database;
  app: App;
  owner: postgres.Sql;
  token(scopes: Scope[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchApp(tenant: string, env: Record<string, string> = {}): Promise<BenchApp> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  const embedded = await startEmbedded({ dataDir: dir, database: 'switchboard' });
  const secret = randomBytes(32).toString('hex');
  const config = loadConfig({
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: secret,
    LOG_LEVEL: 'silent',
    SCHEDULER_ENABLED: 'false',
    ...env,
  });
  const owner = postgres(embedded.ownerUrl, { max: 2, onnotice: () => {} });
  let database: Database | undefined;
  let app: App | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await app?.close();
      await database?.close();
      await owner.end();
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    await migrate(embedded.ownerUrl);
    database = createDatabase({ url: await embedded.appUrl(), ...poolOptions(config), appRole: null });
    app = await buildApp({ config, database, logger: false, expectedMigrations: expectedMigrations() });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const actor = { type: 'system' as const, id: 'bench' };
    const scope = { db: database, clock: systemClock, actor, requestId: '', traceId: newTraceId() };
    await ensureTenant(scope, tenant, 'Benchmark');
    return {
      address,
      config,
      database,
      app,
      owner,
      token: (scopes) => mintToken({ secret, subject: 'bench', tenant, scopes, expiresInSeconds: 3600 }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
