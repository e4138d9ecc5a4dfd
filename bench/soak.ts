/**
 * The soak (`npm run bench -- --soak`): the product alone under a steady mix of creates, reads
 * and list pages for five minutes, its RSS sampled every 10 s. Passes when RSS stays under
 * 250 MB and does not grow: the last minute's mean within 10% (and 20 MB) of the second's.
 */
import { measure } from './lib/load.js';
import { rssOf, type Server } from './lib/servers.js';
import type { Fixtures } from './scenarios.js';

const MB = 1024 * 1024;

export async function soak(product: Server, f: Fixtures, seconds: number, log: (m: string) => void) {
  const samples: { s: number; rssMb: number }[] = [];
  const started = performance.now();
  const timer = setInterval(async () => {
    const rssMb = Math.round((await rssOf(product.pid)) / MB);
    const s = Math.round((performance.now() - started) / 1000);
    samples.push({ s, rssMb });
    log(`soak ${s} s: RSS ${rssMb} MB`);
  }, 10_000);
  const token = f.tokens.get('bench')!;
  const pick = () => f.benchIds[Math.floor(Math.random() * f.benchIds.length)]!;
  const load = await measure({
    url: product.url,
    pid: product.pid,
    connections: 16,
    seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'POST',
        path: '/v1/sessions',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agent_role: 'soak', metadata: { n: 1 } }),
      },
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `/v1/sessions/${pick()}` }) },
      { method: 'GET', path: '/v1/sessions?page_size=20' },
    ],
  });
  clearInterval(timer);
  const mean = (xs: { rssMb: number }[]) => xs.reduce((a, x) => a + x.rssMb, 0) / Math.max(1, xs.length);
  const early = samples.filter((x) => x.s > 10 && x.s <= 70);
  const late = samples.filter((x) => x.s > seconds - 60);
  const result = {
    seconds,
    ...load,
    rss_start_mb: samples[0]?.rssMb,
    rss_after_1min_mb: Math.round(mean(early)),
    rss_end_mb: samples.at(-1)?.rssMb,
    rss_max_mb: Math.max(...samples.map((x) => x.rssMb)),
    samples,
  };
  const growth = mean(late) - mean(early);
  const ok = result.rss_max_mb < 250 && growth < Math.max(20, 0.1 * mean(early));
  log(
    `soak: ${load.rps} req/s over ${seconds} s, non-2xx ${load.non2xx}; RSS start ${result.rss_start_mb} MB, ` +
      `after 1 min ${result.rss_after_1min_mb} MB, end ${result.rss_end_mb} MB, max ${result.rss_max_mb} MB: ${ok ? 'OK' : 'FAILED'}`,
  );
  return { ...result, ok };
}
