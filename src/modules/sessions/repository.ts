import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { countAtMost } from '../../db/count.js';
import { type NewSessionRow, type SessionRow, type SessionStatus, sessions } from '../../db/schema.js';
import { p, placeholders, shapeOf, statement, statements } from '../../db/statements.js';
import type { Tx } from '../../db/tenant-tx.js';

export interface SessionFilters {
  status?: SessionStatus | undefined;
  agentRole?: string | undefined;
  taskId?: string | undefined;
  createdAfter?: Date | undefined;
  createdBefore?: Date | undefined;
}

// Every statement here is built once per shape (see statements.ts); values are bound per call.
const byId = and(eq(sessions.tenantId, p('tenantId')), eq(sessions.id, p('id')));

const insertOf = statements(shapeOf, (db, row: NewSessionRow) =>
  db.insert(sessions).values(placeholders(sessions, row)).returning(),
);
export const insert = (tx: Tx, row: NewSessionRow) => insertOf(tx, row, row);

const findOne = statement((db) => db.select().from(sessions).where(byId).limit(1));
export const findById = (tx: Tx, tenantId: string, id: string) => findOne(tx, { tenantId, id });

const lockOne = statement((db) => db.select().from(sessions).where(byId).limit(1).for('update'));
/** Locks the row until commit: concurrent changes of one session run one after the other. */
export const lockById = (tx: Tx, tenantId: string, id: string) => lockOne(tx, { tenantId, id });

const updateOf = statements(shapeOf, (db, values: Partial<SessionRow>) =>
  db
    .update(sessions)
    .set(placeholders(sessions, values))
    .where(and(eq(sessions.tenantId, p('$tenantId')), eq(sessions.id, p('$id'))))
    .returning(),
);
export const update = (tx: Tx, tenantId: string, id: string, values: Partial<SessionRow>) =>
  updateOf(tx, values, { ...values, $tenantId: tenantId, $id: id });

/** The filters present, as placeholders named like the fields (values come with the call). */
function where(f: SessionFilters) {
  return and(
    eq(sessions.tenantId, p('tenantId')),
    f.status === undefined ? undefined : eq(sessions.status, p('status')),
    f.agentRole === undefined ? undefined : eq(sessions.agentRole, p('agentRole')),
    f.taskId === undefined ? undefined : eq(sessions.taskId, p('taskId')),
    f.createdAfter === undefined ? undefined : gte(sessions.createdAt, p('createdAfter')),
    f.createdBefore === undefined ? undefined : lt(sessions.createdAt, p('createdBefore')),
  );
}

const filterValues = (tenantId: string, f: SessionFilters) => ({
  tenantId,
  status: f.status,
  agentRole: f.agentRole,
  taskId: f.taskId,
  // Placeholders are bound without the column's encoder: timestamps go as ISO text.
  createdAfter: f.createdAfter?.toISOString(),
  createdBefore: f.createdBefore?.toISOString(),
});
const filterShape = (f: SessionFilters) =>
  shapeOf({
    status: f.status,
    agentRole: f.agentRole,
    taskId: f.taskId,
    createdAfter: f.createdAfter,
    createdBefore: f.createdBefore,
  });

const keysetOf = statements(
  (s: { f: SessionFilters; after: boolean }) => `${filterShape(s.f)}|${s.after}`,
  (db, s) =>
    db
      .select()
      .from(sessions)
      .where(and(where(s.f), s.after ? lt(sessions.id, p('afterId')) : undefined))
      .orderBy(desc(sessions.id))
      .limit(p('limit')),
);

/** Newest first; ids are UUIDv7, so id order is creation order and the keyset is the id alone. */
export const listAfter = (
  tx: Tx,
  tenantId: string,
  f: SessionFilters,
  afterId: string | undefined,
  limit: number,
) => keysetOf(tx, { f, after: afterId !== undefined }, { ...filterValues(tenantId, f), afterId, limit });

const pageOf = statements(filterShape, (db, f: SessionFilters) =>
  db.select().from(sessions).where(where(f)).orderBy(desc(sessions.id)).offset(p('offset')).limit(p('limit')),
);
export const listPage = (tx: Tx, tenantId: string, f: SessionFilters, offset: number, limit: number) =>
  pageOf(tx, f, { ...filterValues(tenantId, f), offset, limit });

const countOf = statements(
  (s: { f: SessionFilters; capped: boolean }) => `${filterShape(s.f)}|${s.capped}`,
  (db, s) => countAtMost(db, sessions, where(s.f), s.capped ? p('limit') : undefined),
);
export const count = (tx: Tx, tenantId: string, f: SessionFilters, limit?: number) =>
  countOf(tx, { f, capped: limit !== undefined }, { ...filterValues(tenantId, f), limit });
