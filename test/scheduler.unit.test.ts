import { describe, expect, it } from 'vitest';
import {
  Scheduler,
  type SchedulerOptions,
  type SweepJob,
  type SweepResult,
} from '../src/scheduler/scheduler.js';
import { captureLog, until } from './helpers/scheduler.js';

/* The scheduler's loop with sweeps that need no database. */

const scheduler = (jobs: SweepJob[], o: Partial<SchedulerOptions> = {}) =>
  new Scheduler({
    jobs,
    intervalMs: 1000,
    jitter: 0.2,
    batchSize: 10,
    maxBatchesPerRun: 3,
    maxBackoffMs: 5000,
    log: captureLog(),
    ...o,
  });

/** A sweep over `backlog` rows: each run takes at most maxBatches full batches of them. */
function backlogJob(name: string, backlog: { rows: number }): SweepJob {
  return {
    name,
    run: async (r) => {
      let changed = 0;
      for (let b = 0; b < r.maxBatches && !r.signal.aborted; b++) {
        const due = Math.min(backlog.rows, r.batchSize);
        backlog.rows -= due;
        changed += due;
        r.onBatch(due);
        if (due < r.batchSize) break;
      }
      return { changed };
    },
  };
}

describe('the scheduler', () => {
  it('runs a sweep again at once while it reports more due, then waits the jittered interval', async () => {
    const backlog = { rows: 75 };
    const s = scheduler([backlogJob('a', backlog)], { random: () => 1 });
    await s.drain();
    expect(backlog.rows).toBe(0); // 75 rows at 3 batches of 10 per run: three runs
    const runs: boolean[] = [];
    backlog.rows = 35;
    runs.push((await s.runOnce('a')).more, (await s.runOnce('a')).more);
    expect(runs).toEqual([true, false]);
    expect(s.status()[0]).toMatchObject({ name: 'a', changed: 5, error: null, consecutiveFailures: 0 });
  });

  it('spreads runs over [interval x (1 - jitter), interval x (1 + jitter)]', async () => {
    for (const [random, factor] of [
      [0, 0.8],
      [0.5, 1],
      [1, 1.2],
    ] as const) {
      const s = scheduler([backlogJob('a', { rows: 0 })], { random: () => random });
      s.start();
      await until(() => s.status()[0]!.finishedAt !== null);
      const { finishedAt, nextRunAt } = s.status()[0]!;
      await s.stop();
      expect(nextRunAt!.getTime() - finishedAt!.getTime()).toBeCloseTo(1000 * factor, 6);
    }
  });

  it('backs a failing sweep off exponentially up to the cap, logs each failure, and recovers by itself', async () => {
    let calls = 0;
    const log = captureLog();
    const results: SweepResult[] = [];
    const s = scheduler(
      [
        {
          name: 'flaky',
          run: async () => {
            if (++calls <= 5) throw new Error('database gone');
            return { fixed: 1 };
          },
        },
      ],
      { log, intervalMs: 10, maxBackoffMs: 50, jitter: 0, onSweep: (r) => results.push(r) },
    );
    s.start();
    await until(() => results.some((r) => r.error === undefined));
    await s.stop();

    const failures = log.entries.filter((e) => e.level === 'warn');
    expect(failures.map((e) => e.fields['retryInMs'])).toEqual([10, 20, 40, 50, 50]);
    expect(failures.map((e) => e.fields['failures'])).toEqual([1, 2, 3, 4, 5]);
    expect(failures[0]!.fields).toMatchObject({ sweep: 'flaky', changed: 0 });
    expect(failures[0]!.fields['err']).toBeInstanceOf(Error);
    expect(log.entries.find((e) => e.level === 'info')).toMatchObject({
      fields: { sweep: 'flaky', changed: 1, fixed: 1 },
    });
    expect(s.status()[0]).toMatchObject({ consecutiveFailures: 0, error: null, changed: 1 });
    expect(results.slice(0, 6).map((r) => [r.sweep, r.changed, r.error instanceof Error])).toEqual([
      ...Array.from({ length: 5 }, () => ['flaky', 0, true]),
      ['flaky', 1, false],
    ]);
    expect(results.every((r) => typeof r.durationMs === 'number' && r.durationMs >= 0)).toBe(true);
  });

  it('logs a run that changed nothing at debug, and survives a throwing onSweep', async () => {
    const log = captureLog();
    const s = scheduler([backlogJob('idle', { rows: 0 })], {
      log,
      onSweep: () => {
        throw new Error('metrics down');
      },
    });
    await s.runOnce('idle');
    await s.runOnce('idle');
    expect(log.entries.map((e) => [e.level, e.msg])).toEqual([
      ['debug', 'sweep finished'],
      ['error', 'onSweep callback failed'],
      ['debug', 'sweep finished'],
      ['error', 'onSweep callback failed'],
    ]);
    expect(s.status()[0]).toMatchObject({ changed: 0, error: null });
  });

  it('stop lets the batch in progress finish, starts no other, and the scheduler never runs again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inBatch = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const batches: string[] = [];
    const s = scheduler(
      [
        {
          name: 'slow',
          run: async (r) => {
            for (let b = 0; b < r.maxBatches && !r.signal.aborted; b++) {
              batches.push(`begin ${b}`);
              entered();
              await gate;
              batches.push(`end ${b}`);
              r.onBatch(r.batchSize);
            }
            return { changed: batches.length / 2 };
          },
        },
      ],
      { random: () => 0 },
    );
    s.start();
    await inBatch;
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false); // waits for the batch
    release();
    await stopping;
    expect(batches).toEqual(['begin 0', 'end 0']);
    expect(s.started).toBe(false);
    s.start();
    expect(s.started).toBe(false);
    expect(s.status()[0]!.nextRunAt).toBeNull();
  });

  it('joins a run in progress instead of running the same sweep twice at once', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const s = scheduler([
      {
        name: 'once',
        run: async () => {
          runs++;
          await gate;
          return { changed: 1 };
        },
      },
    ]);
    const both = Promise.all([s.runOnce('once'), s.runOnce('once')]);
    expect(s.status()[0]!.running).toBe(true);
    release();
    await both;
    expect(runs).toBe(1);
    await expect(s.runOnce('missing')).rejects.toThrow('no sweep named missing');
  });
});
