import { createHash } from 'node:crypto';
import type { ActorType, AuditEventRow } from '../../db/schema.js';
import { canonicalJson } from '../../lib/canonical-json.js';

/** The hash the chain of every tenant starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers (everything but the hashes themselves). */
export interface HashedEvent {
  tenant_id: string;
  seq: number;
  id: string;
  occurred_at: string;
  actor: { type: string; id: string };
  action: string;
  resource_type: string;
  resource_id: string;
  trace_id: string;
  request_id: string | null;
  data: Record<string, unknown>;
}

/** A stored event's hashed fields, as the API names them. */
export const hashedEvent = (e: AuditEventRow): HashedEvent & { actor: { type: ActorType } } => ({
  tenant_id: e.tenantId,
  seq: e.seq,
  id: e.id,
  occurred_at: e.occurredAt.toISOString(),
  actor: { type: e.actorType, id: e.actorId },
  action: e.action,
  resource_type: e.resourceType,
  resource_id: e.resourceId,
  trace_id: e.traceId,
  request_id: e.requestId,
  data: e.data,
});

const str = JSON.stringify;

/**
 * The event's canonical JSON split around its `seq`, which only the database knows (it is taken
 * from the tenant's chain head at the last moment before commit). The database computes
 * sha256(prev_hash || prefix || seq || suffix), which equals eventHash() for the stored event.
 * The event's own keys are written in their sorted order instead of sorted at run time (a
 * request's event and verification's millions of them); only `data` is free-form.
 */
export function canonicalAroundSeq(e: Omit<HashedEvent, 'seq'>): { prefix: string; suffix: string } {
  return {
    prefix:
      `{"action":${str(e.action)},"actor":{"id":${str(e.actor.id)},"type":${str(e.actor.type)}},` +
      `"data":${canonicalJson(e.data)},"id":${str(e.id)},"occurred_at":${str(e.occurred_at)},` +
      `"request_id":${str(e.request_id)},"resource_id":${str(e.resource_id)},` +
      `"resource_type":${str(e.resource_type)},"seq":`,
    suffix: `,"tenant_id":${str(e.tenant_id)},"trace_id":${str(e.trace_id)}}`,
  };
}

/** canonicalJson(event), written as canonicalAroundSeq does. */
export const canonicalEvent = (e: HashedEvent): string => {
  const { prefix, suffix } = canonicalAroundSeq(e);
  return `${prefix}${canonicalJson(e.seq)}${suffix}`;
};

/** hash = sha256(prev_hash || canonical JSON of the event), hex. */
export const eventHash = (prevHash: string, event: HashedEvent): string =>
  createHash('sha256')
    .update(prevHash + canonicalEvent(event), 'utf8')
    .digest('hex');
