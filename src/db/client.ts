import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Config } from '../config.js';
import { Breaker } from './breaker.js';
import { connectSocket, type SocketOptions } from './socket.js';
import { TenantGate } from './tenant-gate.js';

/** The application's handle on PostgreSQL: one postgres.js pool and the drizzle instance over it. */
export interface Database {
  readonly sql: postgres.Sql;
  readonly db: PostgresJsDatabase;
  /**
   * The role every tenant transaction switches to; null when the connecting role already is the
   * application role, or cannot switch (see checkAppRole, which sets it at startup).
   */
  appRole: string | null;
  /** Fails requests fast for a moment after a connection failure (see breaker.ts). */
  readonly breaker: Breaker;
  /** What the pool's tenant transactions are doing; read by GET /metrics. */
  readonly stats: DbStats;
  /** How long a transaction waits for a pooled connection before it fails (ms). */
  readonly poolWaitMs: number;
  /** How many of one tenant's audited writes go to the database at once (see tenant-gate.ts). */
  readonly writers: TenantGate;
  close(): Promise<void>;
}

/**
 * Counters kept by withTenantTx (the request path) as plain numbers, so the hot path pays an
 * increment and /metrics reads them when scraped. postgres.js exposes no pool statistics, so
 * "reserved" counts the tenant transactions holding a connection, not every open connection.
 */
export interface DbStats {
  /** Tenant transactions waiting for a pooled connection. */
  waiting: number;
  /** Tenant transactions holding a reserved connection. */
  reserved: number;
  /** Tenant transactions that failed on a database error, by SQLSTATE class or driver error code. */
  errors: Map<string, number>;
  /** Audit events appended by committed transactions. */
  auditEvents: number;
  /**
   * Session creates committed in groups (group-commit.ts): the groups sent, the creates they
   * did, and those they left to a create of their own (a busy chain head, or an error).
   */
  createGroups: GroupCounts;
}

/** What a group commit did: the groups sent, the writes they did, those they left to the caller. */
export interface GroupCounts {
  sent: number;
  grouped: number;
  alone: number;
}

export const newDbStats = (): DbStats => ({
  waiting: 0,
  reserved: 0,
  errors: new Map(),
  auditEvents: 0,
  createGroups: { sent: 0, grouped: 0, alone: 0 },
});

export const APP_ROLE = 'switchboard_app';

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  connectTimeoutSeconds?: number;
  appRole?: string | null;
  /** How long requests fail fast after a connection failure (ms). */
  breakerMs?: number;
  /** How long a transaction waits for a pooled connection (ms; default 30 s). */
  poolWaitMs?: number;
  /** How many of one tenant's audited writes go to the database at once (default 4). */
  tenantWriters?: number;
  /** The socket factory (postgres.js `socket` option); tests wrap it to count round trips. */
  socket?: (options: SocketOptions) => Promise<unknown>;
}

/** The pool's options as the configuration sets them (DB_POOL_MAX and the rest). */
export const poolOptions = (
  config: Pick<
    Config,
    'DB_POOL_MAX' | 'DB_CONNECT_TIMEOUT_SECONDS' | 'DB_POOL_WAIT_SECONDS' | 'DB_TENANT_WRITERS'
  >,
) => ({
  poolMax: config.DB_POOL_MAX,
  connectTimeoutSeconds: config.DB_CONNECT_TIMEOUT_SECONDS,
  poolWaitMs: config.DB_POOL_WAIT_SECONDS * 1000,
  tenantWriters: config.DB_TENANT_WRITERS,
});

export function createDatabase(options: DatabaseOptions): Database {
  // Keeps each flight of pipelined statements in one write (see socket.ts); `socket` is untyped.
  const socket = { socket: options.socket ?? connectSocket } as object;
  const sql = postgres(options.url, {
    ...socket,
    max: options.poolMax ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    idle_timeout: 60,
    // fetch_types stays on: with it off, postgres.js 3.4 never hands a freshly opened connection to
    // a waiting sql.reserve() (the reserve hangs), and reserve() is how every transaction starts.
    onnotice: () => {},
    connection: { application_name: 'switchboard' },
  });
  return {
    sql,
    db: drizzle(sql),
    appRole: options.appRole === undefined ? APP_ROLE : options.appRole,
    breaker: new Breaker(options.breakerMs ?? 1000),
    stats: newDbStats(),
    poolWaitMs: options.poolWaitMs ?? 30_000,
    writers: new TenantGate(options.tenantWriters ?? 4),
    close: () => sql.end({ timeout: 5 }),
  };
}

export type RoleCheck =
  | { ok: true; role: string | null; warning?: string }
  | { ok: false; role: null; warning: string };

/**
 * Decides which role tenant transactions run as. Requests should run as a role that is neither
 * superuser nor table owner, so that row-level security is never bypassed. When the connecting
 * role can switch to the application role it does so in every transaction; otherwise the server
 * keeps working as the connecting role and says so.
 */
export async function checkAppRole(sql: postgres.Sql, role = APP_ROLE): Promise<RoleCheck> {
  const [me] = await sql<{ user: string; bypass: boolean }[]>`
    select current_user as user, rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user`;
  // Already connected as the application role: nothing to switch.
  if (me?.user === role) return { ok: true, role: null };
  try {
    await sql.begin((tx) => [tx`select set_config('role', ${role}, true)`]);
    return { ok: true, role };
  } catch {
    return {
      ok: false,
      role: null,
      warning: `database role "${me?.user}" cannot switch to "${role}"; requests run as "${me?.user}"${
        me?.bypass
          ? ', which BYPASSES row-level security (the tenant filter in every query is the only wall left)'
          : ''
      }. Grant "${role}" to it, or connect as a role that is neither superuser nor table owner.`,
    };
  }
}
