import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Scheduler } from './scheduler.js';
import { SchedulerStatusDto, toSweepStatusDto } from './schemas.js';

export interface SchedulerRoutesOptions {
  scheduler: Scheduler | null;
  config: Pick<Config, 'SCHEDULER_INTERVAL_SECONDS' | 'SCHEDULER_BATCH_SIZE'>;
}

export const schedulerRoutes: FastifyPluginAsyncZod<SchedulerRoutesOptions> = async (app, o) => {
  app.get(
    '/v1/admin/scheduler',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getSchedulerStatus',
        summary: "This process's scheduler: the last run of each sweep",
        description:
          'For operators: when each sweep last ran, how long it took, how many rows it changed, why it failed, and when it runs next. Every server process runs its own scheduler and answers with its own.',
        response: { 200: SchedulerStatusDto },
      },
      config: { scope: 'admin', tenant: false },
    },
    async () => ({
      enabled: o.scheduler !== null,
      interval_seconds: o.scheduler ? o.scheduler.intervalMs / 1000 : o.config.SCHEDULER_INTERVAL_SECONDS,
      batch_size: o.scheduler?.batchSize ?? o.config.SCHEDULER_BATCH_SIZE,
      sweeps: (o.scheduler?.status() ?? []).map(toSweepStatusDto),
    }),
  );
};
