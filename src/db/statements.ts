import { Column, getTableColumns, is, Param, Placeholder, SQL, sql, type Table } from 'drizzle-orm';
import { PgDatabase, PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import { type PostgresJsQueryResultHKT, PostgresJsSession } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Database, GroupCounts } from './client.js';
import { withConnection } from './connection.js';
import { failedInDatabase } from './errors.js';
import { GroupCommit } from './group-commit.js';
import { type Executable, type Tx, type TxScope, txClient, withAuditedTx } from './tenant-tx.js';

/*
 * Hot statements are built by drizzle once, not on every request. Building a query (selection,
 * SQL fragments, parameter lists) cost more CPU than anything else a read does (profiled under
 * load: drizzle's builders were ~18% of the server's time on GET /v1/sessions/{id}). A statement
 * here is built with placeholders on first use, per shape (which optional filters are present,
 * which columns an update sets), and run on the calling transaction's own connection.
 *
 * It also runs without drizzle's per-call machinery (three nested async tracing spans, a cache
 * lookup, and a row mapper that looks up each column's decoder again for every value): the
 * parameters and the columns' decoders are resolved once, when the statement is built, and rows
 * are mapped by the same decoders drizzle would use (`mapFromDriverValue`).
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

interface Client {
  unsafe(text: string, params: unknown[]): postgres.PendingQuery<postgres.Row[]>;
}

type Decoder = { mapFromDriverValue(value: unknown): unknown };
type Field = { path: string[]; field: unknown };

/** The decoder drizzle's mapResultRow would use for a selected column, SQL or aliased SQL. */
function decoderOf(field: unknown): Decoder | undefined {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
  return undefined;
}

/**
 * A prepared drizzle query as a function of the placeholder values: its text, its parameters
 * (fixed, or a placeholder's value through its encoder), and a row mapper for flat selections
 * (for those, drizzle's joinsNotNullableMap has nothing to do: it only concerns nested fields).
 * Selections drizzle maps specially (joins, relational queries) keep drizzle's own execute.
 */
function compile<R>(prepared: Prepared<R>): (client: Client, values: Record<string, unknown>) => Promise<R> {
  const q = prepared as unknown as {
    queryString: string;
    params: unknown[];
    fields?: Field[];
    customResultMapper?: unknown;
  };
  const fields = q.fields;
  const decoders = fields?.map((f) => decoderOf(f.field));
  if (
    q.customResultMapper ||
    fields?.some((f) => f.path.length !== 1) ||
    decoders?.some((d) => d === undefined)
  ) {
    return (client, values) =>
      (Object.create(prepared, { client: { value: client } }) as Prepared<R>).execute(values);
  }
  const binders = q.params.map((param): ((values: Record<string, unknown>) => unknown) => {
    if (is(param, Placeholder)) return (values) => placeholderValue(values, param.name);
    if (is(param, Param) && is(param.value, Placeholder)) {
      const { encoder } = param;
      const { name } = param.value;
      return (values) => encoder.mapToDriverValue(placeholderValue(values, name));
    }
    return () => param;
  });
  const bind = (values: Record<string, unknown>) => binders.map((b) => b(values));
  const text = q.queryString;
  if (!fields || !decoders)
    return (client, values) => client.unsafe(text, bind(values)) as unknown as Promise<R>;
  const mapRows = rowsMapper<R>(
    fields.map((f) => f.path[0]!),
    decoders as Decoder[],
  );
  return (client, values) => client.unsafe(text, bind(values)).values().then(mapRows);
}

/** Maps rows fetched as arrays (`.values()`) to objects with these keys, through these decoders. */
function rowsMapper<R>(keys: string[], decoders: Decoder[]) {
  const mapRow = (row: unknown[]) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[i];
      out[keys[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value);
    }
    return out;
  };
  // A loop, not rows.map(): the rows are postgres.js's Result, an Array subclass, whose map()
  // constructs another Result (through Symbol.species) for every call.
  return (rows: ArrayLike<unknown>) => {
    const out = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = mapRow(rows[i] as unknown[]);
    return out as R;
  };
}

/**
 * A call of a function of drizzle/ (0009_point_reads.sql, 0010_one_statement_create.sql) that
 * returns rows of `table`: `fn(tenant, role, ...args)` sets the tenant and the role itself, so it
 * runs as one statement, which is its own transaction. Rows are decoded as drizzle decodes the
 * table's columns; `orderBy` (SQL from code) orders them, as a function's rows have no order of
 * their own.
 */
function tenantFunction<T extends Table>(table: T, fn: string, arity: number, orderBy?: string) {
  const { text, mapRows } = functionCall(table, fn, arity + 2, orderBy);
  const call = (client: Client, tenantId: string, role: string | null, values: unknown[]) =>
    client
      .unsafe(text, [tenantId, role, ...values])
      .values()
      .then(mapRows);
  return {
    /**
     * As one statement on its own connection: its own transaction. `appends`: it writes to the
     * tenant's audit chain (see TxOptions.appends).
     */
    alone: (scope: Pick<TxScope, 'db' | 'tenantId'>, values: unknown[], appends = false) =>
      withConnection({ db: scope.db, writerOf: appends ? scope.tenantId : undefined }, (conn) => {
        const client: Client = {
          unsafe: (text, params) =>
            conn.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }) as never,
        };
        return call(client, scope.tenantId, scope.db.appRole, values);
      }),
    /** Inside a tenant transaction, whose tenant and role are set already. */
    within: (tx: Tx, values: unknown[]): Statement<T['$inferSelect'][]> => ({
      execute: () => call(txClient(tx) as Client, tx.tenantId, null, values),
    }),
  };
}

/** The text of `select <table's columns> from fn($1, ...)`, and the mapper of its rows. */
function functionCall<T extends Table>(table: T, fn: string, arity: number, orderBy?: string) {
  const columns = Object.entries(getTableColumns(table));
  const args = Array.from({ length: arity }, (_, i) => `$${i + 1}`).join(', ');
  const text = `select ${columns.map(([, c]) => `"${c.name}"`).join(', ')} from ${fn}(${args})${
    orderBy ? ` order by ${orderBy}` : ''
  }`;
  const mapRows = rowsMapper<T['$inferSelect'][]>(
    columns.map(([key]) => key),
    columns.map(([, column]) => column),
  );
  return { text, mapRows };
}

/** A write of a group: its tenant, the id of the row it creates, its JSON for the group's function. */
export interface GroupItem {
  tenantId: string;
  id: string;
  json: string;
}

/**
 * Writes of `table` committed in groups (group-commit.ts), through a function of drizzle/ that
 * takes items of any tenants, each of which sets its own tenant (`fn(role, items)`,
 * 0011_group_commit_create.sql), and returns the rows of the items it did: one statement on its
 * own connection, which is its own transaction. Not gated among any tenant's writers: the function
 * never waits for a tenant's chain head. Resolves with the item's row, or with undefined when the
 * group left the item (its chain head was busy, it failed, or the whole group was rolled back):
 * the caller then writes it on its own. A lost connection rejects every item of its group (the
 * commit may have happened). One group commit per Database, counted where `counts` says.
 */
export function groupWrite<T extends Table>(
  table: T,
  fn: string,
  options: { max: number; inFlight: number; counts: (db: Database) => GroupCounts },
) {
  type Row = T['$inferSelect'];
  const { text, mapRows } = functionCall(table, fn, 2);
  // Which item a returned row is (the group's key, the tenant, is not enough: a group may hold
  // several creates of one tenant).
  const rowKey = (row: { tenantId: string; id: string }) => `${row.tenantId}/${row.id}`;
  const send = async (db: Database, items: readonly GroupItem[]) => {
    const counts = options.counts(db);
    counts.sent++;
    let rows: Row[];
    try {
      rows = await withConnection({ db }, (conn) =>
        conn
          .unsafe(text, [db.appRole, `[${items.map((item) => item.json).join(',')}]`], { prepare: true })
          .values()
          .then(mapRows),
      );
    } catch (error) {
      // Rolled back whole: nothing of the group was committed, so each is written on its own.
      if (failedInDatabase(error)) rows = [];
      else throw error;
    }
    const written = new Map(rows.map((row) => [rowKey(row as { tenantId: string; id: string }), row]));
    counts.grouped += written.size;
    counts.alone += items.length - written.size;
    return items.map((item) => written.get(rowKey(item)));
  };
  const groups = new WeakMap<Database, GroupCommit<GroupItem, Row>>();
  const groupOf = (db: Database) => {
    let group = groups.get(db);
    if (!group) {
      const { max, inFlight } = options;
      group = new GroupCommit((items) => send(db, items), { max, inFlight, keyOf: (item) => item.tenantId });
      groups.set(db, group);
    }
    return group;
  };
  return Object.assign((db: Database, item: GroupItem) => groupOf(db).submit(item), {
    /** Items waiting for a group on `db`. */
    queued: (db: Database) => groups.get(db)?.queued ?? 0,
  });
}

/** A read through a tenant function: always one statement on its own (see tenantFunction). */
export function tenantRead<T extends Table, A extends unknown[]>(
  table: T,
  fn: string,
  arity: A['length'],
  orderBy?: string,
) {
  const call = tenantFunction(table, fn, arity, orderBy);
  return (scope: Pick<TxScope, 'db' | 'tenantId'>, ...values: A) => call.alone(scope, values);
}

/**
 * A write through a tenant function, which appends to the tenant's audit chain (so it waits for
 * its turn among the tenant's writers, see TxOptions.appends): one statement on its own; or,
 * when the scope has a statement to commit with the change (an idempotency key,
 * `TxScope.onCommit`), in a tenant transaction with it, where the function's own set_tenant()
 * repeats what the transaction set.
 */
export function tenantWrite<T extends Table, A extends unknown[]>(table: T, fn: string, arity: A['length']) {
  const call = tenantFunction(table, fn, arity);
  return (scope: TxScope, ...values: A) => {
    if (!scope.onCommit) return call.alone(scope, values, true);
    return withAuditedTx(scope, async (tx) => (await tx.commit(call.within(tx, values)))[0]);
  };
}

/**
 * A row as JSON keyed by its table's column names, for a tenant function that inserts it with
 * jsonb_populate_record (timestamps as ISO text, through Date's toJSON; jsonb columns nested).
 */
export function rowJson<T extends Table>(table: T, row: T['$inferInsert']): string {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    out[column.name] = (row as Record<string, unknown>)[key]; // an undefined one is left out by JSON
  }
  return JSON.stringify(out);
}

function placeholderValue(values: Record<string, unknown>, name: string) {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}

function run<R>(
  exec: (client: Client, values: Record<string, unknown>) => Promise<R>,
  tx: Tx,
  values: Record<string, unknown>,
): Statement<R> {
  return { execute: () => exec(txClient(tx) as Client, values) };
}

/** A hand-written statement: fixed text, parameters bound per call, rows as the driver returns them. */
export function raw<R>(text: string) {
  return (tx: Tx, params: unknown[]): Statement<R> => {
    const execute = () => (txClient(tx) as Client).unsafe(text, params) as unknown as Promise<R>;
    return { execute };
  };
}

/** A statement of one shape, built on first use. */
export function statement<R>(build: (db: BuildDb) => Preparable<R>) {
  let exec: ((client: Client, values: Record<string, unknown>) => Promise<R>) | undefined;
  return (tx: Tx, values: Record<string, unknown>): Statement<R> => {
    exec ??= compile(build(builder).prepare(''));
    return run(exec, tx, values);
  };
}

/**
 * Statements whose text depends on a shape (e.g. the filters present), built once per shape.
 * Shapes come from code (sets of field names), never from values, so there are few of them.
 */
export function statements<S, R>(key: (shape: S) => string, build: (db: BuildDb, shape: S) => Preparable<R>) {
  const cache = new Map<string, (client: Client, values: Record<string, unknown>) => Promise<R>>();
  return (tx: Tx, shape: S, values: Record<string, unknown>): Statement<R> => {
    const k = key(shape);
    let exec = cache.get(k);
    if (!exec) {
      exec = compile(build(builder, shape).prepare(''));
      cache.set(k, exec);
    }
    return run(exec, tx, values);
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
