import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { type NewSessionRow, type SessionRow, type SessionStatus, sessions } from '../../db/schema.js';
import type { Tx } from '../../db/tenant-tx.js';

export interface SessionFilters {
  status?: SessionStatus | undefined;
  agentRole?: string | undefined;
  taskId?: string | undefined;
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
}

const byId = (tenantId: string, id: string) => and(eq(sessions.tenantId, tenantId), eq(sessions.id, id));

export const insert = (tx: Tx, row: NewSessionRow) => tx.insert(sessions).values(row).returning();

export const findById = (tx: Tx, tenantId: string, id: string) =>
  tx.select().from(sessions).where(byId(tenantId, id)).limit(1);

/** Locks the row until commit: concurrent changes of one session run one after the other. */
export const lockById = (tx: Tx, tenantId: string, id: string) =>
  tx.select().from(sessions).where(byId(tenantId, id)).limit(1).for('update');

export const update = (tx: Tx, tenantId: string, id: string, values: Partial<SessionRow>) =>
  tx.update(sessions).set(values).where(byId(tenantId, id)).returning();

function where(tenantId: string, f: SessionFilters) {
  return and(
    eq(sessions.tenantId, tenantId),
    f.status === undefined ? undefined : eq(sessions.status, f.status),
    f.agentRole === undefined ? undefined : eq(sessions.agentRole, f.agentRole),
    f.taskId === undefined ? undefined : eq(sessions.taskId, f.taskId),
    f.createdAfter === undefined ? undefined : gte(sessions.createdAt, f.createdAfter),
    f.createdBefore === undefined ? undefined : lt(sessions.createdAt, f.createdBefore),
  );
}

/** Newest first; ids are UUIDv7, so id order is creation order and the keyset is the id alone. */
export const listAfter = (
  tx: Tx,
  tenantId: string,
  f: SessionFilters,
  afterId: string | undefined,
  limit: number,
) =>
  tx
    .select()
    .from(sessions)
    .where(and(where(tenantId, f), afterId === undefined ? undefined : lt(sessions.id, afterId)))
    .orderBy(desc(sessions.id))
    .limit(limit);

export const listPage = (tx: Tx, tenantId: string, f: SessionFilters, offset: number, limit: number) =>
  tx.select().from(sessions).where(where(tenantId, f)).orderBy(desc(sessions.id)).offset(offset).limit(limit);

export const count = (tx: Tx, tenantId: string, f: SessionFilters) =>
  tx.select({ n: sql<number>`count(*)::int` }).from(sessions).where(where(tenantId, f));
