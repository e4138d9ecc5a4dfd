import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgTable, PgView } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';

type Db = PgDatabase<PostgresJsQueryResultHKT>;

/**
 * `count(*)` of the rows matching `where`, reading at most `limit` of them when it is given (page
 * mode's `total`, see TOTAL_LOOKAHEAD in pagination.ts): the count stops where the scan stops.
 */
export function countAtMost(
  db: Db,
  from: PgTable | PgView,
  where: SQL | undefined,
  limit: number | Placeholder | undefined,
) {
  const n = { n: sql<number>`count(*)::int` };
  if (limit === undefined)
    return db
      .select(n)
      .from(from as PgTable)
      .where(where);
  const rows = db
    .select({ one: sql`1`.as('one') })
    .from(from as PgTable)
    .where(where)
    .limit(limit as number)
    .as('counted');
  return db.select(n).from(rows);
}
