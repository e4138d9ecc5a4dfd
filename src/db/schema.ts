import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  type PgTableExtraConfigValue,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Every tenant-owned table leads its primary key with tenant_id, and every foreign key and
 * unique constraint between them includes it: a cross-tenant reference cannot be stored, and the
 * tables can be distributed by tenant_id (Citus). Row-level security, the views, the audit
 * trigger and the application role live in the hand-written migration drizzle/0001_*.sql.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const SESSION_STATUSES = ['pending', 'active', 'completed', 'failed', 'expired'] as const;
export const TASK_STATUSES = [
  'pending',
  'running',
  'waiting_approval',
  'completed',
  'failed',
  'cancelled',
] as const;
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'cancelled'] as const;
export const ACTOR_TYPES = ['user', 'service', 'system'] as const;
export const IDEMPOTENCY_STATES = ['in_flight', 'committed', 'completed'] as const;

export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export type ActorType = (typeof ACTOR_TYPES)[number];

export const tenants = pgTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    settings: jsonb('settings').$type<TenantSettings>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    disabledAt: ts('disabled_at'),
  },
  (t) => [check('tenants_id_format', sql`${t.id} ~ '^[a-z0-9][a-z0-9_-]{0,62}$'`)],
);

export interface TenantSettings {
  session_retention_days?: number;
  approval_ttl_seconds?: number;
  task_lease_seconds?: number;
}

export const sessions = pgTable(
  'sessions',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    agentRole: text('agent_role').notNull(),
    status: text('status').$type<SessionStatus>().notNull(),
    taskId: uuid('task_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    statusReason: text('status_reason'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    expiresAt: ts('expires_at').notNull(),
  },
  // Annotated: sessions and tasks refer to each other, which TypeScript cannot infer.
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('sessions_status_valid', sql`${t.status} in (${inList(SESSION_STATUSES)})`),
    foreignKey({ columns: [t.tenantId, t.taskId], foreignColumns: [tasks.tenantId, tasks.id] }).onDelete(
      'restrict',
    ),
    // Keyset order is (tenant_id, id desc); each filter gets an index ending in id.
    index('sessions_tenant_status_id_idx').on(t.tenantId, t.status, t.id),
    index('sessions_tenant_role_id_idx').on(t.tenantId, t.agentRole, t.id),
    index('sessions_tenant_task_id_idx').on(t.tenantId, t.taskId, t.id),
    index('sessions_tenant_created_idx').on(t.tenantId, t.createdAt),
    // The expiry sweep scans live sessions by deadline across tenants.
    index('sessions_live_expires_idx').on(t.expiresAt).where(sql`${t.status} in ('pending', 'active')`),
    // The retention part of that sweep: per tenant, live sessions created before the tenant's cutoff.
    index('sessions_live_created_idx')
      .on(t.tenantId, t.createdAt)
      .where(sql`${t.status} in ('pending', 'active')`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    toAgentRole: text('to_agent_role').notNull(),
    fromSessionId: uuid('from_session_id'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    output: jsonb('output').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<Record<string, unknown>>(),
    status: text('status').$type<TaskStatus>().notNull(),
    priority: integer('priority').notNull().default(0),
    idempotencyKey: text('idempotency_key'),
    /** Until when idempotency_key deduplicates creates; null once the key is no longer live. */
    idempotencyExpiresAt: ts('idempotency_expires_at'),
    traceId: text('trace_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    claimedBySessionId: uuid('claimed_by_session_id'),
    leaseExpiresAt: ts('lease_expires_at'),
    runAfter: ts('run_after').notNull(),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    statusReason: text('status_reason'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('tasks_status_valid', sql`${t.status} in (${inList(TASK_STATUSES)})`),
    check('tasks_attempts_valid', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
    check(
      'tasks_idempotency_expiry_has_key',
      sql`${t.idempotencyExpiresAt} is null or ${t.idempotencyKey} is not null`,
    ),
    foreignKey({
      columns: [t.tenantId, t.fromSessionId],
      foreignColumns: [sessions.tenantId, sessions.id],
    }).onDelete('restrict'),
    foreignKey({
      columns: [t.tenantId, t.claimedBySessionId],
      foreignColumns: [sessions.tenantId, sessions.id],
    }).onDelete('restrict'),
    // Claim: highest priority, oldest first, among pending tasks of one role.
    index('tasks_claimable_idx')
      .on(t.tenantId, t.toAgentRole, t.priority.desc().nullsFirst(), t.createdAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    index('tasks_tenant_status_id_idx').on(t.tenantId, t.status, t.id),
    index('tasks_tenant_role_id_idx').on(t.tenantId, t.toAgentRole, t.id),
    index('tasks_tenant_trace_id_idx').on(t.tenantId, t.traceId, t.id),
    index('tasks_tenant_idempotency_key_idx').on(t.tenantId, t.idempotencyKey, t.createdAt),
    /*
     * A body idempotency_key is unique per tenant among live keys (younger than
     * IDEMPOTENCY_TTL_SECONDS). A partial index cannot say "younger than now()" (its predicate must
     * be immutable), so liveness is a column instead: idempotency_expires_at is set at creation and
     * set back to null once the key is past its TTL, lazily by the next create with the same key
     * (in its own transaction, before its insert) and in bulk by the purge sweep. Uniqueness over
     * the rows where it is not null is then exactly "unique among live keys", and concurrent
     * creates with one key meet on this index (INSERT ... ON CONFLICT DO NOTHING).
     */
    uniqueIndex('tasks_live_idempotency_key_idx')
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`${t.idempotencyExpiresAt} is not null`),
    // The key purge scans live keys by deadline across tenants.
    index('tasks_idempotency_expires_idx')
      .on(t.idempotencyExpiresAt)
      .where(sql`${t.idempotencyExpiresAt} is not null`),
    index('tasks_tenant_claimed_by_idx').on(t.tenantId, t.claimedBySessionId, t.id),
    // The lease sweep scans running tasks by lease deadline across tenants.
    index('tasks_running_lease_idx').on(t.leaseExpiresAt).where(sql`${t.status} = 'running'`),
  ],
);

export const approvals = pgTable(
  'approvals',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    taskId: uuid('task_id').notNull(),
    status: text('status').$type<ApprovalStatus>().notNull(),
    title: text('title').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    requestedBy: text('requested_by').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
    expiresAt: ts('expires_at').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('approvals_status_valid', sql`${t.status} in (${inList(APPROVAL_STATUSES)})`),
    foreignKey({ columns: [t.tenantId, t.taskId], foreignColumns: [tasks.tenantId, tasks.id] }).onDelete(
      'restrict',
    ),
    index('approvals_tenant_status_id_idx').on(t.tenantId, t.status, t.id),
    index('approvals_tenant_task_id_idx').on(t.tenantId, t.taskId, t.id),
    // At most one open request gates a task.
    uniqueIndex('approvals_one_pending_per_task')
      .on(t.tenantId, t.taskId)
      .where(sql`${t.status} = 'pending'`),
    index('approvals_pending_expires_idx').on(t.expiresAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** The view of drizzle/0001_security.sql: pending approvals with a summary of their task. */
export const pendingApprovals = pgView('pending_approvals', {
  tenantId: text('tenant_id').notNull(),
  id: uuid('id').notNull(),
  taskId: uuid('task_id').notNull(),
  status: text('status').$type<ApprovalStatus>().notNull(),
  title: text('title').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  requestedBy: text('requested_by').notNull(),
  decidedBy: text('decided_by'),
  decidedAt: ts('decided_at'),
  comment: text('comment'),
  expiresAt: ts('expires_at').notNull(),
  version: integer('version').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  taskType: text('task_type').notNull(),
  taskToAgentRole: text('task_to_agent_role').notNull(),
  taskStatus: text('task_status').$type<TaskStatus>().notNull(),
  taskPriority: integer('task_priority').notNull(),
  taskCreatedAt: ts('task_created_at').notNull(),
}).existing();

/** The head of each tenant's audit chain; its row lock serializes that tenant's audit writers. */
export const auditHeads = pgTable('audit_heads', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: text('hash').notNull(),
  prevHash: text('prev_hash'),
  /**
   * The retention purge boundary: events up to this seq were deleted deliberately (0: none), and
   * the hash of the last of them, from which verification of the retained chain starts.
   */
  purgedThroughSeq: bigint('purged_through_seq', { mode: 'number' }).notNull().default(0),
  purgedThroughHash: text('purged_through_hash'),
  purgedAt: ts('purged_at'),
});

export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    traceId: text('trace_id').notNull(),
    requestId: text('request_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    unique('audit_events_tenant_id_key').on(t.tenantId, t.id),
    check('audit_events_actor_type_valid', sql`${t.actorType} in (${inList(ACTOR_TYPES)})`),
    index('audit_events_resource_idx').on(t.tenantId, t.resourceType, t.resourceId, t.seq),
    index('audit_events_action_idx').on(t.tenantId, t.action, t.seq),
    index('audit_events_actor_idx').on(t.tenantId, t.actorId, t.seq),
    index('audit_events_trace_idx').on(t.tenantId, t.traceId, t.seq),
    index('audit_events_occurred_idx').on(t.tenantId, t.occurredAt),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state').$type<(typeof IDEMPOTENCY_STATES)[number]>().notNull(),
    lockedUntil: ts('locked_until').notNull(),
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    responseBody: text('response_body'),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.key] }),
    check('idempotency_keys_state_valid', sql`${t.state} in (${inList(IDEMPOTENCY_STATES)})`),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = typeof sessions.$inferInsert;
export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;
export type ApprovalRow = typeof approvals.$inferSelect;
export type NewApprovalRow = typeof approvals.$inferInsert;
export type AuditEventRow = typeof auditEvents.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
