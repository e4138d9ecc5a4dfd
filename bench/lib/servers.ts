/**
 * The servers under test, each in a child process of its own (the load generator must not share
 * their event loop): ready when they send their URL over IPC (the peer: when its port answers),
 * stopped with SIGTERM (then SIGKILL) by the runner.
 *
 * The product and the floors run compiled by tsc (`tsconfig.bench.json`, into bench/.build), as
 * the Docker image runs the product, or with `--tsx` under tsx's loader, as `npm run dev` does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/db/embedded.js';

export interface Server {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const root = here('../../');

/** How the product and the floors run: compiled JavaScript on node, or TypeScript under tsx. */
export type Runtime = 'node' | 'tsx';
let runtime: Runtime = 'node';

/**
 * Compiles the product and the floors of `dir` (this checkout, or a baseline's) into
 * `dir`/bench/.build, unless they are to run under tsx. A baseline checkout older than
 * tsconfig.bench.json gets this one.
 */
export async function prepareRuntime(how: Runtime, dir = root) {
  runtime = how;
  if (how === 'tsx') return;
  const at = dir.endsWith('/') ? dir : `${dir}/`;
  await readFile(`${at}tsconfig.bench.json`).catch(() =>
    copyFile(`${root}tsconfig.bench.json`, `${at}tsconfig.bench.json`),
  );
  const tsc = spawn(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.bench.json'],
    {
      cwd: at,
      stdio: 'inherit',
    },
  );
  const [code] = await once(tsc, 'exit');
  if (code !== 0) throw new Error(`tsc -p tsconfig.bench.json failed in ${at}`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * How a server's node runs: flags of its own (`--cpu-prof`, `--trace-opt`), and a file for its
 * stdout (its log lines, and what V8's tracing flags print), which is otherwise dropped.
 */
export interface Launch {
  nodeArgs?: string[];
  stdout?: string;
}

async function viaIpc(name: string, script: string, env: NodeJS.ProcessEnv, launch: Launch = {}, dir = root) {
  const nodeArgs = launch.nodeArgs ?? [];
  // One process (node, with tsx's loader or not), so that its pid is the server's.
  const entry =
    runtime === 'tsx'
      ? ['--import', 'tsx', ...nodeArgs, `${dir}bench/${script}`]
      : [...nodeArgs, `${dir}bench/.build/bench/${script.replace(/\.ts$/, '.js')}`];
  const stdout = launch.stdout ? openSync(launch.stdout, 'w') : 'ignore';
  const child = spawn(process.execPath, entry, {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
  if (typeof stdout === 'number') closeSync(stdout);
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`${name} exited with ${code} before it was ready`);
  });
  const [message] = (await Promise.race([once(child, 'message'), exited])) as [{ url: string }];
  exited.catch(() => {});
  return { name, url: message.url, pid: child.pid!, stop: () => stop(child) } satisfies Server;
}

export const startProduct = (
  databaseUrl: string,
  secret: string,
  extraEnv: NodeJS.ProcessEnv = {},
  launch: Launch = {},
) =>
  viaIpc(
    'product',
    'product/server.ts',
    { BENCH_DATABASE_URL: databaseUrl, BENCH_JWT_SECRET: secret, ...extraEnv },
    launch,
  );

/**
 * Another build of the product (`--baseline <dir>`: a checkout of an earlier commit, with
 * node_modules and this bench/product/server.ts), measured in the same run as the current one.
 */
export const startBaseline = (dir: string, databaseUrl: string, secret: string, launch: Launch = {}) =>
  viaIpc(
    'baseline',
    'product/server.ts',
    { BENCH_DATABASE_URL: databaseUrl, BENCH_JWT_SECRET: secret },
    launch,
    dir.endsWith('/') ? dir : `${dir}/`,
  );

export const startFloor = (databaseUrl: string, mode: 'sequential' | 'pipelined', launch: Launch = {}) =>
  viaIpc(
    mode === 'sequential' ? 'floor' : 'floor-pipelined',
    'floor/server.ts',
    { BENCH_DATABASE_URL: databaseUrl, FLOOR_MODE: mode },
    launch,
  );

/**
 * Platformatic DB 2.61 (bench/peer), installed there on first use with `npm ci --prefix bench/peer`.
 * It logs at its own default level, info (two lines per request, Fastify's), as the product logs
 * its one line per request at info: both as they ship. PEER_LOG_LEVEL=warn turns its lines off.
 */
export async function startPeer(databaseUrl: string): Promise<Server> {
  const dir = here('../peer/');
  const bin = `${dir}node_modules/@platformatic/db/db.mjs`;
  try {
    await readFile(bin);
  } catch {
    const install = spawn('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    const [code] = await once(install, 'exit');
    if (code !== 0) throw new Error('npm ci --prefix bench/peer failed');
  }
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'start', '-c', `${dir}platformatic.json`], {
    cwd: dir,
    env: {
      DB_POOL_MAX: '10',
      PEER_LOG_LEVEL: 'info',
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the peer exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/documentation/json`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('the peer did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name: 'peer', url, pid: child.pid!, stop: () => stop(child) };
}

export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * utime + stime from a /proc/<pid>/stat line, in ms; with `reaped`, also cutime + cstime: the CPU
 * of the children the process has waited for (exited ones, whose own counters are gone).
 */
const cpuMsIn = (stat: string, reaped = false) => {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, ...(reaped ? [13, 14] : [])].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return ticks * 10;
};

/** CPU time (user + system) the process has used, in ms, from /proc (clock ticks of 10 ms). */
export async function cpuMsOf(pid: number): Promise<number> {
  return cpuMsIn(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''));
}

/**
 * CPU time (ms) used so far by every PostgreSQL process on the machine (the postmaster and its
 * backends, whose connections the servers' pools keep open): what the database spends is the
 * other half of a request's cost on a machine it shares with the server. Backends that exited
 * (an autovacuum worker, a connection closed) count through the postmaster, which reaped them:
 * without that, one exiting between two readings made the difference negative.
 */
export async function postgresCpuMs(): Promise<number> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const stats = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')));
  return stats
    .filter((stat) => stat.includes(' (postgres) '))
    .reduce((ms, stat) => ms + cpuMsIn(stat, true), 0);
}

/**
 * The whole machine's CPU counters from /proc/stat (clock ticks): busy (everything but idle and
 * iowait) and total, summed over every core. Two readings give how busy the machine was between
 * them, the load generator included.
 */
export async function machineTicks(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}
