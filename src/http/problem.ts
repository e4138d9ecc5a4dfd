/**
 * Every error the API answers with is a Problem (RFC 9457), identified by a stable `code`.
 * The code decides the status: the table below is the single list of both, and the OpenAPI
 * document enumerates it, so a client can switch on `code` without reading prose.
 */
export const ERROR_CODES = {
  validation_failed: [400, 'Request validation failed'],
  invalid_json: [400, 'Malformed JSON body'],
  invalid_cursor: [400, 'Invalid pagination cursor'],
  unauthenticated: [401, 'Authentication required'],
  invalid_token: [401, 'Invalid access token'],
  insufficient_scope: [403, 'Insufficient scope'],
  tenant_required: [403, 'Tenant required'],
  tenant_unknown: [403, 'Unknown tenant'],
  tenant_disabled: [403, 'Tenant disabled'],
  self_approval_forbidden: [403, 'Self-approval forbidden'],
  not_found: [404, 'Resource not found'],
  route_not_found: [404, 'Route not found'],
  invalid_transition: [409, 'Invalid state transition'],
  already_exists: [409, 'Resource already exists'],
  idempotency_key_in_use: [409, 'Idempotency key in use'],
  idempotency_response_lost: [409, 'Idempotent response unavailable'],
  session_not_active: [409, 'Session not active'],
  lease_not_held: [409, 'Lease not held'],
  approval_expired: [409, 'Approval expired'],
  version_mismatch: [412, 'Precondition failed'],
  payload_too_large: [413, 'Payload too large'],
  headers_too_large: [431, 'Request header fields too large'],
  unsupported_media_type: [415, 'Unsupported media type'],
  idempotency_key_reused: [422, 'Idempotency key reused'],
  invalid_reference: [422, 'Invalid reference'],
  reserved_action: [422, 'Reserved audit action'],
  rate_limited: [429, 'Too many requests'],
  internal_error: [500, 'Internal server error'],
  database_unavailable: [503, 'Database unavailable'],
  shutting_down: [503, 'Shutting down'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export interface FieldError {
  path: string;
  message: string;
}

export class Problem extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly ext: Record<string, unknown> & { errors?: FieldError[] } = {},
    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    readonly headers: Record<string, string> = {},
  ) {
    const [status, title] = ERROR_CODES[code];
    super(detail ?? title);
    this.name = 'Problem';
    this.status = status;
    this.title = title;
  }
}

export const problemType = (code: ErrorCode) => `urn:problem:switchboard:${code}`;

export const notFound = (resource: string, id: string) =>
  new Problem('not_found', `${resource} ${id} not found`, { resource_type: resource });

export const invalidTransition = (from: string, to: string, allowed: readonly string[]) =>
  new Problem('invalid_transition', `cannot move from ${from} to ${to}`, {
    current_status: from,
    allowed_transitions: allowed,
  });

export const versionMismatch = (current: number) =>
  new Problem('version_mismatch', `If-Match does not match the current version ${current}`, {
    current_version: current,
  });

export const validationFailed = (errors: FieldError[], detail?: string) =>
  new Problem('validation_failed', detail ?? errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });

export const invalidReference = (path: string, resource: string, id: string) =>
  new Problem('invalid_reference', `${path}: ${resource} ${id} not found`, {
    errors: [{ path, message: `${resource} ${id} not found` }],
  });

export const databaseUnavailable = () =>
  new Problem(
    'database_unavailable',
    'the database is unreachable; retry later',
    {},
    {
      'retry-after': '2',
    },
  );
