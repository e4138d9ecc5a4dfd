import { z } from 'zod';
import type { DbStats } from '../../db/client.js';
import type { AuditEventRow } from '../../db/schema.js';
import { type Executable, type Tx, withAuditedTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import { type ListQuery, listInTenant, plansFor } from '../../http/pagination.js';
import { Problem } from '../../http/problem.js';
import { newId } from '../../lib/ids.js';
import { canonicalAroundSeq, hashedEvent } from './hash.js';
import * as repo from './repository.js';

export type AuditCtx = Pick<RequestContext, 'actor' | 'requestId' | 'traceId' | 'clock'>;

export interface Resource {
  type: string;
  id: string;
}

/**
 * The audit event of a change, to be sent as the last statement before COMMIT in the change's
 * own transaction (`tx.commit(change, audit.record(...))`): a change that rolls back leaves no
 * event, and no committed change lacks one.
 */
export function record(
  tx: Tx,
  ctx: AuditCtx,
  action: string,
  resource: Resource,
  data: Record<string, unknown> = {},
): Executable<AppendedRow[]> {
  return appendCounted(tx, newEvent(tx.tenantId, ctx, action, resource, data));
}

/** The append statement; the event is counted for /metrics once its transaction commits. */
function appendCounted(tx: Tx, event: repo.NewAuditEvent) {
  tx.afterCommit(counted);
  return repo.append(tx, event);
}

/**
 * The audit event of a change made by a tenant function that appends it itself, in the same
 * statement (create_session: see sessions' `insertAudited`). Count it with `counted` once that
 * statement has committed.
 */
export const event = (
  ctx: AuditCtx & Pick<RequestContext, 'tenantId'>,
  action: string,
  resource: Resource,
  data: Record<string, unknown>,
): repo.NewAuditEvent => newEvent(ctx.tenantId, ctx, action, resource, data);

/** Counts a committed audit event for /metrics. */
export function counted(stats: DbStats) {
  stats.auditEvents++;
}

/** One event of a batch: its context (actor, trace), action, resource and data. */
export interface AuditItem {
  ctx: AuditCtx;
  action: string;
  resource: Resource;
  data: Record<string, unknown>;
}

/**
 * The events of several changes of one transaction, appended in this order by one statement
 * (repo.appendMany); like `record`, the last statement before COMMIT.
 */
export function recordMany(tx: Tx, items: readonly AuditItem[]): Executable<{ appended: number }[]> {
  return repo.appendMany(
    tx,
    tx.tenantId,
    items.map((i) => newEvent(tx.tenantId, i.ctx, i.action, i.resource, i.data)),
  );
}

/** What the append statement returns: the event's place in the chain. */
export interface AppendedRow {
  seq: string;
  prev_hash: string;
  hash: string;
}

function newEvent(
  tenantId: string,
  ctx: AuditCtx,
  action: string,
  resource: Resource,
  data: Record<string, unknown>,
): repo.NewAuditEvent {
  // Normalized through JSON once, so the hashed text is exactly what jsonb gives back later.
  const normalized = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const occurredAt = ctx.clock.now();
  const event = {
    tenant_id: tenantId,
    id: newId(),
    occurred_at: occurredAt.toISOString(),
    actor: { type: ctx.actor.type, id: ctx.actor.id },
    action,
    resource_type: resource.type,
    resource_id: resource.id,
    trace_id: ctx.traceId,
    request_id: ctx.requestId || null,
    data: normalized,
  };
  const { prefix, suffix } = canonicalAroundSeq(event);
  return {
    tenantId: event.tenant_id,
    id: event.id,
    occurredAt,
    actorType: event.actor.type,
    actorId: event.actor.id,
    action,
    resourceType: resource.type,
    resourceId: resource.id,
    traceId: event.trace_id,
    requestId: event.request_id,
    data: normalized,
    prefix,
    suffix,
  };
}

/** The prefixes of the actions the server writes itself; integrators cannot forge them. */
export const RESERVED_PREFIXES = ['session.', 'task.', 'approval.', 'tenant.'] as const;

export interface IntegratorEvent {
  action: string;
  resource_type: string;
  resource_id: string;
  data?: Record<string, unknown> | undefined;
}

/**
 * POST /v1/audit-events: an integrator's own event, appended to the tenant's chain like any
 * other, with the caller's token as actor. One round trip.
 */
export async function appendEvent(
  ctx: AuditCtx & Pick<RequestContext, 'db' | 'tenantId' | 'onCommit'>,
  input: IntegratorEvent,
): Promise<AuditEventRow> {
  const reserved = RESERVED_PREFIXES.find((p) => input.action.startsWith(p));
  if (reserved) {
    throw new Problem('reserved_action', `actions starting with ${reserved} are written by the server only`, {
      errors: [{ path: 'body.action', message: `the prefix ${reserved} is reserved` }],
    });
  }
  const event = newEvent(
    ctx.tenantId,
    ctx,
    input.action,
    { type: input.resource_type, id: input.resource_id },
    input.data ?? {},
  );
  return withAuditedTx(ctx, async (tx) => {
    const [[appended]] = await tx.commit(appendCounted(tx, event));
    if (!appended) throw new Error('the audit append returned no row');
    const { prefix: _prefix, suffix: _suffix, ...row } = event;
    return { ...row, seq: Number(appended.seq), prevHash: appended.prev_hash, hash: appended.hash };
  });
}

export interface ListAuditQuery extends repo.AuditFilters, ListQuery {}

export function listEvents(ctx: Pick<RequestContext, 'db' | 'tenantId'>, q: ListAuditQuery) {
  return listInTenant(
    ctx,
    q,
    repo,
    { key: z.number().int().nonnegative(), keyOf: (row) => row.seq, toDto: toAuditEventDto },
    plansFor(q.occurredAfter, q.occurredBefore),
  );
}

/** The API's event: its hashed fields (the tenant is the caller's), with the chain links. */
export const toAuditEventDto = (e: AuditEventRow) => {
  const { tenant_id: _tenant, ...event } = hashedEvent(e);
  return { ...event, prev_hash: e.prevHash, hash: e.hash };
};
