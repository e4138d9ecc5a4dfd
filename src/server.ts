import pino from 'pino';
import { type App, buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { APP_ROLE, checkAppRole, createDatabase, type Database, poolOptions } from './db/client.js';
import { type EmbeddedDatabase, startEmbedded } from './db/embedded.js';
import { isTransient } from './db/errors.js';
import { expectedMigrations, migrate } from './db/migrate.js';
import { surviveArrayTypesQueryFailures } from './db/unhandled.js';
import { loadOrCreateDevSecret } from './http/auth/dev-secret.js';
import { mintToken } from './http/auth/mint.js';
import { SCOPES } from './http/auth/scopes.js';
import { loggerOptions } from './http/logging.js';
import { newTraceId } from './http/tracing.js';
import { systemClock } from './lib/clock.js';
import { ensureTenant } from './modules/tenants/service.js';

/** The banner's token: every scope but admin, for the demo tenant. */
const DEMO_SCOPES = SCOPES.filter((s) => s !== 'admin');

type Log = pino.Logger;

/** The role requests run as, and (in development) the demo tenant. Needs a migrated database. */
async function prepareDatabase(config: Config, database: Database, log: Log) {
  const role = await checkAppRole(database.sql, APP_ROLE);
  database.appRole = role.role;
  if (role.warning) log.warn(role.warning);
  if (!config.production) {
    const ctx = {
      db: database,
      clock: systemClock,
      actor: { type: 'system' as const, id: 'startup' },
      requestId: '',
      traceId: newTraceId(),
    };
    if (await ensureTenant(ctx, 'demo', 'Demo tenant')) log.info('created the demo tenant');
  }
}

/**
 * With DATABASE_URL the database may be unreachable at startup: the server starts anyway
 * (answering 503) and keeps trying to migrate and prepare in the background.
 */
function prepareInBackground(run: () => Promise<void>, log: Log) {
  let delay = 1000;
  const attempt = async () => {
    try {
      await run();
      log.info('database ready');
    } catch (error) {
      if (!isTransient(error)) {
        log.error({ err: error }, 'database preparation failed');
        return;
      }
      log.warn({ retryInMs: delay }, 'database unreachable; retrying');
      setTimeout(attempt, delay).unref();
      delay = Math.min(delay * 2, 30_000);
    }
  };
  return attempt();
}

async function banner(app: App, config: Config, url: string) {
  const lines = [
    ``,
    `  Switchboard is listening on ${url}`,
    `  API docs:   ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
  ];
  if (config.AUTH_MODE === 'jwt' && config.AUTH_JWT_SECRET && !config.production) {
    const token = await mintToken({
      secret: config.AUTH_JWT_SECRET,
      subject: 'demo-user',
      tenant: 'demo',
      scopes: DEMO_SCOPES,
      expiresInSeconds: 12 * 3600,
      tenantClaim: config.AUTH_TENANT_CLAIM,
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
    });
    lines.push(
      ``,
      `  A token for the demo tenant (12 h; more with: npm run token -- --tenant demo --scope "sessions:read sessions:write"):`,
      ``,
      `  export TOKEN=${token}`,
      ``,
      `  curl -s -X POST ${url}/v1/sessions -H "Authorization: Bearer $TOKEN" \\`,
      `    -H 'Content-Type: application/json' -d '{"agent_role":"planner"}'`,
    );
  } else if (config.AUTH_MODE === 'none') {
    lines.push(``, `  AUTH_MODE=none: send X-Tenant-Id: demo instead of a token (local experiments only).`);
  }
  app.log.info({ url }, 'listening');
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino(loggerOptions(config) as pino.LoggerOptions);
  const startedAt = Date.now();
  surviveArrayTypesQueryFailures(log);

  if (
    config.AUTH_MODE === 'jwt' &&
    !config.AUTH_JWT_SECRET &&
    !config.AUTH_JWT_PUBLIC_KEY &&
    !config.AUTH_JWKS_URL
  ) {
    config = { ...config, AUTH_JWT_SECRET: await loadOrCreateDevSecret(config.DATA_DIR) };
    log.info(`no AUTH_JWT_* configured: using the development secret in ${config.DATA_DIR}/jwt-secret`);
  }

  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.DATABASE_URL;
  if (!ownerUrl) {
    embedded = await startEmbedded({ dataDir: config.DATA_DIR, log: (m) => log.debug({ postgres: m }) });
    ownerUrl = embedded.ownerUrl;
    log.info({ port: embedded.port, dataDir: config.DATA_DIR }, 'embedded PostgreSQL started');
  }

  const pool = (url: string) => createDatabase({ url, ...poolOptions(config), appRole: null });
  let database: Database;
  if (embedded) {
    await migrate(ownerUrl);
    database = pool(await embedded.appUrl());
    await prepareDatabase(config, database, log);
  } else {
    const url = ownerUrl;
    database = pool(url);
    await prepareInBackground(async () => {
      if (config.MIGRATE_ON_START) await migrate(url);
      await prepareDatabase(config, database, log);
    }, log);
  }

  const app = await buildApp({
    config,
    database,
    loggerInstance: log,
    expectedMigrations: expectedMigrations(),
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  await banner(app, config, url);
  log.info({ ms: Date.now() - startedAt }, 'ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown grace period exceeded; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_SECONDS * 1000);
    force.unref();
    // Readiness fails at once; during SHUTDOWN_DELAY_SECONDS the server keeps serving, so that a
    // load balancer stops sending traffic before connections are refused. Then in-flight requests
    // drain, the scheduler and streams stop, and the pool and the embedded database close.
    app.shutdown.begin();
    try {
      if (config.SHUTDOWN_DELAY_SECONDS > 0)
        await new Promise((r) => setTimeout(r, config.SHUTDOWN_DELAY_SECONDS * 1000));
      await app.close();
      await database.close();
      await embedded?.stop();
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
    }
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(
    `switchboard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
