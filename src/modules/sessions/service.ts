import type { SessionRow, SessionStatus } from '../../db/schema.js';
import { withAuditedTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import { matches } from '../../http/etag.js';
import { type ListQuery, listInTenant, plansFor, readCursorPage } from '../../http/pagination.js';
import { notFound, versionMismatch } from '../../http/problem.js';
import { Uuid } from '../../http/schemas.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { addSeconds } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import * as audit from '../audit/service.js';
import { assertTransition, transitionStamps } from './lifecycle.js';
import * as repo from './repository.js';
import { toSessionDto } from './schemas.js';

export type SessionCtx = Pick<
  RequestContext,
  'db' | 'tenantId' | 'tenant' | 'config' | 'clock' | 'actor' | 'requestId' | 'traceId' | 'onCommit'
>;

const ref = (id: string) => ({ type: 'session', id });

export function retentionSeconds(ctx: Pick<RequestContext, 'tenant' | 'config'>): number {
  return (ctx.tenant?.settings.session_retention_days ?? ctx.config.SESSION_RETENTION_DAYS) * 86_400;
}

export interface CreateSessionInput {
  agent_role: string;
  task_id?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  ttl_seconds?: number | undefined;
}

/**
 * One statement, one round trip: create_session() inserts the row and appends its audit event
 * (with the request's Idempotency-Key, in a transaction that commits the key with them).
 */
export async function createSession(ctx: SessionCtx, input: CreateSessionInput): Promise<SessionRow> {
  const now = ctx.clock.now();
  const retention = retentionSeconds(ctx);
  const row = {
    tenantId: ctx.tenantId,
    id: newId(),
    agentRole: input.agent_role,
    status: 'pending' as const,
    taskId: input.task_id ?? null,
    metadata: input.metadata ?? {},
    version: 1,
    createdAt: now,
    updatedAt: now,
    expiresAt: addSeconds(now, Math.min(input.ttl_seconds ?? retention, retention)),
  };
  const event = audit.event(ctx, 'session.created', ref(row.id), {
    agent_role: row.agentRole,
    status: row.status,
    task_id: row.taskId,
    metadata: row.metadata,
    expires_at: row.expiresAt,
  });
  const [session] = await repo.insertAudited(ctx, row, event);
  audit.counted(ctx.db.stats);
  return session!;
}

export async function getSession(ctx: Pick<SessionCtx, 'db' | 'tenantId'>, id: string): Promise<SessionRow> {
  const [session] = await repo.readById(ctx, id);
  if (!session) throw notFound('session', id);
  return session;
}

export interface ListSessionsQuery extends repo.SessionFilters, ListQuery {
  /** Count every matching row for `total` (the original contract's pages), not a bounded count. */
  exactTotal?: boolean | undefined;
}

export function listSessions(ctx: Pick<SessionCtx, 'db' | 'tenantId'>, q: ListSessionsQuery) {
  const page = { key: Uuid, keyOf: (row: SessionRow) => row.id, toDto: toSessionDto };
  // The list as most callers read it (no filter, by cursor) has a statement of its own.
  if (q.page === undefined && !repo.filtered(q)) {
    return readCursorPage(q, page, (after, limit) => repo.readPage(ctx, after, limit));
  }
  return listInTenant(
    ctx,
    q,
    repo,
    { ...page, exactTotal: q.exactTotal },
    plansFor(q.createdAfter, q.createdBefore),
  );
}

export interface TransitionOpts {
  reason?: string | undefined;
  ifMatch?: number[] | undefined;
}

/** Two round trips: lock and read; then the change, its audit event and COMMIT. */
export async function transitionSession(
  ctx: SessionCtx,
  id: string,
  to: SessionStatus,
  o: TransitionOpts = {},
): Promise<SessionRow> {
  return withAuditedTx(ctx, async (tx) => {
    const [current] = await repo.lockById(tx, ctx.tenantId, id).execute();
    if (!current) throw notFound('session', id); // another tenant's session: the same 404
    if (!matches(o.ifMatch, current.version)) throw versionMismatch(current.version);
    assertTransition(current.status, to);
    const now = ctx.clock.now();
    const [[next]] = await tx.commit(
      repo.update(tx, ctx.tenantId, id, {
        status: to,
        statusReason: o.reason ?? null,
        version: current.version + 1,
        updatedAt: now,
        ...transitionStamps(to, now),
      }),
      audit.record(tx, ctx, 'session.status_changed', ref(id), {
        from: current.status,
        to,
        reason: o.reason,
      }),
    );
    return next!;
  });
}

export interface SessionPatch {
  status?: SessionStatus | undefined;
  task_id?: string | null | undefined;
  metadata?: Record<string, unknown> | undefined;
  status_reason?: string | null | undefined;
}

/** Shallow merge: keys set to null are removed, others replace. */
export function mergeMetadata(current: Record<string, unknown>, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/**
 * PATCH/PUT: field changes are audited as `session.updated` with their before and after values;
 * a status change goes through the lifecycle and is audited as `session.status_changed`.
 * A patch that changes nothing writes nothing and keeps the version.
 */
export async function updateSession(
  ctx: SessionCtx,
  id: string,
  patch: SessionPatch,
  ifMatch?: number[],
): Promise<SessionRow> {
  return withAuditedTx(ctx, async (tx) => {
    const [current] = await repo.lockById(tx, ctx.tenantId, id).execute();
    if (!current) throw notFound('session', id);
    if (!matches(ifMatch, current.version)) throw versionMismatch(current.version);

    const values: Partial<SessionRow> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (patch.task_id !== undefined && patch.task_id !== current.taskId) {
      values.taskId = patch.task_id;
      changes['task_id'] = { from: current.taskId, to: patch.task_id };
    }
    if (patch.metadata !== undefined) {
      const merged = mergeMetadata(current.metadata, patch.metadata);
      if (canonicalJson(merged) !== canonicalJson(current.metadata)) {
        values.metadata = merged;
        changes['metadata'] = { from: current.metadata, to: merged };
      }
    }
    const statusChange =
      patch.status !== undefined && patch.status !== current.status ? patch.status : undefined;
    if (statusChange) assertTransition(current.status, statusChange);
    const now = ctx.clock.now();
    if (statusChange) {
      Object.assign(
        values,
        { status: statusChange, statusReason: patch.status_reason ?? null },
        transitionStamps(statusChange, now),
      );
    } else if (patch.status_reason !== undefined && patch.status_reason !== current.statusReason) {
      values.statusReason = patch.status_reason;
      changes['status_reason'] = { from: current.statusReason, to: patch.status_reason };
    }
    if (Object.keys(values).length === 0) return current;

    const events = [];
    if (Object.keys(changes).length > 0)
      events.push(audit.record(tx, ctx, 'session.updated', ref(id), { changes }));
    if (statusChange) {
      events.push(
        audit.record(tx, ctx, 'session.status_changed', ref(id), {
          from: current.status,
          to: statusChange,
          reason: patch.status_reason ?? undefined,
        }),
      );
    }
    const [[next]] = await tx.commit(
      repo.update(tx, ctx.tenantId, id, { ...values, version: current.version + 1, updatedAt: now }),
      ...events,
    );
    return next!;
  });
}
