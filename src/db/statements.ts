import { getTableColumns, sql, type Table } from 'drizzle-orm';
import { PgDatabase, PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import { type PostgresJsQueryResultHKT, PostgresJsSession } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { type Executable, type Tx, txClient } from './tenant-tx.js';

/*
 * Hot statements are built by drizzle once, not on every request. Building a query (selection,
 * SQL fragments, parameter lists) cost more CPU than anything else a read does (profiled under
 * load: drizzle's builders were ~18% of the server's time on GET /v1/sessions/{id}). A statement
 * here is built with placeholders on first use, per shape (which optional filters are present,
 * which columns an update sets), and run on the calling transaction's own connection; the rows
 * are mapped by drizzle exactly as before.
 */

export type BuildDb = PgDatabase<PostgresJsQueryResultHKT>;
type Prepared<R> = PgPreparedQuery<PreparedQueryConfig & { execute: R }>;
type Preparable<R> = { prepare(name: string): Prepared<R> };

const dialect = new PgDialect();
// Only builds: its client is never called (each run gets the transaction's client).
const builder: BuildDb = new PgDatabase(
  dialect,
  new PostgresJsSession({} as postgres.Sql, dialect, undefined, {}),
  undefined,
);

/** `sql.placeholder(name)`: a value bound when the statement runs. */
export const p = (name: string) => sql.placeholder(name);

/** Started by `execute()`, or by `tx.commit(...)`, like a drizzle query builder. */
export type Statement<R> = Executable<R>;

function run<R>(prepared: Prepared<R>, tx: Tx, values: Record<string, unknown>): Statement<R> {
  const execute = () => {
    // The prepared query with the transaction's client in place of the builder's.
    const bound = Object.create(prepared, { client: { value: txClient(tx) } }) as Prepared<R>;
    return bound.execute(values);
  };
  return { execute };
}

interface Client {
  unsafe(text: string, params: unknown[]): Promise<unknown>;
}

/** A hand-written statement: fixed text, parameters bound per call, rows as the driver returns them. */
export function raw<R>(text: string) {
  return (tx: Tx, params: unknown[]): Statement<R> => {
    const execute = () => (txClient(tx) as Client).unsafe(text, params) as Promise<R>;
    return { execute };
  };
}

/** A statement of one shape, built on first use. */
export function statement<R>(build: (db: BuildDb) => Preparable<R>) {
  let prepared: Prepared<R> | undefined;
  return (tx: Tx, values: Record<string, unknown>): Statement<R> => {
    prepared ??= build(builder).prepare('');
    return run(prepared, tx, values);
  };
}

/**
 * Statements whose text depends on a shape (e.g. the filters present), built once per shape.
 * Shapes come from code (sets of field names), never from values, so there are few of them.
 */
export function statements<S, R>(key: (shape: S) => string, build: (db: BuildDb, shape: S) => Preparable<R>) {
  const cache = new Map<string, Prepared<R>>();
  return (tx: Tx, shape: S, values: Record<string, unknown>): Statement<R> => {
    const k = key(shape);
    let prepared = cache.get(k);
    if (!prepared) {
      prepared = build(builder, shape).prepare('');
      cache.set(k, prepared);
    }
    return run(prepared, tx, values);
  };
}

/**
 * `values` as placeholders, for `insert().values()` and `update().set()`: one per field present,
 * except that a null is written as NULL in the statement (drizzle's encoders do not take nulls:
 * a null jsonb would become 'null', a null timestamp would throw). Use with `shapeOf(values)`.
 */
export function placeholders<T extends Table>(table: T, values: Record<string, unknown>) {
  const columns = getTableColumns(table);
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!(key in columns)) throw new Error(`no column ${key} in the table`);
    set[key] = value === null ? sql`null` : p(key);
  }
  return set as T['$inferInsert'];
}

/** The shape of `values` for placeholders(): the fields present, and which of them are null. */
export const shapeOf = (values: object) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (v === null ? `${k}=null` : k))
    .sort()
    .join(',');
