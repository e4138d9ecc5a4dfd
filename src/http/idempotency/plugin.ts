import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTenantTx } from '../../db/tenant-tx.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { addSeconds } from '../../lib/clock.js';
import { Problem } from '../problem.js';
import { addRouteHook, takesIdempotencyKey } from '../route-hooks.js';
import * as repo from './repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key this request holds, until its response is recorded. */
    idempotencyKey?: string | undefined;
  }
}

const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const;

const requestHash = (req: FastifyRequest) =>
  createHash('sha256')
    .update(`${req.method} ${req.url}\n${canonicalJson(req.body ?? null)}`)
    .digest('hex');

function replay(
  reply: FastifyReply,
  record: {
    responseStatus: number | null;
    responseHeaders: Record<string, string> | null;
    responseBody: string | null;
  },
) {
  reply
    .code(record.responseStatus ?? 200)
    .headers(record.responseHeaders ?? {})
    .header('idempotent-replayed', 'true');
  return reply.serializer((x) => x as string).send(record.responseBody ?? '');
}

/**
 * Idempotency-Key on every POST (IETF draft "The Idempotency-Key HTTP Header Field"). The first
 * request with a key claims it; its change commits together with a "committed" mark on the key,
 * and its response is recorded before it is sent. A retry with the same key and body gets the
 * recorded response with `Idempotent-Replayed: true`; with another body, 422; while the first is
 * still in flight, 409. Keys are per tenant and live IDEMPOTENCY_TTL_SECONDS. The hooks are on
 * the routes that take the header (takesIdempotencyKey, as documented), not on every request.
 */
export function registerIdempotency(app: FastifyInstance) {
  app.decorateRequest('idempotencyKey', undefined);

  addRouteHook(app, 'preHandler', takesIdempotencyKey, async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.ctx?.tenantId) return;
    const ctx = req.ctx;
    const now = ctx.clock.now();
    const hash = requestHash(req);
    const [claimed, [existing]] = await withTenantTx(ctx, (tx) =>
      tx.commit(
        repo.claim(tx, {
          tenantId: ctx.tenantId,
          key,
          requestHash: hash,
          now,
          // How long a request may hold its key before another may take it over (if nothing was committed).
          lockedUntil: addSeconds(now, ctx.config.IDEMPOTENCY_LOCK_SECONDS),
          expiresAt: addSeconds(now, ctx.config.IDEMPOTENCY_TTL_SECONDS),
        }),
        repo.find(tx, ctx.tenantId, key),
      ),
    );
    if (claimed.length > 0) {
      req.idempotencyKey = key;
      ctx.onCommit = (tx) => repo.markCommitted(tx, ctx.tenantId, key);
      return;
    }
    if (!existing)
      throw new Problem(
        'idempotency_key_in_use',
        'the key is being claimed concurrently; retry',
        {},
        { 'retry-after': '1' },
      );
    if (existing.requestHash !== hash) {
      throw new Problem('idempotency_key_reused', 'this Idempotency-Key was used with a different request', {
        errors: [
          { path: 'headers.idempotency-key', message: 'already used with a different method, path or body' },
        ],
      });
    }
    if (existing.state === 'completed') return replay(reply, existing);
    if (existing.state === 'in_flight' || existing.lockedUntil > now) {
      throw new Problem(
        'idempotency_key_in_use',
        'a request with this Idempotency-Key is still in flight',
        {},
        { 'retry-after': '1' },
      );
    }
    throw new Problem(
      'idempotency_response_lost',
      'the request with this Idempotency-Key was committed, but the server stopped before recording its response; read the resource instead of retrying',
    );
  });

  addRouteHook(
    app,
    'onSend',
    takesIdempotencyKey,
    async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const key = req.idempotencyKey;
      if (!key) return payload;
      req.idempotencyKey = undefined;
      const ctx = req.ctx;
      ctx.onCommit = undefined;
      try {
        if (reply.statusCode >= 500) {
          await withTenantTx(ctx, (tx) => tx.commit(repo.release(tx, ctx.tenantId, key)));
        } else {
          const headers: Record<string, string> = {};
          for (const name of REPLAYED_HEADERS) {
            const value = reply.getHeader(name);
            if (value !== undefined) headers[name] = String(value);
          }
          const body =
            typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
          await withTenantTx(ctx, (tx) =>
            tx.commit(
              repo.complete(tx, ctx.tenantId, key, {
                status: reply.statusCode,
                headers,
                body,
                now: ctx.clock.now(),
              }),
            ),
          );
        }
      } catch (error) {
        // The response still goes out; a retry with the key gets 409 instead of a second execution.
        req.log.error({ err: error }, 'could not record the idempotent response');
      }
      return payload;
    },
  );
}
