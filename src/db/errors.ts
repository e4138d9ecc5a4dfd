/** What a database failure means for the caller, read off postgres.js and drizzle errors. */

export interface PgErrorInfo {
  code: string;
  /** A PostgreSQL server error (the code is a SQLSTATE), not one of the driver or the network. */
  fromServer: boolean;
  constraint?: string;
  detail?: string;
  message: string;
}

/** The PostgreSQL or driver error behind `error` (drizzle wraps it in `cause`). */
export function pgError(error: unknown): PgErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const e = current as {
      name?: unknown;
      code?: unknown;
      constraint_name?: string;
      detail?: string;
      message?: string;
      cause?: unknown;
    };
    if (typeof e.code === 'string') {
      return {
        code: e.code,
        fromServer: e.name === 'PostgresError',
        ...(e.constraint_name ? { constraint: e.constraint_name } : {}),
        ...(e.detail ? { detail: e.detail } : {}),
        message: e.message ?? '',
      };
    }
    current = e.cause;
  }
  return undefined;
}

/** Could not talk to the server at all (as opposed to a statement that failed). */
const CONNECTION_FAILURES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
]);

export const isConnectionFailure = (error: unknown) => CONNECTION_FAILURES.has(pgError(error)?.code ?? '');

/** The driver could not reach the database, or the breaker refused to try (see breaker.ts). */
const unreachable = (code: string) => CONNECTION_FAILURES.has(code) || code === 'DATABASE_BREAKER_OPEN';

/** No pooled connection within DB_POOL_WAIT_SECONDS (see connection.ts): the pool is saturated. */
export const POOL_TIMEOUT = 'DATABASE_POOL_TIMEOUT';

/** Failures before any statement ran: no connection could be had. The caller should retry. */
const noConnection = (code: string) => unreachable(code) || code === POOL_TIMEOUT;

/**
 * A bounded label for a failure that came from the database or its driver: the SQLSTATE class
 * (`23` integrity, `40` serialization/deadlock, `57` cancelled/shutdown, ...) or the postgres.js
 * error code (`CONNECTION_CLOSED`, ...). Undefined for anything else (e.g. a Problem the service
 * threw). Used for the query error metric.
 */
export function dbErrorClass(error: unknown): string | undefined {
  const e = pgError(error);
  if (!e) return undefined;
  if (e.fromServer) return e.code.slice(0, 2);
  return noConnection(e.code) ? e.code : undefined;
}

/**
 * True when the database cannot be reached or cannot serve right now: the caller should retry.
 * Class 08 (connection), 57P01-03 (shutdown, starting up), 53300 (too many connections),
 * 57014 (statement timeout), 55P03 (lock timeout), 40001/40P01 (serialization, deadlock).
 */
export function isTransient(error: unknown): boolean {
  const e = pgError(error);
  if (!e) return false;
  if (noConnection(e.code)) return true;
  return (
    e.code.startsWith('08') ||
    ['57P01', '57P02', '57P03', '53300', '53400', '57014', '55P03', '40001', '40P01'].includes(e.code)
  );
}

/**
 * True when the error means the connection it came from is gone (closed by the server, the
 * network or a failover), and with it any transaction it had open.
 */
export function connectionLost(error: unknown): boolean {
  const code = pgError(error)?.code;
  if (code === undefined) return false;
  return (
    ['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE'].includes(code) ||
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03'].includes(code)
  );
}

/**
 * True when a statement reached the database and failed there, its connection intact: the
 * statement's transaction was rolled back, so nothing of it was committed. (A lost connection says
 * nothing of the kind: the commit may have happened before the answer was lost.)
 */
export const failedInDatabase = (error: unknown) =>
  (pgError(error)?.fromServer ?? false) && !connectionLost(error);

/** Foreign keys whose violation means "the body refers to something that does not exist". */
const REFERENCES: Record<string, { path: string; resource: string }> = {
  sessions_tenant_id_task_id_tasks_tenant_id_id_fk: { path: 'body.task_id', resource: 'task' },
  tasks_tenant_id_from_session_id_sessions_tenant_id_id_fk: {
    path: 'body.from_session_id',
    resource: 'session',
  },
  tasks_tenant_id_claimed_by_session_id_sessions_tenant_id_id_fk: {
    path: 'body.session_id',
    resource: 'session',
  },
  approvals_tenant_id_task_id_tasks_tenant_id_id_fk: { path: 'body.task_id', resource: 'task' },
};

export function brokenReference(error: unknown): { path: string; resource: string; id: string } | undefined {
  const e = pgError(error);
  if (e?.code !== '23503' || !e.constraint) return undefined;
  const ref = REFERENCES[e.constraint];
  if (!ref) return undefined;
  // "Key (tenant_id, task_id)=(acme, 0193...) is not present in table ..." -> the referenced id.
  const id = /=\((?:[^,]*, )?([^)]*)\)/.exec(e.detail ?? '')?.[1] ?? '';
  return { ...ref, id };
}

/** Values PostgreSQL refused to store (class 22: e.g. \u0000 in text or jsonb, numbers out of range). */
export const isDataException = (error: unknown) => pgError(error)?.code.startsWith('22') ?? false;
