import type { FastifyBaseLogger } from 'fastify';

/** What a sweep is given for one run. */
export interface SweepRun {
  batchSize: number;
  /** Batches this run may do; the scheduler runs the sweep again at once when more is due. */
  maxBatches: number;
  /** Aborted when the scheduler stops: no new batch starts, the current one finishes. */
  signal: AbortSignal;
  /** Called by the sweep after each batch with the rows discovery returned. */
  onBatch(due: number): void;
}

export interface SweepJob {
  name: string;
  /** Its own cadence in ms; the scheduler's interval when absent. */
  intervalMs?: number | undefined;
  /** One run; resolves with what it changed, by kind (e.g. `{ requeued: 2, failed: 1 }`). */
  run(run: SweepRun): Promise<Record<string, number>>;
}

/** What the scheduler reports after every run (the hook for metrics). */
export interface SweepResult {
  sweep: string;
  changed: number;
  durationMs: number;
  error?: unknown;
}

export interface SweepStatus {
  name: string;
  running: boolean;
  /** The last finished run (null before the first one). */
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  changed: number | null;
  error: string | null;
  consecutiveFailures: number;
  /** When this process runs the sweep next; null while the scheduler is not running. */
  nextRunAt: Date | null;
}

export type SchedulerLog = Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

export interface SchedulerOptions {
  jobs: SweepJob[];
  intervalMs: number;
  /** Each wait is the interval times a random factor in [1 - jitter, 1 + jitter]; 0 to 0.5, default 0.2. */
  jitter?: number | undefined;
  batchSize: number;
  maxBatchesPerRun: number;
  /** The cap of the failure backoff (interval x 2^(failures - 1)); never below the interval. */
  maxBackoffMs: number;
  log: SchedulerLog;
  /** Called after every run of every sweep; a throwing callback is logged and ignored. */
  onSweep?: ((result: SweepResult) => void) | undefined;
  random?: (() => number) | undefined;
}

interface JobState {
  job: SweepJob;
  nextRunAt: number;
  failures: number;
  current: Promise<{ more: boolean }> | undefined;
  last: Omit<SweepStatus, 'name' | 'running' | 'consecutiveFailures' | 'nextRunAt'> | undefined;
}

/** What went wrong, for operators: the innermost cause (drizzle wraps the database's error) and its code. */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError) {
    return `${error.message}: ${error.errors.slice(0, 3).map(errorText).join('; ')}`.slice(0, 1000);
  }
  let e = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message).slice(
    0,
    1000,
  );
}

/**
 * Runs periodic sweeps in this process. Every server process runs one; the sweeps themselves
 * make concurrent runs safe (SKIP LOCKED, state re-checked under the lock), so the scheduler
 * needs no leader: it only spaces runs out (jittered, so that processes started together drift
 * apart), runs one sweep at a time on one connection, runs a sweep again at once while it
 * reports more due, and backs a failing sweep off exponentially until it succeeds again.
 */
export class Scheduler {
  private readonly states: JobState[];
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly random: () => number;
  private readonly jitter: number;

  constructor(private readonly o: SchedulerOptions) {
    this.states = o.jobs.map((job) => ({
      job,
      nextRunAt: 0,
      failures: 0,
      current: undefined,
      last: undefined,
    }));
    this.random = o.random ?? Math.random;
    this.jitter = Math.min(Math.max(o.jitter ?? 0.2, 0), 0.5);
  }

  get intervalMs(): number {
    return this.o.intervalMs;
  }

  get batchSize(): number {
    return this.o.batchSize;
  }

  get started(): boolean {
    return this.loop !== undefined && !this.controller.signal.aborted;
  }

  /** Starts the loop; the first runs come within a random part of the jitter window. */
  start(): void {
    if (this.loop || this.controller.signal.aborted || this.states.length === 0) return;
    const now = Date.now();
    for (const s of this.states) s.nextRunAt = now + this.random() * this.jitter * this.intervalOf(s);
    this.loop = this.runLoop().catch((error) => this.o.log.error({ err: error }, 'scheduler loop failed'));
  }

  /**
   * Stops for good: no new batch starts, and this resolves once the batch in progress has
   * committed or rolled back. A stopped scheduler never starts again.
   */
  async stop(): Promise<void> {
    this.controller.abort();
    this.wake?.();
    await this.loop;
    await Promise.all(this.states.map((s) => s.current));
  }

  /** Runs one sweep now (or joins its run in progress). */
  async runOnce(name: string): Promise<{ more: boolean }> {
    const state = this.states.find((s) => s.job.name === name);
    if (!state) throw new Error(`no sweep named ${name}`);
    return this.runJob(state);
  }

  /** Runs every sweep until none reports more due, or the scheduler stops (tests, benchmarks). */
  async drain(): Promise<void> {
    for (;;) {
      let more = false;
      for (const s of this.states) {
        if (this.controller.signal.aborted) return;
        more = (await this.runJob(s)).more || more;
      }
      if (!more) return;
    }
  }

  status(): SweepStatus[] {
    return this.states.map((s) => ({
      name: s.job.name,
      running: s.current !== undefined,
      startedAt: s.last?.startedAt ?? null,
      finishedAt: s.last?.finishedAt ?? null,
      durationMs: s.last?.durationMs ?? null,
      changed: s.last?.changed ?? null,
      error: s.last?.error ?? null,
      consecutiveFailures: s.failures,
      nextRunAt: this.started ? new Date(s.nextRunAt) : null,
    }));
  }

  private intervalOf(s: JobState) {
    return s.job.intervalMs ?? this.o.intervalMs;
  }

  private jittered(ms: number) {
    return ms * (1 + this.jitter * (2 * this.random() - 1));
  }

  private async runLoop() {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      for (const s of this.states) {
        if (signal.aborted) return;
        if (s.nextRunAt <= Date.now()) await this.runJob(s);
      }
      const next = Math.min(...this.states.map((s) => s.nextRunAt));
      await this.sleep(Math.max(0, next - Date.now()));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      if (this.controller.signal.aborted) done();
    });
  }

  private runJob(s: JobState): Promise<{ more: boolean }> {
    s.current ??= this.execute(s).finally(() => {
      s.current = undefined;
    });
    return s.current;
  }

  private async execute(s: JobState): Promise<{ more: boolean }> {
    const { batchSize } = this.o;
    const signal = this.controller.signal;
    const startedAt = new Date();
    const t0 = performance.now();
    let lastDue = 0;
    let counts: Record<string, number> = {};
    let error: unknown;
    try {
      counts = await s.job.run({
        batchSize,
        maxBatches: this.o.maxBatchesPerRun,
        signal,
        onBatch: (due) => {
          lastDue = due;
        },
      });
    } catch (e) {
      error = e;
    }
    const durationMs = performance.now() - t0;
    const changed = Object.values(counts).reduce((a, b) => a + b, 0);
    const more = error === undefined && lastDue >= batchSize;
    let delay: number;
    if (error === undefined) {
      s.failures = 0;
      delay = more ? 0 : this.jittered(this.intervalOf(s));
    } else {
      s.failures++;
      const cap = Math.max(this.o.maxBackoffMs, this.intervalOf(s));
      delay = this.jittered(Math.min(this.intervalOf(s) * 2 ** Math.min(s.failures - 1, 30), cap));
    }
    const finishedAt = Date.now();
    s.nextRunAt = finishedAt + delay;
    s.last = {
      startedAt,
      finishedAt: new Date(finishedAt),
      durationMs: Math.round(durationMs),
      changed,
      error: error === undefined ? null : errorText(error),
    };

    const fields = { sweep: s.job.name, changed, ...counts, durationMs: Math.round(durationMs) };
    if (error !== undefined) {
      this.o.log.warn(
        { ...fields, err: error, failures: s.failures, retryInMs: Math.round(delay) },
        'sweep failed; backing off',
      );
    } else if (changed > 0) {
      this.o.log.info(fields, 'sweep finished');
    } else {
      this.o.log.debug(fields, 'sweep finished');
    }
    try {
      this.o.onSweep?.({
        sweep: s.job.name,
        changed,
        durationMs,
        ...(error === undefined ? {} : { error }),
      });
    } catch (hookError) {
      this.o.log.error({ err: hookError, sweep: s.job.name }, 'onSweep callback failed');
    }
    return { more };
  }
}
