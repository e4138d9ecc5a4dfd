import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Metrics } from '../metrics/registry.js';
import { bearerChallenge } from './auth/verifier.js';
import { Problem } from './problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics; `app.metrics.recordSweep` is the scheduler's `onSweep` callback. */
    metrics: Metrics;
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const CLAIM_ROUTE = '/v1/tasks/claim';

/**
 * The route label: the template that matched (`/v1/sessions/:id`), never the raw URL, which
 * carries ids and whatever a scanner makes up. Unknown URLs all share one label.
 */
const routeOf = (req: FastifyRequest) => req.routeOptions.url ?? 'unmatched';

const claimResult = (status: number) =>
  status === 200 ? 'claimed' : status === 204 ? 'empty' : status < 500 ? 'refused' : 'error';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Request metrics for every route, and GET /metrics (Prometheus text format). /metrics is
 * public unless METRICS_TOKEN is set, in which case it wants `Authorization: Bearer <token>`; it
 * shows no tenant, id or token, only route templates and counts (docs/operations.md).
 */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, o: { token?: string | undefined }) {
  app.decorate('metrics', metrics);
  const expected = o.token === undefined ? undefined : digest(`Bearer ${o.token}`);

  const left = () => {
    metrics.inFlight--;
  };
  app.addHook('onRequest', (_req, reply, done) => {
    metrics.inFlight++;
    // 'close' comes once per response, also when the client goes away before it is sent.
    reply.raw.on('close', left);
    done();
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = routeOf(req);
    const status = reply.statusCode;
    const labels = { method: METHODS.has(req.method) ? req.method : 'OTHER', route, status: String(status) };
    const seconds = reply.elapsedTime / 1000;
    metrics.requests.inc(labels);
    metrics.requestDuration.observe(labels, seconds);
    if (reply.getHeader('idempotent-replayed') === 'true') {
      metrics.idempotentReplays.inc({ route });
    } else if (route === CLAIM_ROUTE && req.method === 'POST') {
      const result = claimResult(status);
      metrics.taskClaims.inc({ result });
      metrics.taskClaimDuration.observe({ result }, seconds);
    }
    done();
  });

  app.get(
    '/metrics',
    { schema: { hide: true }, config: { public: true }, logLevel: 'warn' },
    async (req, reply) => {
      if (expected) {
        const given = req.headers.authorization;
        if (!given || !timingSafeEqual(digest(given), expected)) {
          throw new Problem(
            given ? 'invalid_token' : 'unauthenticated',
            'GET /metrics wants Authorization: Bearer <METRICS_TOKEN>',
            {},
            { 'www-authenticate': bearerChallenge(given ? 'invalid_token' : undefined) },
          );
        }
      }
      return reply.type(metrics.contentType).send(await metrics.text());
    },
  );
}
