import { z } from 'zod';
import { ERROR_CODE_LIST, ERROR_CODES, type ErrorCode } from './problem.js';

/** Shared zod pieces: the problem body, ids, timestamps, JSON objects and the common headers. */

export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('URI identifying the problem type: urn:problem:switchboard:<code>.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.enum(ERROR_CODE_LIST).describe('Stable, machine-readable error code.'),
    request_id: z.string().describe('The X-Request-Id of the request, for support and logs.'),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Every offending field, for validation errors.'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details. Extension members depend on the code (e.g. allowed_transitions).',
    examples: [
      {
        type: 'urn:problem:switchboard:invalid_transition',
        title: 'Invalid state transition',
        status: 409,
        detail: 'cannot move from completed to active',
        code: 'invalid_transition',
        request_id: '0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11',
        current_status: 'completed',
        allowed_transitions: [],
      },
    ],
  });

const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: every offending field is listed in `errors`.',
  401: 'Missing or invalid bearer token (see WWW-Authenticate).',
  403: 'The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request).',
  404: "No such resource in the caller's tenant.",
  409: "Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use.",
  412: 'If-Match does not match the current version.',
  413: 'Body too large.',
  415: 'Unsupported Content-Type (send application/json).',
  422: 'Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action.',
  429: 'Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds.',
  431: 'Request headers too large.',
  500: 'Unexpected server error; nothing internal is disclosed.',
  503: 'Database unavailable, or the server is shutting down; retry after Retry-After seconds.',
};

/** The documented problem response for an HTTP status, listing the codes it can carry. */
export function problemResponse(status: number) {
  const codes = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => ERROR_CODES[c][0] === status);
  return {
    description: `${STATUS_DESCRIPTIONS[status] ?? 'Error.'} Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  };
}

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, problemResponse(s)]));

export const Uuid = z.uuid({ error: 'must be a UUID' });
export const IdParams = z.object({ id: Uuid.describe('Resource id (UUIDv7).') });

export const Timestamp = z.iso.datetime({ offset: true });
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `d.toISOString()`, built from the UTC fields: the same text, about 2.5x faster in V8, which
 * counts on a list page (five timestamps per row). Years outside 1000–9999, which toISOString
 * pads or signs, go to toISOString.
 */
export function iso(d: Date): string {
  const year = d.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return d.toISOString();
  return `${year}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())}.${three(d.getUTCMilliseconds())}Z`;
}
export const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

/** A JSON object of free-form fields (metadata, input, output, details). */
export const JsonObject = z.record(z.string(), z.unknown());

export const Reason = z.string().trim().min(1).max(1000);

export const ReasonBody = z
  .strictObject({
    reason: Reason.optional().describe('Why; stored as status_reason and in the audit event.'),
  })
  .nullish();

export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .describe('The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on.'),
});
