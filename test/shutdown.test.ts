import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAuditEvents } from './helpers/seed-audit.js';
import { startServer } from './helpers/server.js';

/*
 * Graceful shutdown: SIGTERM turns /readyz to 503 at once while requests are still served for
 * SHUTDOWN_DELAY_SECONDS; then an in-flight request (a slow reader's export) drains to its end,
 * and the server stops its embedded database and exits 0.
 */
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-shutdown-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('fails readiness, keeps serving for the delay, drains an in-flight export, and exits 0', async () => {
    const server = await startServer(dataDir, {
      LOG_LEVEL: 'info',
      SHUTDOWN_DELAY_SECONDS: '2',
      SHUTDOWN_GRACE_SECONDS: '30',
    });
    const port = Number(/"port":(\d+)[^\n]*embedded PostgreSQL started/.exec(server.output())![1]);
    const { superuserPassword } = JSON.parse(readFileSync(join(dataDir, 'pg-credentials.json'), 'utf8'));
    const owner = postgres(`postgres://postgres:${superuserPassword}@127.0.0.1:${port}/switchboard`, {
      max: 1,
      onnotice: () => {},
    });
    await seedAuditEvents(owner, 'demo', 20_000);
    await owner.end();
    const auth = { authorization: `Bearer ${server.token}` };

    // A slow reader: read one chunk of the export, then stop reading.
    const exported = await fetch(`${server.url}/v1/audit-events/export`, { headers: auth });
    expect(exported.status).toBe(200);
    const reader = exported.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);

    const exit = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { shutting_down: true } });
    expect((await fetch(`${server.url}/v1/sessions`, { headers: auth })).status).toBe(200); // still serving

    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const lines = text.trim().split('\n');
    expect(lines.length).toBe(20_001); // the demo tenant's tenant.created, then the seeded events
    expect(JSON.parse(lines.at(-1)!).seq).toBe(20_001);

    expect(await exit).toBe(0);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
