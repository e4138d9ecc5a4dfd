import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { SchedulerHealth } from '../scheduler/schemas.js';

export interface HealthOptions {
  database: Database;
  /** How many migrations this build ships; readiness requires that many applied. */
  expectedMigrations: number;
  /** True once shutdown has begun: the load balancer should stop sending traffic. */
  isShuttingDown: () => boolean;
  /** This process's sweeps, shown for operators; they do not decide readiness. */
  scheduler?: (() => z.infer<typeof SchedulerHealth>) | undefined;
}

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health', examples: [{ status: 'ok' }] });
const Readiness = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z.object({
      database: z.enum(['ok', 'unreachable', 'not_checked']),
      migrations: z.enum(['ok', 'pending', 'not_checked']),
      shutting_down: z.boolean(),
    }),
    scheduler: SchedulerHealth.optional(),
  })
  .meta({
    id: 'Readiness',
    examples: [
      { status: 'ready', checks: { database: 'ok', migrations: 'ok', shutting_down: false } },
      {
        status: 'unavailable',
        checks: { database: 'unreachable', migrations: 'not_checked', shutting_down: false },
      },
    ],
  });

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, o) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        operationId: 'healthz',
        summary: 'Liveness: the process is up',
        response: { 200: Health },
      },
      config: { public: true },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        operationId: 'readyz',
        summary: 'Readiness: the database is reachable and migrated',
        description:
          '503 (with Retry-After) while the database is unreachable, migrations are pending, or the server is shutting down. `scheduler` shows the last run of each sweep of this process; a failed sweep does not make the server unready (it backs off and retries on its own).',
        response: { 200: Readiness, 503: Readiness },
      },
      config: { public: true },
    },
    async (_req, reply) => {
      const shuttingDown = o.isShuttingDown();
      let database: 'ok' | 'unreachable' | 'not_checked' = 'not_checked';
      let migrations: 'ok' | 'pending' | 'not_checked' = 'not_checked';
      if (!shuttingDown) {
        try {
          const [row] = await o.database.sql<
            { n: number }[]
          >`select count(*)::int as n from drizzle.__drizzle_migrations`;
          database = 'ok';
          o.database.breaker.reset(); // the database answers: requests need not fail fast any more
          migrations = (row?.n ?? 0) >= o.expectedMigrations ? 'ok' : 'pending';
        } catch (error) {
          o.database.breaker.observe(error);
          const code = (error as { code?: string }).code;
          database = code === '42P01' ? 'ok' : 'unreachable'; // 42P01: no migrations table yet
          if (code === '42P01') migrations = 'pending';
        }
      }
      const ready = !shuttingDown && database === 'ok' && migrations === 'ok';
      if (!ready) reply.code(503).header('retry-after', '2');
      return {
        status: ready ? ('ready' as const) : ('unavailable' as const),
        checks: { database, migrations, shutting_down: shuttingDown },
        ...(o.scheduler ? { scheduler: o.scheduler() } : {}),
      };
    },
  );
};
