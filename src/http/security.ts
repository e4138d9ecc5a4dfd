import type { Socket } from 'node:net';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { type ErrorCode, problemType } from './problem.js';

/** Headers an API client may read across origins. */
const EXPOSED = [
  'etag',
  'location',
  'x-request-id',
  'idempotent-replayed',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

/** CORS is off unless CORS_ORIGINS lists the origins allowed to call the API from a browser. */
export async function registerCors(app: FastifyInstance, origins: string[]) {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: origins,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'OPTIONS'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'if-match',
      'x-request-id',
      'traceparent',
    ],
    exposedHeaders: EXPOSED,
    maxAge: 600,
  });
}

/**
 * Every response: no MIME sniffing. The docs page also gets a CSP (from swagger-ui) and no framing.
 * Set when the request arrives (errors and 404s included), which spares every request a pass
 * through an onSend hook.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (req.url.startsWith('/docs')) {
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
    }
    done();
  });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, malformed
 * requests) are answered as problems too, instead of an empty 400.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, code, detail]: [number, string, ErrorCode, string] = tooLarge
    ? [
        431,
        'Request Header Fields Too Large',
        'headers_too_large',
        'the request headers are larger than the server accepts (16 KiB)',
      ]
    : [400, 'Bad Request', 'validation_failed', 'the request is not valid HTTP'];
  const body = JSON.stringify({
    type: problemType(code),
    title: reason,
    status,
    detail,
    code,
    request_id: '',
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
