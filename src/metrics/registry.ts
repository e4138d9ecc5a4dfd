import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client.js';

/** What the scheduler reports after each sweep (its optional `onSweep` callback). */
export interface SweepReport {
  /** The sweep's name, from code (e.g. `task_leases`): a bounded label. */
  sweep: string;
  /** Rows the sweep changed. */
  changed: number;
  durationMs: number;
  error?: unknown;
}

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SWEEP_SECONDS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60];

export const CLAIM_RESULTS = ['claimed', 'empty', 'refused', 'error'] as const;

let processRegistry: Registry | undefined;

/**
 * The process metrics (CPU, memory, event loop lag, GC, handles), collected once per process
 * however many apps it builds (tests build many), and served by each app after its own.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Counts kept as plain numbers elsewhere, exposed as a counter at scrape time. */
function counterFrom<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => Iterable<[Partial<Record<L, string>>, number]>,
) {
  return new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

/**
 * One app's Prometheus metrics, in a registry of its own. Label values come from code or from a
 * bounded set (route templates, status codes, SQLSTATE classes), never from a request's ids.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'switchboard_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'Time from request received to response sent, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  /** Requests received and not yet answered: a plain number on the request path, read when scraped. */
  inFlight = 0;

  readonly idempotentReplays = new Counter({
    name: 'switchboard_idempotent_replays_total',
    help: 'Responses replayed for a repeated Idempotency-Key or task idempotency_key, by route template.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly taskClaims = new Counter({
    name: 'switchboard_task_claims_total',
    help: 'POST /v1/tasks/claim calls by result: claimed (200), empty (204: nothing to claim), refused (4xx), error (5xx).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly taskClaimDuration = new Histogram({
    name: 'switchboard_task_claim_duration_seconds',
    help: 'Latency of POST /v1/tasks/claim, by result.',
    labelNames: ['result'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly sweeps = new Counter({
    name: 'switchboard_scheduler_sweeps_total',
    help: 'Scheduler sweeps run, by sweep and outcome (ok, error).',
    labelNames: ['sweep', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly sweepRows = new Counter({
    name: 'switchboard_scheduler_rows_changed_total',
    help: 'Rows the scheduler sweeps changed (expired, requeued, failed, purged), by sweep.',
    labelNames: ['sweep'] as const,
    registers: [this.registry],
  });

  readonly sweepDuration = new Histogram({
    name: 'switchboard_scheduler_sweep_duration_seconds',
    help: 'Duration of scheduler sweeps, by sweep.',
    labelNames: ['sweep'] as const,
    buckets: SWEEP_SECONDS,
    registers: [this.registry],
  });

  constructor(database: Database) {
    // Now rather than at the first scrape: the process CPU counters count from their creation.
    processMetrics();
    // Series that exist from the start, so that rate() and absent() work before the first claim.
    for (const result of CLAIM_RESULTS) this.taskClaims.inc({ result }, 0);
    const { stats } = database;
    const registers = [this.registry];
    const metrics = this;
    new Gauge({
      name: 'switchboard_http_requests_in_flight',
      help: 'Requests received and not yet answered (open audit event streams included).',
      registers,
      collect() {
        this.set(metrics.inFlight);
      },
    });
    new Gauge({
      name: 'switchboard_db_pool_max',
      help: 'Connections the database pool may open (DB_POOL_MAX).',
      registers,
      collect() {
        this.set(database.sql.options.max);
      },
    });
    new Gauge({
      name: 'switchboard_db_pool_reserved',
      help: 'Tenant transactions holding a pooled connection.',
      registers,
      collect() {
        this.set(stats.reserved);
      },
    });
    new Gauge({
      name: 'switchboard_db_pool_waiting',
      help: 'Tenant transactions waiting for a pooled connection (the pool is exhausted when this stays above 0).',
      registers,
      collect() {
        this.set(stats.waiting);
      },
    });
    new Gauge({
      name: 'switchboard_db_tenant_writers_waiting',
      help: "Audited writes waiting for their turn among their tenant's writers (DB_TENANT_WRITERS at a time per tenant); high while one tenant writes in bursts.",
      registers,
      collect() {
        this.set(database.writers.waiting);
      },
    });
    counterFrom(
      this.registry,
      'switchboard_db_query_errors_total',
      'Tenant transactions that failed on a database error, by SQLSTATE class (23 integrity, 40 serialization, 57 cancelled, ...) or driver error code.',
      ['class'],
      () => [...stats.errors].map(([kind, n]) => [{ class: kind }, n]),
    );
    counterFrom(
      this.registry,
      'switchboard_audit_events_appended_total',
      'Audit events appended by committed transactions.',
      [],
      () => [[{}, stats.auditEvents]],
    );
    counterFrom(
      this.registry,
      'switchboard_db_create_groups_total',
      'Groups of session creates sent to the database as one statement and one commit (group commit: creates that arrive while the previous group is in the database go together).',
      [],
      () => [[{}, stats.createGroups.sent]],
    );
    counterFrom(
      this.registry,
      'switchboard_db_grouped_creates_total',
      "Session creates sent in a group, by outcome: grouped (done by the group) or alone (left to a create of its own: the tenant's chain head was busy, or it failed).",
      ['outcome'],
      () => [
        [{ outcome: 'grouped' }, stats.createGroups.grouped],
        [{ outcome: 'alone' }, stats.createGroups.alone],
      ],
    );
  }

  /** The scheduler's `onSweep` callback: pass it as is (it is bound). */
  readonly recordSweep = (report: SweepReport): void => {
    const { sweep } = report;
    this.sweeps.inc({ sweep, outcome: report.error === undefined ? 'ok' : 'error' });
    this.sweepRows.inc({ sweep }, Math.max(0, report.changed));
    this.sweepDuration.observe({ sweep }, report.durationMs / 1000);
  };

  readonly contentType = this.registry.contentType;

  /** The exposition text: this app's metrics, then the process's. */
  async text(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processMetrics().metrics()}`;
  }
}
