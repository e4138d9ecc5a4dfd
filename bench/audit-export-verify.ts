/**
 * Export and verify of 1,000,000 audit events (`npx tsx bench/audit-export-verify.ts [count]`).
 *
 * Starts an embedded PostgreSQL in a temporary directory, seeds one tenant's chain in SQL, starts
 * the server in a child process (the app on 127.0.0.1:0, real JWT auth), then streams
 * GET /v1/audit-events/export over HTTP (counting lines, discarding them) and calls
 * GET /v1/audit-events/verify. Prints events/s for each and the server's peak RSS growth over
 * its RSS after a warm-up, sampled from /proc every 10 ms. Target: growth < 100 MB.
 * Stops everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { startEmbedded } from '../src/db/embedded.js';
import { expectedMigrations, migrate } from '../src/db/migrate.js';
import { mintToken } from '../src/http/auth/mint.js';
import { systemClock } from '../src/lib/clock.js';
import { ensureTenant } from '../src/modules/tenants/service.js';
import { seedAuditEvents } from '../test/helpers/seed-audit.js';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256!';
const TENANT = 'bench';
const MB = 1024 * 1024;

/** Child mode: the server alone, on the database of BENCH_DATABASE_URL, until SIGTERM. */
async function serve() {
  const database = createDatabase({ url: process.env['BENCH_DATABASE_URL']!, appRole: null });
  const config = loadConfig({ AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' });
  const app = await buildApp({ config, database, expectedMigrations: expectedMigrations() });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.once('SIGTERM', async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
}

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

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Runs `fn` (returning how many events it handled) and prints its rate and the server's peak RSS growth. */
async function timed(label: string, pid: number, fn: () => Promise<number>): Promise<void> {
  const before = await rssOf(pid);
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssOf(pid));
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const started = performance.now();
  const events = await fn();
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  console.log(
    `${label.padEnd(7)} ${events} events in ${seconds.toFixed(1)} s: ${Math.round(events / seconds)} events/s; ` +
      `server peak RSS growth ${((peak - before) / MB).toFixed(1)} MB (from ${Math.round(before / MB)} to ${Math.round(peak / MB)} MB)`,
  );
}

async function main(count: number) {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  const embedded = await startEmbedded({ dataDir: dir });
  const owner = postgres(embedded.ownerUrl, { max: 1, onnotice: () => {} });
  let server: ChildProcess | undefined;
  try {
    await migrate(embedded.ownerUrl);
    // Requests log in as the application role, as with the embedded server in production.
    const appUrl = await embedded.appUrl();
    const database = createDatabase({ url: appUrl, appRole: null });
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
    await database.close();
    const started = performance.now();
    await seedAuditEvents(owner, TENANT, count);
    await owner`vacuum analyze audit_events`;
    console.log(`seeded ${count} events in SQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    server = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve'], {
      env: { ...process.env, BENCH_DATABASE_URL: appUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [first] = await once(createInterface({ input: server.stdout! }), 'line');
    const base = (JSON.parse(first as string) as { url: string }).url.replace('localhost', '127.0.0.1');
    const pid = server.pid!;
    const token = await mintToken({
      secret: SECRET,
      subject: 'bench',
      tenant: TENANT,
      scopes: ['audit:read'],
      expiresInSeconds: 3600,
    });

    // Warm-up (JIT, pools, buffers) before the baseline.
    await exportAll(base, token, '?to_seq=20000');
    await verify(base, token, '?to_seq=20000');

    await timed('export', pid, async () => {
      const lines = await exportAll(base, token);
      if (lines !== count + 1) throw new Error(`export returned ${lines} lines, expected ${count + 1}`);
      return lines;
    });
    await timed('verify', pid, async () => {
      const result = await verify(base, token);
      if (!result.ok || result.checked !== count + 1) throw new Error(`verify: ${JSON.stringify(result)}`);
      return result.checked;
    });
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await owner.end();
    await embedded.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) await serve();
else await main(Number(process.argv[2] ?? 1_000_000));
