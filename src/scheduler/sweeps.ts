import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { withTenantTx } from '../db/tenant-tx.js';
import { newTraceId } from '../http/tracing.js';
import type { Clock } from '../lib/clock.js';
import { sweepExpiredApprovals } from '../modules/approvals/sweeps.js';
import { purgeExpiredAuditEvents } from '../modules/audit/purge.js';
import { sweepExpiredSessions } from '../modules/sessions/sweeps.js';
import { releaseExpiredTaskKeys, sweepExpiredLeases } from '../modules/tasks/sweeps.js';
import * as tenantsRepo from '../modules/tenants/repository.js';
import { purgeExpiredIdempotencyKeys } from './idempotency-keys.js';
import {
  Scheduler,
  type SchedulerLog,
  type SchedulerOptions,
  type SweepJob,
  type SweepRun,
} from './scheduler.js';

export interface SweepsDeps {
  db: Database;
  clock: Clock;
  config: Config;
}

/** The sweep names, in the order each round runs them. */
export const SWEEP_NAMES = [
  'session_expiry',
  'approval_expiry',
  'lease_expiry',
  'idempotency_key_purge',
  'task_key_release',
  'audit_retention',
] as const;
export type SweepName = (typeof SWEEP_NAMES)[number];

const options = (r: SweepRun) => ({
  batchSize: r.batchSize,
  maxBatches: r.maxBatches,
  signal: r.signal,
  onBatch: r.onBatch,
});

/**
 * The server's sweeps (DESIGN.md, Scheduler). audit_retention exists only when
 * AUDIT_RETENTION_DAYS is set, and runs every SCHEDULER_AUDIT_PURGE_INTERVAL_SECONDS: each of its
 * batches holds a tenant's audit chain head, so it runs rarely rather than every interval.
 */
export function serverSweeps(deps: SweepsDeps): SweepJob[] {
  const jobs: (SweepJob & { name: SweepName })[] = [
    {
      name: 'session_expiry',
      run: async (r) => {
        const { expired, releasedTasks } = await sweepExpiredSessions(deps, options(r));
        return { expired, released_tasks: releasedTasks };
      },
    },
    { name: 'approval_expiry', run: async (r) => ({ ...(await sweepExpiredApprovals(deps, options(r))) }) },
    { name: 'lease_expiry', run: async (r) => ({ ...(await sweepExpiredLeases(deps, options(r))) }) },
    {
      name: 'idempotency_key_purge',
      run: async (r) => ({ ...(await purgeExpiredIdempotencyKeys(deps, options(r))) }),
    },
    { name: 'task_key_release', run: async (r) => ({ ...(await releaseExpiredTaskKeys(deps, options(r))) }) },
  ];
  if (deps.config.AUDIT_RETENTION_DAYS !== undefined) {
    jobs.push({
      name: 'audit_retention',
      intervalMs: deps.config.SCHEDULER_AUDIT_PURGE_INTERVAL_SECONDS * 1000,
      run: (r) => purgeAuditRetention(deps, r),
    });
  }
  return jobs;
}

/**
 * The audit retention purge of every tenant, one tenant after the other (purgeExpiredAuditEvents
 * works in batches, each its own transaction). Stops between tenants when the scheduler stops:
 * a tenant's purge is finished once begun, so that it is recorded by its tenant.audit_purged event.
 */
async function purgeAuditRetention(deps: SweepsDeps, r: SweepRun): Promise<Record<string, number>> {
  const counts = { deleted: 0, tenants: 0 };
  const ctx = {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    actor: { type: 'system' as const, id: 'scheduler' },
    requestId: '',
    traceId: newTraceId(),
  };
  let after: string | undefined;
  for (;;) {
    // The tenants table has no row-level security: no tenant in scope is needed to list it.
    const page = await withTenantTx({ db: deps.db, tenantId: '' }, async (tx) => {
      const [rows] = await tx.commit(tenantsRepo.listAfter(tx, after, r.batchSize));
      return rows.map((t) => t.id);
    });
    for (const tenantId of page) {
      if (r.signal.aborted) return counts;
      const purged = await purgeExpiredAuditEvents(ctx, tenantId);
      if (purged && purged.deleted > 0) {
        counts.deleted += purged.deleted;
        counts.tenants++;
      }
    }
    if (page.length < r.batchSize) return counts;
    after = page.at(-1);
  }
}

export interface ServerSchedulerOptions extends SweepsDeps {
  log: SchedulerLog;
  onSweep?: SchedulerOptions['onSweep'];
  /** Settings that override the configuration (tests use milliseconds). */
  overrides?: Partial<Omit<SchedulerOptions, 'jobs' | 'log' | 'onSweep'>> | undefined;
}

/** The scheduler of a server process, configured by the SCHEDULER_* settings. */
export function createServerScheduler(o: ServerSchedulerOptions): Scheduler {
  const { config } = o;
  return new Scheduler({
    jobs: serverSweeps(o),
    intervalMs: config.SCHEDULER_INTERVAL_SECONDS * 1000,
    jitter: config.SCHEDULER_JITTER_PERCENT / 100,
    batchSize: config.SCHEDULER_BATCH_SIZE,
    maxBatchesPerRun: config.SCHEDULER_MAX_BATCHES_PER_RUN,
    maxBackoffMs: config.SCHEDULER_MAX_BACKOFF_SECONDS * 1000,
    log: o.log,
    onSweep: o.onSweep,
    ...o.overrides,
  });
}
