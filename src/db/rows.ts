import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Maps a row returned by hand-written SQL (keys are the database's column names) to the table's
 * TypeScript shape, decoding each value the way drizzle's own queries do (timestamps to Date).
 */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}
