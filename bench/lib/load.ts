/**
 * One measurement: autocannon against one server for a fixed time, after a short warm-up, with
 * the server's resident memory sampled from /proc while it runs.
 */
import autocannon from 'autocannon';
import { rssOf } from './servers.js';

export type Request = autocannon.Request;

export interface LoadOptions {
  url: string;
  pid: number;
  requests: Request[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Headers on every request (e.g. the token). */
  headers?: Record<string, string>;
}

export interface Measurement {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  rssMb: number;
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
        // Responses are read and dropped; a slow or failed response is counted, never retried.
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

export async function measure(o: LoadOptions): Promise<Measurement> {
  if (o.warmupSeconds > 0) await fire(o, o.warmupSeconds);
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssOf(o.pid));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const result = await fire(o, o.seconds);
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
  };
}
