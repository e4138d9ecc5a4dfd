import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServer, root, startServer, stopServer } from './helpers/server.js';

/*
 * The README's promise, checked end to end: `npm start` (here: node --import tsx src/server.ts)
 * starts its own PostgreSQL in DATA_DIR, migrates, listens, prints a token and a curl command;
 * the walkthrough works with that token; SIGTERM stops the server and its database cleanly; a
 * second start reuses the data directory.
 */
let dataDir: string;
const start = () => startServer(dataDir);
const stop = stopServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-e2e-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the README walkthrough, stops cleanly on SIGTERM, and restarts on the same data', async () => {
    const first = await start();
    try {
      expect(first.output()).toContain(`API docs:   ${first.url}/docs`);
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      const auth = { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' };
      const created = await fetch(`${first.url}/v1/sessions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ agent_role: 'planner' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect(
        (
          await fetch(`${first.url}/v1/sessions/${id}/activate`, {
            method: 'POST',
            headers: { authorization: auth.authorization },
          })
        ).status,
      ).toBe(200);
      const done = await fetch(`${first.url}/v1/sessions/${id}/complete`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ reason: 'done' }),
      });
      expect(((await done.json()) as { status: string }).status).toBe('completed');
      const list = (await (
        await fetch(`${first.url}/v1/sessions?status=completed`, { headers: auth })
      ).json()) as { data: { id: string }[] };
      expect(list.data.map((s) => s.id)).toContain(id);
      const events = (await (
        await fetch(`${first.url}/v1/audit-events?resource_id=${id}`, { headers: auth })
      ).json()) as { data: { action: string }[] };
      expect(events.data.map((e) => e.action)).toEqual([
        'session.created',
        'session.status_changed',
        'session.status_changed',
      ]);
      const docs = await fetch(`${first.url}/docs/`);
      expect(docs.status).toBe(200);

      // npm run token mints with the same generated secret.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/token.ts', '--tenant', 'demo', '--scope', 'sessions:read'],
        {
          cwd: root,
          env: { ...process.env, DATA_DIR: dataDir },
        },
      );
      const minted = await fetch(`${first.url}/v1/sessions`, {
        headers: { authorization: `Bearer ${stdout.trim()}` },
      });
      expect(minted.status).toBe(200);
    } finally {
      expect(await stop(first)).toBe(0);
    }
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await start();
    try {
      const list = await fetch(`${second.url}/v1/sessions?status=completed`, {
        headers: { authorization: `Bearer ${second.token}` },
      });
      expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1);
      console.info(`npm start ready in ${first.ms} ms on a first run, ${second.ms} ms on a second`);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 120_000);
});

describe('after kill -9', () => {
  it('the next start stops the PostgreSQL the killed server left behind, and nothing acknowledged is lost', async () => {
    const first = await start();
    const auth = { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' };
    const created = await fetch(`${first.url}/v1/sessions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ agent_role: 'survivor' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await killServer(first);
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    const leftover = Number((await import('node:fs')).readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(() => process.kill(leftover, 0)).not.toThrow(); // the orphan is still running

    const second = await start();
    try {
      expect(() => process.kill(leftover, 0)).toThrow();
      const got = await fetch(`${second.url}/v1/sessions/${id}`, {
        headers: { authorization: `Bearer ${second.token}` },
      });
      expect(got.status).toBe(200);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 120_000);
});

describe('the README walkthrough', () => {
  it('runs as written against a fresh server, and answers what the README says', async () => {
    const readme = (await import('node:fs')).readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- walkthrough:start -->'),
      readme.indexOf('<!-- walkthrough:end -->'),
    );
    const script = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
    expect(script).toContain('B=http://127.0.0.1:3000');
    const server = await start();
    try {
      const out = join(dataDir, 'audit.ndjson');
      const runnable = script
        .replace('B=http://127.0.0.1:3000', `B=${server.url}`)
        .replace('-o audit.ndjson', `-o ${out}`);
      const { stdout } = await promisify(execFile)('bash', ['-c', runnable], {
        cwd: root,
        env: { ...process.env, TOKEN: server.token, DATA_DIR: dataDir },
        maxBuffer: 10 * 1024 * 1024,
      }).catch((e: { stdout: string; code: number }) => ({ stdout: e.stdout, code: e.code }));
      for (const expected of [
        '"status":"completed"',
        '"code":"invalid_transition"',
        '"status":"running"',
        '"output":{"summary":"Revenue up 12%."}',
        '"code":"self_approval_forbidden"',
        '"status":"approved"',
        '"action":"deploy.started"',
        '"ok":true',
        'event: audit_event',
      ]) {
        expect(stdout, expected).toContain(expected);
      }
      const lines = (await import('node:fs')).readFileSync(out, 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) expect(JSON.parse(line)).toHaveProperty('hash');
    } finally {
      expect(await stop(server)).toBe(0);
    }
  }, 120_000);
});
