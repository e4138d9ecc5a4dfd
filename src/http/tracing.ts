import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** X-Request-Id is accepted when it is a sane token, generated otherwise, and echoed on every response. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The trace id of a W3C traceparent header, if it is valid (version ff and all-zero ids are not). */
export function traceIdFrom(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!m || m[1] === 'ff' || /^0+$/.test(m[2]!) || /^0+$/.test(m[3]!)) return undefined;
  return m[2];
}

// Trace ids come from a pool of random bytes refilled 256 ids at a time: one randomBytes(16) per
// request was 2.5% of the server's CPU on GET /v1/sessions/{id} (bench --cpu-prof).
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** A new random W3C trace id (32 hex digits). */
export function newTraceId(): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(16 * POOL_IDS);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + 16);
  offset += 16;
  return /^0+$/.test(id) ? newTraceId() : id;
}
