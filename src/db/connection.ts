/**
 * Getting a pooled connection for a tenant statement or transaction: the turn among a tenant's
 * writers (tenant-gate.ts), the wait for the pool, the breaker, and the counters of `db.stats`.
 */
import type postgres from 'postgres';
import type { Database, DbStats } from './client.js';
import { connectionLost, dbErrorClass, isTransient, POOL_TIMEOUT } from './errors.js';

/** Pools whose last attempt to reserve a connection could not reach the database. */
const unreachable = new WeakSet<postgres.Sql>();

/**
 * sql.reserve(), except while the database is unreachable, and for at most `db.poolWaitMs`.
 *
 * In postgres.js 3.4 a reserve that fails to connect stays queued inside the pool after it has
 * been rejected, and the next connection that opens is handed to it and lost for good: enough
 * failed reserves during an outage and the pool never serves again. So once one has failed, a
 * plain query (which leaves nothing behind) checks the database first, and reserving resumes
 * only when it answers.
 *
 * postgres.js has no limit on waiting for a connection, and one reserve may never be answered: if
 * its new connection is lost while the driver reads the array types (its first query on every
 * connection), the reserve is handed to the reconnect as its first query and dropped there
 * (test/pool.test.ts cuts a connection exactly then). A reserve still waiting after
 * `poolWaitMs` therefore fails with a transient error (503), and should the pool answer it later,
 * that connection goes straight back.
 */
async function reserve(db: Database, waitMs: number): Promise<postgres.ReservedSql> {
  const { sql } = db;
  if (unreachable.has(sql)) {
    await sql`select 1`;
    unreachable.delete(sql);
  }
  const pending = sql.reserve();
  // The reserve itself failing marks the pool, not its wait running out: a full pool is not an
  // unreachable database.
  pending.catch((error: unknown) => {
    if (isTransient(error)) unreachable.add(sql);
  });
  return withinPoolWait(pending, waitMs);
}

const poolTimeout = (ms: number) =>
  Object.assign(new Error(`no database connection free within ${ms} ms`), { code: POOL_TIMEOUT });

function withinPoolWait(pending: Promise<postgres.ReservedSql>, ms: number): Promise<postgres.ReservedSql> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.then(
        (conn) => conn.release(),
        () => {},
      );
      reject(poolTimeout(ms));
    }, ms);
    pending.then(
      (conn) => {
        clearTimeout(timer);
        resolve(conn);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Runs `run` on a connection of the pool, reserved for it: the wait for a connection (at most
 * `db.poolWaitMs`), the breaker and the counters of `db.stats` shared by every tenant transaction
 * (withTenantTx) and every statement that sets the tenant itself (tenantRead and tenantWrite in
 * statements.ts, through the functions of drizzle/0009_point_reads.sql and 0010).
 *
 * `writerOf`, the tenant of a write to its audit chain, makes it wait for its turn among the
 * tenant's writers first (tenant-gate.ts); the two waits together last at most `db.poolWaitMs`.
 */
export async function withConnection<T>(
  { db, writerOf }: { db: Database; writerOf?: string | undefined },
  run: (conn: postgres.ReservedSql) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + db.poolWaitMs;
  const leave = writerOf === undefined ? undefined : await enterAsWriter(db, writerOf);
  let conn: postgres.ReservedSql;
  try {
    conn = await acquire(db, Math.max(1, deadline - Date.now()));
  } catch (error) {
    leave?.();
    throw error;
  }
  let lost = false;
  try {
    const result = await run(conn);
    db.breaker.reset();
    return result;
  } catch (error) {
    // Not breaker.observe: one connection lost mid-transaction (a terminated backend, a failover)
    // does not say the database is unreachable; the next reserve() finds out.
    countError(db.stats, error);
    // A connection that is gone took its transaction with it. postgres.js 3.4 crashes the process
    // when anything is written to a reserved connection after it closed, and hands a released one
    // out again (porsager/postgres#1208): it is neither rolled back nor released, and the pool,
    // which has already moved it to its closed connections, reconnects it when next needed.
    lost = connectionLost(error);
    throw error;
  } finally {
    db.stats.reserved--;
    if (!lost) conn.release();
    leave?.();
  }
}

async function enterAsWriter(db: Database, tenantId: string): Promise<() => void> {
  db.breaker.check(); // fails fast while the database is unreachable, rather than after a wait here
  try {
    return await db.writers.enter(tenantId, db.poolWaitMs, () => poolTimeout(db.poolWaitMs));
  } catch (error) {
    countError(db.stats, error);
    throw error;
  }
}

/** A connection of the pool for a tenant statement or transaction, counted while held. */
async function acquire(db: Database, waitMs: number): Promise<postgres.ReservedSql> {
  db.breaker.check();
  const stats = db.stats;
  stats.waiting++;
  try {
    const conn = await reserve(db, waitMs);
    stats.reserved++;
    return conn;
  } catch (error) {
    db.breaker.observe(error);
    countError(stats, error);
    throw error;
  } finally {
    stats.waiting--;
  }
}

function countError(stats: DbStats, error: unknown) {
  const kind = dbErrorClass(error);
  if (kind) stats.errors.set(kind, (stats.errors.get(kind) ?? 0) + 1);
}
