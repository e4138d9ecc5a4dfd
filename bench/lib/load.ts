/**
 * One measurement: autocannon against one server for a fixed time, with the server's resident
 * memory sampled from /proc while it runs (the runner warms each server up first, `warmUp`).
 */
import autocannon from 'autocannon';
import { cpuMsOf, machineTicks, postgresCpuMs, rssOf } from './servers.js';

export type Request = autocannon.Request;

export interface LoadOptions {
  url: string;
  pid: number;
  requests: Request[];
  connections: number;
  seconds: number;
  /** Headers on every request (e.g. the token). */
  headers?: Record<string, string>;
  /**
   * Requests per second for all connections together, instead of as many as the server answers:
   * for A/B runs, where CPU per request is compared at the same load (at full load it falls as
   * throughput rises, since more work is batched per turn of the event loop).
   */
  rate?: number | undefined;
  /** The database's WAL written so far, in bytes (cluster-wide, as pg_stat_wal counts it). */
  walBytes?: (() => Promise<number>) | undefined;
}

export interface Measurement {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  rssMb: number;
  /**
   * The server's CPU time per request, in microseconds. Throughput on a shared machine moves with
   * what else runs; the CPU a request costs the server moves much less, so it is what an
   * optimization of the server's own code is judged by.
   */
  cpuUs: number;
  /** PostgreSQL's CPU time per request (all its processes), in microseconds. */
  dbCpuUs: number;
  /**
   * WAL bytes the database wrote per request (0 for reads, or when not measured): what a write
   * makes durable, the session and its audit event in every index of both, for example. Like
   * dbCpuUs it counts the whole cluster, autovacuum included.
   */
  walBytes: number;
  /**
   * How busy the whole machine was while the load ran, in percent of all its cores (server,
   * database and load generator together). With it, a change of rate between two scenarios
   * splits into more of the machine used and cheaper requests (see the 20-tenant ratio in
   * table.ts): near 100%, only cheaper requests can make a scenario faster.
   */
  machineBusyPct: number;
  /** Responses per status code other than 2xx (what went wrong, when something did). */
  failures: Record<string, number>;
}

const MB = 1024 * 1024;

function fire(o: LoadOptions, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: seconds,
        requests: o.requests,
        headers: o.headers ?? {},
        ...(o.rate ? { overallRate: o.rate } : {}),
        // Responses are read and dropped; a slow or failed response is counted, never retried.
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** The load for `seconds`, unmeasured. */
export async function warmUp(o: LoadOptions, seconds: number): Promise<void> {
  await fire(o, seconds);
}

export async function measure(o: LoadOptions): Promise<Measurement> {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssOf(o.pid));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const wal = o.walBytes ?? (async () => 0);
  const [cpuBefore, dbBefore, ticksBefore, walBefore] = await Promise.all([
    cpuMsOf(o.pid),
    postgresCpuMs(),
    machineTicks(),
    wal(),
  ]);
  const result = await fire(o, o.seconds);
  const [cpuAfter, dbAfter, ticksAfter, walAfter] = await Promise.all([
    cpuMsOf(o.pid),
    postgresCpuMs(),
    machineTicks(),
    wal(),
  ]);
  const ticks = ticksAfter.total - ticksBefore.total;
  const cpuMs = cpuAfter - cpuBefore;
  const dbMs = dbAfter - dbBefore;
  const perRequest = (ms: number) =>
    result.requests.total > 0 ? Math.round((ms * 1000) / result.requests.total) : 0;
  sampling = false;
  await sampler;
  return {
    rps: Math.round(result.requests.total / o.seconds),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rssMb: Math.round(peak / MB),
    failures: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, stat]) => [code, stat?.count ?? 0]),
    ),
    cpuUs: perRequest(cpuMs),
    dbCpuUs: perRequest(dbMs),
    walBytes: result.requests.total > 0 ? Math.round((walAfter - walBefore) / result.requests.total) : 0,
    machineBusyPct: ticks > 0 ? Math.round((100 * (ticksAfter.busy - ticksBefore.busy)) / ticks) : 0,
  };
}
