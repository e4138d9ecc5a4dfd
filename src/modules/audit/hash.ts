import { createHash } from 'node:crypto';
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

/** hash = sha256(prev_hash || canonical JSON of the event), hex. */
export const eventHash = (prevHash: string, event: HashedEvent): string =>
  createHash('sha256')
    .update(prevHash + canonicalJson(event), 'utf8')
    .digest('hex');

/**
 * The event's canonical JSON split around its `seq`, which only the database knows (it is taken
 * from the tenant's chain head at the last moment before commit). The database computes
 * sha256(prev_hash || prefix || seq || suffix), which equals eventHash() for the stored event.
 */
export function canonicalAroundSeq(event: Omit<HashedEvent, 'seq'>): { prefix: string; suffix: string } {
  // Canonical JSON sorts keys; these are the keys before and after "seq".
  const { tenant_id, trace_id, ...before } = event;
  const head = canonicalJson(before);
  const tail = canonicalJson({ tenant_id, trace_id });
  return { prefix: `${head.slice(0, -1)},"seq":`, suffix: `,${tail.slice(1)}` };
}
