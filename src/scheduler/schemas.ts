import { z } from 'zod';
import { isoOrNull, Timestamp } from '../http/schemas.js';
import type { Scheduler, SweepStatus } from './scheduler.js';

const SWEEP_NAME = z
  .string()
  .describe(
    'session_expiry, approval_expiry, lease_expiry, idempotency_key_purge, task_key_release, or audit_retention (only with AUDIT_RETENTION_DAYS).',
  );
const nextRunAt = Timestamp.nullable().describe(
  'When this process runs the sweep next (sooner while more is due; later, backing off, after a failure); null when its scheduler is not running.',
);

export const SweepStatusDto = z
  .object({
    name: SWEEP_NAME,
    running: z.boolean().describe('A run is in progress now.'),
    started_at: Timestamp.nullable().describe('Start of the last finished run; null before the first.'),
    finished_at: Timestamp.nullable(),
    duration_ms: z.number().int().nullable(),
    changed: z.number().int().nullable().describe('Rows the last run changed or deleted.'),
    error: z.string().nullable().describe('Why the last run failed; null when it succeeded.'),
    consecutive_failures: z.number().int().describe('Failed runs in a row; 0 after a success.'),
    next_run_at: nextRunAt,
  })
  .meta({ id: 'SweepStatus' });

const sweepExample = {
  name: 'session_expiry',
  running: false,
  started_at: '2026-11-23T16:37:42.101Z',
  finished_at: '2026-11-23T16:37:42.295Z',
  duration_ms: 194,
  changed: 200,
  error: null,
  consecutive_failures: 0,
  next_run_at: '2026-11-23T16:38:41.640Z',
};

export const SchedulerStatusDto = z
  .object({
    enabled: z.boolean().describe('SCHEDULER_ENABLED of the process that answered.'),
    interval_seconds: z.number().describe('The mean wait between runs (SCHEDULER_INTERVAL_SECONDS).'),
    batch_size: z.number().int().describe('Rows per batch (SCHEDULER_BATCH_SIZE).'),
    sweeps: z.array(SweepStatusDto),
  })
  .meta({
    id: 'SchedulerStatus',
    examples: [{ enabled: true, interval_seconds: 60, batch_size: 200, sweeps: [sweepExample] }],
    description:
      'The scheduler of the server process that answered: every process runs its own, so behind a load balancer each request may show another one.',
  });

/** The part of it in /readyz, which needs no token: no error messages. */
export const SchedulerHealth = z
  .object({
    enabled: z.boolean(),
    sweeps: z.array(
      z.object({
        name: SWEEP_NAME,
        last_run_at: Timestamp.nullable().describe('End of the last run; null before the first.'),
        ok: z.boolean().nullable().describe('Whether the last run succeeded; null before the first.'),
        changed: z.number().int().nullable(),
        consecutive_failures: z.number().int(),
        next_run_at: nextRunAt,
      }),
    ),
  })
  .meta({
    id: 'SchedulerHealth',
    examples: [
      {
        enabled: true,
        sweeps: [
          {
            name: 'session_expiry',
            last_run_at: sweepExample.finished_at,
            ok: true,
            changed: 200,
            consecutive_failures: 0,
            next_run_at: sweepExample.next_run_at,
          },
        ],
      },
    ],
    description:
      "This process's sweeps. Informational: a failing sweep does not make the server unready (readiness is about the database), it backs off and retries; see GET /v1/admin/scheduler for the errors.",
  });

export const toSweepStatusDto = (s: SweepStatus): z.infer<typeof SweepStatusDto> => ({
  name: s.name,
  running: s.running,
  started_at: isoOrNull(s.startedAt),
  finished_at: isoOrNull(s.finishedAt),
  duration_ms: s.durationMs,
  changed: s.changed,
  error: s.error,
  consecutive_failures: s.consecutiveFailures,
  next_run_at: isoOrNull(s.nextRunAt),
});

export function schedulerHealth(scheduler: Scheduler | null): z.infer<typeof SchedulerHealth> {
  return {
    enabled: scheduler !== null,
    sweeps: (scheduler?.status() ?? []).map((s) => ({
      name: s.name,
      last_run_at: isoOrNull(s.finishedAt),
      ok: s.finishedAt === null ? null : s.error === null,
      changed: s.changed,
      consecutive_failures: s.consecutiveFailures,
      next_run_at: isoOrNull(s.nextRunAt),
    })),
  };
}
