/**
 * An agent worker written with the typed client: it opens a session for its role, activates it,
 * claims tasks in a loop (renewing each lease with heartbeats while it works), completes or fails
 * them, and closes its session when it stops.
 *
 *   TOKEN=... npx tsx clients/typescript/examples/agent-worker.ts [--until-idle]
 *
 * SWITCHBOARD_URL (default http://127.0.0.1:3000) and AGENT_ROLE (default writer) choose where
 * and what; the token needs sessions:write and tasks:write. Ctrl-C stops after the current task.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { createSwitchboardClient, type Schemas, SwitchboardError, unwrap } from '../src/index.js';

export type Task = Schemas['Task'];
export type Handler = (task: Task, signal: AbortSignal) => Promise<Record<string, unknown>>;

export interface WorkerOptions {
  baseUrl: string;
  token: string;
  role: string;
  /** Does the work; its result becomes the task's output. A throw fails the attempt. */
  handle: Handler;
  leaseSeconds?: number;
  /** How often to renew the lease while a task runs (default: a third of the lease). */
  heartbeatMs?: number;
  /** How long to wait when there is nothing to claim (default 1 s). */
  pollMs?: number;
  /** Stop when nothing is left to claim, instead of polling (default false). */
  untilIdle?: boolean;
  /** Aborting it stops the worker after the current task. */
  signal?: AbortSignal;
}

export async function runWorker(o: WorkerOptions) {
  const sb = createSwitchboardClient({ baseUrl: o.baseUrl, token: o.token });
  const leaseSeconds = o.leaseSeconds ?? 60;
  const heartbeatMs = o.heartbeatMs ?? (leaseSeconds * 1000) / 3;
  const counts = { completed: 0, failed: 0, lost: 0 };

  const session = unwrap(
    await sb.POST('/v1/sessions', { body: { agent_role: o.role, metadata: { worker: 'agent-worker.ts' } } }),
  );
  const path = { params: { path: { id: session.id } } };
  unwrap(await sb.POST('/v1/sessions/{id}/activate', path));

  /** Renews the task's lease until `done` aborts; aborts `lost` if the lease is gone. */
  const heartbeats = async (task: Task, done: AbortSignal, lost: AbortController) => {
    while (!done.aborted) {
      await sleep(heartbeatMs, undefined, { signal: done }).catch(() => {});
      if (done.aborted) return;
      const beat = await sb.POST('/v1/tasks/{id}/heartbeat', {
        params: { path: { id: task.id } },
        body: { session_id: session.id, lease_seconds: leaseSeconds },
      });
      if (beat.response.status === 409 || beat.response.status === 404) return lost.abort();
    }
  };

  const work = async (task: Task) => {
    const done = new AbortController();
    const lost = new AbortController();
    const beating = heartbeats(task, done.signal, lost);
    let result: { output: Record<string, unknown> } | { error: unknown };
    try {
      result = { output: await o.handle(task, lost.signal) };
    } catch (error) {
      result = { error };
    }
    done.abort();
    await beating;
    const ids = { params: { path: { id: task.id } } };
    const body = { session_id: session.id };
    try {
      if (lost.signal.aborted) throw new SwitchboardError(409, undefined);
      if ('output' in result) {
        unwrap(
          await sb.POST('/v1/tasks/{id}/complete', { ...ids, body: { ...body, output: result.output } }),
        );
        counts.completed++;
      } else {
        const message = result.error instanceof Error ? result.error.message : String(result.error);
        unwrap(await sb.POST('/v1/tasks/{id}/fail', { ...ids, body: { ...body, error: { message } } }));
        counts.failed++;
      }
    } catch (error) {
      // 409: the task is no longer ours (lease expired and requeued, or cancelled); move on.
      if (!(error instanceof SwitchboardError && error.status === 409)) throw error;
      counts.lost++;
    }
  };

  let failure: unknown;
  try {
    while (!o.signal?.aborted) {
      const claim = await sb.POST('/v1/tasks/claim', {
        body: { agent_role: o.role, session_id: session.id, lease_seconds: leaseSeconds },
      });
      const task = unwrap(claim);
      if (claim.response.status === 204) {
        if (o.untilIdle) break;
        await sleep(o.pollMs ?? 1000, undefined, { signal: o.signal }).catch(() => {});
        continue;
      }
      await work(task);
    }
  } catch (error) {
    failure = error;
  }
  // Close the session: completed when the worker stopped by itself, failed when it broke.
  const reason = failure ? `worker error: ${String(failure)}` : 'worker stopped';
  await sb.POST(failure ? '/v1/sessions/{id}/fail' : '/v1/sessions/{id}/complete', {
    ...path,
    body: { reason },
  });
  if (failure) throw failure;
  return { sessionId: session.id, ...counts };
}

/** The demo's work: summarizes `summarize` tasks, refuses any other type. */
export const demoHandler: Handler = async (task) => {
  if (task.type !== 'summarize') throw new Error(`this worker cannot do ${task.type} tasks`);
  const source = typeof task.input['url'] === 'string' ? task.input['url'] : 'the input';
  return { summary: `A summary of ${source}.` };
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const token = process.env['TOKEN'];
  if (!token) {
    process.stderr.write(
      'set TOKEN (npm run -s token -- --tenant demo --scope "sessions:write tasks:write")\n',
    );
    process.exit(2);
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const result = await runWorker({
    baseUrl: process.env['SWITCHBOARD_URL'] ?? 'http://127.0.0.1:3000',
    token,
    role: process.env['AGENT_ROLE'] ?? 'writer',
    handle: demoHandler,
    untilIdle: process.argv.includes('--until-idle'),
    signal: stop.signal,
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
