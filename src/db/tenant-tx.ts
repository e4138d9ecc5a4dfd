import { PgDatabase, PgDialect } from 'drizzle-orm/pg-core';
import { type PostgresJsQueryResultHKT, PostgresJsSession } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Database, DbStats } from './client.js';
import { withConnection } from './connection.js';
import { connectionLost } from './errors.js';

/** Anything drizzle can run: a query builder, or `tx.execute(sql`...`)`. */
export interface Executable<T = unknown> {
  execute(): Promise<T>;
}

type Results<Q extends readonly Executable[]> = {
  -readonly [K in keyof Q]: Awaited<ReturnType<Q[K]['execute']>>;
};

export interface Tx extends PgDatabase<PostgresJsQueryResultHKT> {
  readonly tenantId: string;
  /**
   * Sends `queries` and COMMIT in one flight and resolves with the queries' results, in order.
   * If any of them fails, PostgreSQL turns the COMMIT into a rollback and the first error is thrown.
   * Pass query builders, not awaited promises: they are started here, in order.
   */
  commit<const Q extends readonly Executable[]>(...queries: Q): Promise<Results<Q>>;
  /** Runs `fn` with the database's counters once COMMIT succeeded; never if the transaction rolls back. */
  afterCommit(fn: (stats: DbStats) => void): void;
}

export interface TxScope {
  readonly db: Database;
  readonly tenantId: string;
  /** A statement to commit together with the change (e.g. marking an idempotency key committed). */
  readonly onCommit?: ((tx: Tx) => Executable | undefined) | undefined;
}

export interface TxOptions {
  /** The isolation level (default: the server's, READ COMMITTED). */
  isolation?: 'repeatable read' | 'serializable' | undefined;
  readOnly?: boolean | undefined;
  /**
   * How prepared statements are planned (see SET_TENANT): 'generic' (the default) once for any
   * tenant, or 'custom' on every run for the values given, for statements whose best index
   * depends on them (a time range on a list in id order).
   */
  plans?: 'generic' | 'custom' | undefined;
  /**
   * Transaction-local settings (as SET LOCAL), e.g. `{ idle_in_transaction_session_timeout: '0' }`
   * for a long export. Names come from code, never from input.
   */
  settings?: Readonly<Record<string, string>> | undefined;
  /**
   * The transaction appends to the tenant's audit chain: it waits for its turn among the
   * tenant's writers (`db.writers`, see tenant-gate.ts) before it takes a connection.
   */
  appends?: boolean | undefined;
}

const SETTING_NAME = /^[a-z_][a-z0-9_.]*$/;

const CLIENT = Symbol('client');

/** The transaction's driver client (for statements built once, see statements.ts). */
export const txClient = (tx: Tx): unknown => (tx as unknown as Record<symbol, unknown>)[CLIENT];

function beginStatement(o: TxOptions): string {
  const modes = [o.isolation ? `isolation level ${o.isolation}` : '', o.readOnly ? 'read only' : ''];
  const text = modes.filter(Boolean).join(', ');
  return text ? `begin ${text}` : 'begin';
}

function settingsStatement(settings: Readonly<Record<string, string>>): [string, string[]] | undefined {
  const entries = Object.entries(settings);
  if (entries.length === 0) return undefined;
  for (const [name] of entries) {
    if (!SETTING_NAME.test(name)) throw new Error(`invalid setting name ${name}`);
  }
  const calls = entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
  return [`select ${calls.join(', ')}`, entries.flat()];
}

const dialect = new PgDialect();
// A statement without parameters goes out in the extended protocol too, so that it pipelines.
const EXTENDED = { prepare: true, simple: false } as postgres.UnsafeQueryOptions;

/**
 * The first statement of every tenant transaction: the tenant for row-level security and, when
 * the pool logs in as another role, the switch to the application role.
 *
 * It also has prepared statements planned for any tenant, not for the tenant at hand
 * (plan_cache_mode force_generic_plan), from their first run. A plan made for one tenant's value
 * trusts the statistics about that tenant, and a tenant created since the last ANALYZE (which
 * runs once a tenth of a table has changed) can be estimated at one row: its sessions were then
 * looked up through (tenant_id, created_at), reading every row of the tenant to find one,
 * instead of through the primary key (test/planner.test.ts: 153 buffers against 4 at 20,000
 * rows). PostgreSQL plans that way the first five runs of each prepared statement on each
 * connection, and again after every ANALYZE; then it keeps the generic plan, except for
 * statements whose generic plan it estimates costlier, which it plans anew on every run: a page
 * of the session list was planned on every request (DB CPU per list page in the reference run:
 * 444 -> 340 us). Set here, per transaction: a pooler such as PgBouncer refuses unknown startup
 * parameters, and a role's own settings do not apply through SET ROLE.
 */
const setTenant = (plans: 'generic' | 'custom', role: boolean) =>
  `select set_config('app.tenant_id', $1, true), set_config('plan_cache_mode', 'force_${plans}_plan', true)${
    role ? ", set_config('role', $2, true)" : ''
  }`;
/**
 * The statement per `TxOptions.plans`, without and with the role switch. 'custom' is for a list
 * filtered by a time range on a column its order does not follow (sessions created before a
 * time, in id order): which index reads fewer rows depends on where the range falls, which a
 * generic plan does not look at. It walked the primary key back from the newest row, through the
 * whole tenant when nothing fell in the range (131 ms a page at 300,000 sessions), where a plan
 * for the values reads the range through (tenant_id, created_at).
 */
const SET_TENANT = {
  generic: [setTenant('generic', false), setTenant('generic', true)],
  custom: [setTenant('custom', false), setTenant('custom', true)],
} as const;

/**
 * The only way into tenant tables. Runs `fn` in a transaction whose first statements set the
 * tenant for row-level security (transaction-local, so a pooled connection never carries the
 * tenant onward) and switch to the application role.
 *
 * Round trips are the unit of cost, so nothing here waits when it need not: BEGIN and
 * `set_config` are sent without waiting and travel with the first query, and `tx.commit(...)`
 * sends the last statements together with COMMIT. A read is one round trip; a
 * read-check-write is two. postgres.js pipelines queries on one connection only when their
 * statements are prepared, so every query of the transaction is sent as a prepared statement.
 */
export async function withTenantTx<T>(
  scope: TxScope,
  fn: (tx: Tx) => Promise<T>,
  options: TxOptions = {},
): Promise<T> {
  const settings = settingsStatement(options.settings ?? {});
  const begin = beginStatement(options);
  const writerOf = options.appends ? scope.tenantId : undefined;
  return withConnection({ db: scope.db, writerOf }, async (conn) => {
    const committed: ((stats: DbStats) => void)[] = [];
    let ended = false;
    // postgres.js 3.4 leaves the statements a reserved connection holds back (behind one that must
    // be described first) pending forever when the connection closes (porsager/postgres#1208,
    // #1215). The first statement that fails because the connection is gone therefore ends the
    // transaction for whatever still waits on the others.
    let connectionGone: (error: unknown) => void = () => {};
    const gone = new Promise<never>((_, reject) => {
      connectionGone = reject;
    });
    gone.catch(() => {});
    const send = <Q extends { execute(): unknown }>(query: Q): Q => {
      const started = query.execute() as Promise<unknown>;
      started.catch((error) => {
        if (connectionLost(error)) connectionGone(error);
      });
      return query;
    };
    const quiet = (query: Promise<unknown>) => query.catch(() => {}); // its failure surfaces in the next query

    const client = {
      unsafe(text: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) {
        // Started at once, so statements go out in the order drizzle builds them.
        return send(
          conn.unsafe(text, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true }),
        );
      },
    };
    const session = new PostgresJsSession(client as unknown as postgres.Sql, dialect, undefined, {});
    const tx = new PgDatabase(dialect, session, undefined) as Tx;

    const commitStatements = (): Promise<unknown>[] => {
      const extra = scope.onCommit?.(tx);
      return extra ? [extra.execute()] : [];
    };
    Object.assign(tx, {
      tenantId: scope.tenantId,
      [CLIENT]: client,
      async commit(...queries: Executable[]) {
        if (ended) throw new Error('transaction already committed');
        const started = queries.map((q) => q.execute());
        const extra = commitStatements();
        const commit = send(conn`commit`);
        ended = true;
        const settled = await Promise.race([Promise.allSettled([...started, ...extra, commit]), gone]);
        const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
        for (const fn of committed) fn(scope.db.stats);
        return settled.slice(0, queries.length).map((r) => (r as PromiseFulfilledResult<unknown>).value);
      },
      afterCommit(fn: (stats: DbStats) => void) {
        committed.push(fn);
      },
    });

    try {
      quiet(send(begin === 'begin' ? conn`begin` : conn.unsafe(begin, [], EXTENDED)));
      const [plain, withRole] = SET_TENANT[options.plans ?? 'generic'];
      quiet(
        send(
          scope.db.appRole
            ? conn.unsafe(withRole, [scope.tenantId, scope.db.appRole], EXTENDED)
            : conn.unsafe(plain, [scope.tenantId], EXTENDED),
        ),
      );
      if (settings) quiet(send(conn.unsafe(settings[0], settings[1], { prepare: true })));
      const result = await Promise.race([fn(tx), gone]);
      if (!ended) await tx.commit();
      return result;
    } catch (error) {
      // A connection that is gone took its transaction with it (see withConnection).
      if (!ended) {
        ended = true;
        if (!connectionLost(error)) await conn`rollback`.catch(() => {});
      }
      throw error;
    }
  });
}

/**
 * withTenantTx for a write that appends to the tenant's audit chain (`TxOptions.appends`): it
 * waits for its turn among the tenant's writers before it takes a connection.
 */
export function withAuditedTx<T>(
  scope: TxScope,
  fn: (tx: Tx) => Promise<T>,
  options: TxOptions = {},
): Promise<T> {
  return withTenantTx(scope, fn, { ...options, appends: true });
}
