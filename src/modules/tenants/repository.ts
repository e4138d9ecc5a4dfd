import { asc, eq, gt, sql } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { countAtMost } from '../../db/count.js';
import { type TenantRow, tenants } from '../../db/schema.js';
import type { Tx } from '../../db/tenant-tx.js';

export const insert = (tx: Tx, row: typeof tenants.$inferInsert) =>
  tx.insert(tenants).values(row).returning();

/** Creates the tenant unless it exists (startup seeding); returns nothing when it did. */
export const insertIfMissing = (tx: Tx, row: typeof tenants.$inferInsert) =>
  tx.insert(tenants).values(row).onConflictDoNothing().returning();

export const findById = (tx: Tx, id: string) => tx.select().from(tenants).where(eq(tenants.id, id)).limit(1);

export const lockById = (tx: Tx, id: string) =>
  tx.select().from(tenants).where(eq(tenants.id, id)).limit(1).for('update');

export const update = (tx: Tx, id: string, values: Partial<TenantRow>) =>
  tx.update(tenants).set(values).where(eq(tenants.id, id)).returning();

export const listAfter = (tx: Tx, afterId: string | undefined, limit: number) =>
  tx
    .select()
    .from(tenants)
    .where(afterId === undefined ? undefined : gt(tenants.id, afterId))
    .orderBy(asc(tenants.id))
    .limit(limit);

export const listPage = (tx: Tx, offset: number, limit: number) =>
  tx.select().from(tenants).orderBy(asc(tenants.id)).offset(offset).limit(limit);

export const count = (tx: Tx, limit?: number) => countAtMost(tx, tenants, undefined, limit);

/** The auth path's lookup: a prepared statement on the pool, outside any tenant transaction. */
export const prepareLookup = (db: PostgresJsDatabase) =>
  db
    .select()
    .from(tenants)
    .where(eq(tenants.id, sql.placeholder('id')))
    .limit(1)
    .prepare('tenant_lookup');
