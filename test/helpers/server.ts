import { type ChildProcess, spawn } from 'node:child_process';

/** The project root, where `npm start` runs. */
export const root = new URL('../..', import.meta.url).pathname;

export interface StartedServer {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
  ms: number;
}

/**
 * Starts the real server as `npm start` does (node --import tsx src/server.ts) on its own
 * embedded PostgreSQL in `dataDir`, and resolves once it printed its URL and demo token.
 */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<StartedServer> {
  const began = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      if (/export TOKEN=\S+/.test(out) && /curl -s/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  const token = /export TOKEN=(\S+)/.exec(out)![1]!;
  return { child, url, token, output: () => out, ms: Date.now() - began };
}

/** SIGTERM, and the exit code. */
export async function stopServer(s: StartedServer): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGTERM');
  return exited;
}

/** SIGKILL: no cleanup at all. */
export async function killServer(s: StartedServer): Promise<void> {
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGKILL');
  await exited;
}
