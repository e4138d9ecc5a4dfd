import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHandler, runWorker } from '../clients/typescript/examples/agent-worker.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { listen } from './helpers/http.js';
import { auditEvents, newTask, taskRow } from './helpers/tasks.js';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t.app);
});
afterAll(async () => {
  await t?.close();
});

describe('clients/typescript/examples/agent-worker.ts', () => {
  it('opens and activates a session, claims every task with heartbeats, completes or fails each, and closes the session', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'tasks:write');
    const role = 'writer';
    const summaries = [];
    for (const n of [1, 2, 3]) {
      summaries.push(
        await newTask(api, {
          type: 'summarize',
          to_agent_role: role,
          input: { url: `https://example.com/${n}.pdf` },
        }),
      );
    }
    const slow = await newTask(api, {
      type: 'summarize',
      to_agent_role: role,
      input: { url: 'slow', slow: true },
    });
    const unknown = await newTask(api, { type: 'translate', to_agent_role: role, max_attempts: 1 });
    const elsewhere = await newTask(api, { type: 'summarize', to_agent_role: 'reviewer' });

    const token = await t.token(tenant, ['sessions:write', 'tasks:write']);
    const result = await runWorker({
      baseUrl,
      token,
      role,
      heartbeatMs: 100,
      untilIdle: true,
      handle: async (task, signal) => {
        // The slow task works until the worker has renewed its lease twice (version 2 -> 4).
        const deadline = Date.now() + 20_000;
        while (task.input['slow'] && ((await taskRow(t, tenant, task.id))['version'] as number) < 4) {
          if (Date.now() > deadline) throw new Error('no heartbeats within 20 s');
          await sleep(50, undefined, { signal });
        }
        return demoHandler(task, signal);
      },
    });

    expect(result).toMatchObject({ completed: 4, failed: 1, lost: 0 });
    for (const task of [...summaries, slow]) {
      const row = await taskRow(t, tenant, task.id);
      expect(row['status']).toBe('completed');
      expect(row['claimed_by_session_id']).toBe(result.sessionId);
      expect(row['output']).toEqual({ summary: `A summary of ${(task['input'] as { url: string }).url}.` });
    }
    // created (1), claimed (2), heartbeats (one version each), completed: the slow one renewed its lease.
    expect((await taskRow(t, tenant, slow.id))['version']).toBeGreaterThanOrEqual(5);
    expect((await taskRow(t, tenant, summaries[0]!.id))['version']).toBe(3);
    const failed = await taskRow(t, tenant, unknown.id);
    expect(failed['status']).toBe('failed');
    expect(failed['error']).toEqual({ message: 'this worker cannot do translate tasks' });
    expect((await taskRow(t, tenant, elsewhere.id))['status']).toBe('pending');

    const [session] =
      await t.owner`select status, status_reason from sessions where tenant_id = ${tenant} and id = ${result.sessionId}`;
    expect(session).toEqual({ status: 'completed', status_reason: 'worker stopped' });
    expect((await auditEvents(t, tenant, result.sessionId)).map((e) => e.action)).toEqual([
      'session.created',
      'session.status_changed',
      'session.status_changed',
    ]);
    expect((await auditEvents(t, tenant, unknown.id)).map((e) => e.action)).toEqual([
      'task.created',
      'task.claimed',
      'task.failed',
    ]);
  }, 60_000);

  it('runs as the README shows: TOKEN=... npx tsx clients/typescript/examples/agent-worker.ts --until-idle', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'tasks:write');
    const task = await newTask(api, { type: 'summarize', to_agent_role: 'writer', input: { url: 'q3.pdf' } });
    const token = await t.token(tenant, ['sessions:write', 'tasks:write']);
    const root = new URL('..', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'clients/typescript/examples/agent-worker.ts', '--until-idle'],
      { cwd: root, env: { ...process.env, TOKEN: token, SWITCHBOARD_URL: baseUrl } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ completed: 1, failed: 0, lost: 0 });
    const row = await taskRow(t, tenant, task.id);
    expect(row['status']).toBe('completed');
    expect(row['output']).toEqual({ summary: 'A summary of q3.pdf.' });
  });
});
