/**
 * Export and verify of 1,000,000 audit events (`npx tsx bench/audit-export-verify.ts [count]`).
 *
 * Starts an embedded PostgreSQL in a temporary directory, seeds one tenant's chain in SQL, starts
 * the app on 127.0.0.1 with real JWT auth, then streams GET /v1/audit-events/export over HTTP
 * (counting lines, discarding them) and calls GET /v1/audit-events/verify. Prints events/s for
 * each and the peak growth of this process's RSS (server and client share it; the client only
 * counts bytes) over a baseline taken after a warm-up. Target: growth < 100 MB. Stops everything.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { startEmbedded } from '../src/db/embedded.js';
import { expectedMigrations, migrate } from '../src/db/migrate.js';
import { mintToken } from '../src/http/auth/mint.js';
import { systemClock } from '../src/lib/clock.js';
import { ensureTenant } from '../src/modules/tenants/service.js';
import { seedAuditEvents } from '../test/helpers/seed-audit.js';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const SECRET = 'bench-secret-that-is-long-enough-for-hs256!';
const TENANT = 'bench';
const MB = 1024 * 1024;

function get(url: string, token: string, onData: (chunk: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      res.on('data', onData);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

async function exportAll(base: string, token: string, query = ''): Promise<number> {
  let lines = 0;
  const status = await get(`${base}/v1/audit-events/export${query}`, token, (chunk) => {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  });
  if (status !== 200) throw new Error(`export answered ${status}`);
  return lines;
}

async function verify(base: string, token: string, query = ''): Promise<{ ok: boolean; checked: number }> {
  let body = '';
  const status = await get(`${base}/v1/audit-events/verify${query}`, token, (chunk) => {
    body += chunk.toString('utf8');
  });
  if (status !== 200) throw new Error(`verify answered ${status}: ${body}`);
  return JSON.parse(body);
}

/** Runs `fn`, which returns how many events it handled, and prints its rate and peak RSS growth. */
async function timed(label: string, fn: () => Promise<number>): Promise<void> {
  const before = process.memoryUsage().rss;
  peak = before;
  const started = performance.now();
  const events = await fn();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(7)} ${events} events in ${seconds.toFixed(1)} s: ${Math.round(events / seconds)} events/s; ` +
      `peak RSS growth ${((peak - before) / MB).toFixed(1)} MB (rss ${Math.round(peak / MB)} MB)`,
  );
}

const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
const embedded = await startEmbedded({ dataDir: dir });
await migrate(embedded.ownerUrl);
// Requests log in as the application role, as with the embedded server in production.
const database = createDatabase({ url: await embedded.appUrl(), appRole: null });
const owner = (await import('postgres')).default(embedded.ownerUrl, { max: 1, onnotice: () => {} });
try {
  const config = loadConfig({ AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' });
  const app = await buildApp({ config, database, expectedMigrations: expectedMigrations() });
  const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  try {
    await ensureTenant(
      {
        db: database,
        clock: systemClock,
        actor: { type: 'system', id: 'bench' },
        requestId: '',
        traceId: 'b'.repeat(32),
      },
      TENANT,
      'Bench',
    );
    const started = performance.now();
    await seedAuditEvents(owner, TENANT, COUNT);
    await owner`vacuum analyze audit_events`;
    console.log(`seeded ${COUNT} events in SQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const token = await mintToken({
      secret: SECRET,
      subject: 'bench',
      tenant: TENANT,
      scopes: ['audit:read'],
      expiresInSeconds: 3600,
    });

    // Warm-up: JIT, pools and buffers, before the baseline.
    await exportAll(base, token, '?to_seq=20000');
    await verify(base, token, '?to_seq=20000');

    await timed('export', async () => {
      const lines = await exportAll(base, token);
      if (lines !== COUNT + 1) throw new Error(`export returned ${lines} lines, expected ${COUNT + 1}`);
      return lines;
    });
    await timed('verify', async () => {
      const result = await verify(base, token);
      if (!result.ok || result.checked !== COUNT + 1) throw new Error(`verify: ${JSON.stringify(result)}`);
      return result.checked;
    });
  } finally {
    await app.close();
  }
} finally {
  clearInterval(sampler);
  await owner.end();
  await database.close();
  await embedded.stop();
  await rm(dir, { recursive: true, force: true });
}
