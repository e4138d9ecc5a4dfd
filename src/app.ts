import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { registerAuth } from './http/auth/plugin.js';
import { createVerifier, type Verify } from './http/auth/verifier.js';
import { registerErrorHandling, sendProblem, toProblem } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { registerIdempotency } from './http/idempotency/plugin.js';
import { registerJsonLimits } from './http/json-limits.js';
import { logController, loggerOptions } from './http/logging.js';
import { registerMetrics } from './http/metrics.js';
import { registerDocs, registerOpenApi } from './http/openapi.js';
import { Problem } from './http/problem.js';
import { registerRateLimit } from './http/rate-limit.js';
import { clientErrorHandler, registerCors, registerSecurityHeaders } from './http/security.js';
import { responseSerializerCompiler } from './http/serializer.js';
import { newTraceId, requestIdFor, traceIdFrom } from './http/tracing.js';
import { type Clock, systemClock } from './lib/clock.js';
import { Metrics } from './metrics/registry.js';
import { approvalRoutes } from './modules/approvals/routes.js';
import { AuditHub } from './modules/audit/hub.js';
import { auditRoutes } from './modules/audit/routes.js';
import { auditStreamRoutes } from './modules/audit/stream-routes.js';
import { compatSessionRoutes } from './modules/sessions/compat-routes.js';
import { sessionRoutes } from './modules/sessions/routes.js';
import { taskRoutes } from './modules/tasks/routes.js';
import { createTenantDirectory } from './modules/tenants/directory.js';
import { tenantRoutes } from './modules/tenants/routes.js';
import { schedulerRoutes } from './scheduler/routes.js';
import type { Scheduler } from './scheduler/scheduler.js';
import { schedulerHealth } from './scheduler/schemas.js';
import { createServerScheduler, type ServerSchedulerOptions } from './scheduler/sweeps.js';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Pino options, or false for no logs (tests). Defaults from LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'];
  /** A pino logger to use instead (the server's own). */
  loggerInstance?: FastifyBaseLogger;
  /** Token verification; built from the AUTH_* settings when absent. */
  verify?: Verify | null;
  /** Migrations this build ships (readiness requires them applied). */
  expectedMigrations?: number;
  /** The scheduler's hook for metrics (`onSweep`), and settings that override SCHEDULER_* (tests). */
  scheduler?: Pick<ServerSchedulerOptions, 'onSweep' | 'overrides'> | undefined;
}

export type App = FastifyInstance & {
  shutdown: { begin(): void; readonly active: boolean };
  /** The sweeps of this process; null when SCHEDULER_ENABLED is false. */
  scheduler: Scheduler | null;
};

/** The Fastify application: used by server.ts and by the tests, on a database they provide. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const verify =
    deps.verify !== undefined
      ? deps.verify
      : config.AUTH_MODE === 'none'
        ? null
        : await createVerifier({
            secret: config.AUTH_JWT_SECRET,
            publicKeyPem: config.AUTH_JWT_PUBLIC_KEY,
            jwksUrl: config.AUTH_JWKS_URL,
            algorithms: config.AUTH_JWT_ALGORITHMS,
            issuer: config.AUTH_ISSUER,
            audience: config.AUTH_AUDIENCE,
            tenantClaim: config.AUTH_TENANT_CLAIM,
            cacheSize: config.AUTH_CACHE_SIZE,
          });

  const app = Fastify({
    ...(deps.loggerInstance
      ? { loggerInstance: deps.loggerInstance }
      : { logger: deps.logger ?? loggerOptions(config) }),
    genReqId: requestIdFor,
    logController: logController(),
    bodyLimit: config.BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    frameworkErrors: (error, req, reply) => sendProblem(reply, toProblem(error, req)),
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  // JSON only: a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);

  let shuttingDown = false;
  const shutdown = {
    begin: () => {
      shuttingDown = true;
    },
    get active() {
      return shuttingDown;
    },
  };
  app.decorate('shutdown', shutdown);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.decorateRequest('traceId', '');
  // Hooks on every request are written with callbacks, not async: each async hook costs a promise
  // and a microtask turn per request.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    req.traceId = traceIdFrom(req.headers.traceparent) ?? newTraceId();
    // While closing, requests that still arrive on open connections are refused (in-flight ones finish).
    if (!closing) return done();
    done(
      new Problem(
        'shutting_down',
        'the server is shutting down; retry',
        {},
        { 'retry-after': '1', connection: 'close' },
      ),
    );
  });

  await registerOpenApi(app);
  const metrics = new Metrics(database);
  registerMetrics(app, metrics, { token: config.METRICS_TOKEN });
  await registerCors(app, config.CORS_ORIGINS);
  registerSecurityHeaders(app);
  const tenants = createTenantDirectory(database, config.TENANT_CACHE_TTL_SECONDS);
  registerAuth(app, { config, db: database, clock, tenants, verify });
  registerRateLimit(app, config.RATE_LIMIT_PER_MINUTE);
  registerJsonLimits(app, { maxDepth: config.JSON_MAX_DEPTH, maxFieldBytes: config.JSON_MAX_FIELD_BYTES });
  registerIdempotency(app);

  // Started once the app is ready (listening, or app.ready() in tests); stopped before it closes,
  // after the batch in progress has committed or rolled back.
  const scheduler = config.SCHEDULER_ENABLED
    ? createServerScheduler({
        db: database,
        clock,
        config,
        log: app.log,
        overrides: deps.scheduler?.overrides,
        onSweep: (result) => {
          metrics.recordSweep(result);
          deps.scheduler?.onSweep?.(result);
        },
      })
    : null;
  app.decorate('scheduler', scheduler);
  app.addHook('onReady', async () => scheduler?.start());
  app.addHook('preClose', async () => scheduler?.stop());

  await app.register(healthRoutes, {
    database,
    expectedMigrations: deps.expectedMigrations ?? 0,
    isShuttingDown: () => shuttingDown,
    scheduler: () => schedulerHealth(scheduler),
  });
  await app.register(schedulerRoutes, { scheduler, config });
  await app.register(tenantRoutes, { directory: tenants });
  await app.register(sessionRoutes);
  await app.register(compatSessionRoutes);
  await app.register(taskRoutes);
  await app.register(approvalRoutes);
  await app.register(auditRoutes);
  const auditHub = new AuditHub(database, app.log, {
    heartbeatMs: config.AUDIT_STREAM_HEARTBEAT_SECONDS * 1000,
  });
  app.decorate('auditHub', auditHub);
  // preClose: open streams would otherwise keep the HTTP server from closing.
  app.addHook('preClose', () => auditHub.stop());
  await app.register(auditStreamRoutes, { hub: auditHub });
  await registerDocs(app);
  return app as unknown as App;
}
