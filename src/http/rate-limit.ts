import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { Problem } from './problem.js';

interface Window {
  start: number;
  count: number;
}

/**
 * Per-tenant rate limit (RATE_LIMIT_PER_MINUTE; 0 = off): one fixed one-minute window per tenant,
 * across all routes, counted in this process (behind several processes the effective limit is
 * per process). Runs after authentication, so the tenant is known; admin calls without a tenant
 * count against the token's subject. Over the limit: 429 with Retry-After.
 */
export function registerRateLimit(app: FastifyInstance, perMinute: number, now: () => number = Date.now) {
  if (perMinute <= 0) return;
  const windows = new LRUCache<string, Window>({ max: 100_000 });
  app.addHook('preValidation', async (req, reply) => {
    if (!req.ctx) return; // public routes
    const key = req.ctx.tenantId || `subject:${req.ctx.actor.id}`;
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    const reset = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    reply.header('x-ratelimit-limit', perMinute);
    reply.header('x-ratelimit-remaining', Math.max(0, perMinute - w.count));
    reply.header('x-ratelimit-reset', reset);
    if (w.count > perMinute) {
      throw new Problem(
        'rate_limited',
        `more than ${perMinute} requests this minute for this tenant; retry after ${reset} s`,
        {},
        { 'retry-after': String(reset) },
      );
    }
  });
}
