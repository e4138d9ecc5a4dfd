/*
 * postgres.js 3.4 opens every connection with a query for the database's array types (the pool
 * needs `fetch_types` on, see client.ts) and drops that query's promise: when the connection is
 * lost or the query fails while it runs (a database restarting, a terminated backend, a statement
 * timeout), the rejection has no handler (porsager/postgres#1192, #1205, #1223), and Node ends
 * the process on an unhandled rejection: one database restart at the wrong moment would take the
 * server and every request in flight with it. Nothing waits on that query (the connection
 * reconnects and asks again; the queries queued on it fail or succeed on their own, and a
 * transaction's reserve that the driver drops there fails after DB_POOL_WAIT_SECONDS, see
 * connection.ts), so that one rejection is logged and survived. Every other unhandled rejection
 * still ends the process.
 */

const ARRAY_TYPES_QUERY = /select b\.oid, b\.typarray\s+from pg_catalog\.pg_type/;

/** A failure of postgres.js's own array types query (also once serialized, as in a test runner). */
export function isArrayTypesQueryFailure(reason: unknown): boolean {
  const query = (reason as { query?: unknown } | null | undefined)?.query;
  return typeof query === 'string' && ARRAY_TYPES_QUERY.test(query);
}

/**
 * Logs and survives the failures of postgres.js's array types query that nobody can catch; any
 * other unhandled rejection is thrown, as an uncaught exception, as Node does by default. Returns
 * a function that removes the listener.
 */
export function surviveArrayTypesQueryFailures(log: { warn(obj: object, msg?: string): void }): () => void {
  const listener = (reason: unknown) => {
    if (!isArrayTypesQueryFailure(reason)) throw reason;
    log.warn(
      { err: reason },
      "a database connection was lost while the driver read the database's types; it reconnects",
    );
  };
  process.on('unhandledRejection', listener);
  return () => {
    process.off('unhandledRejection', listener);
  };
}
