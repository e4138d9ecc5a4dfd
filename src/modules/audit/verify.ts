import type { AuditEventRow } from '../../db/schema.js';
import { type TxOptions, withTenantTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import { settled } from '../../lib/drain.js';
import { eventHash, GENESIS_HASH, hashedEvent } from './hash.js';
import * as repo from './repository.js';

/** Rows per query: memory stays constant whatever the length of the range. */
const BATCH = 1000;

/** One snapshot for the whole check: the boundary, the head and every batch agree with each other. */
export const SNAPSHOT: TxOptions = { isolation: 'repeatable read', readOnly: true };

export type BreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'missing_event' | 'head_mismatch';

export interface ChainBreak {
  seq: number;
  reason: BreakReason;
  /** The recomputed hash, the previous event's hash, or the head's hash; null for a missing event. */
  expected_hash: string | null;
  /** The stored hash or prev_hash; null for a missing event. */
  actual_hash: string | null;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  from_seq: number;
  to_seq: number;
  head_seq: number;
  purged_through_seq: number;
  retained_from_seq: number;
  first_break?: ChainBreak;
}

/** Checks one event against its predecessor's hash: the link first, then its own content. */
export function checkEvent(e: AuditEventRow, prevSeq: number, prevHash: string): ChainBreak | undefined {
  if (e.seq !== prevSeq + 1) {
    return { seq: prevSeq + 1, reason: 'missing_event', expected_hash: null, actual_hash: null };
  }
  if (e.prevHash !== prevHash) {
    return { seq: e.seq, reason: 'prev_hash_mismatch', expected_hash: prevHash, actual_hash: e.prevHash };
  }
  const expected = eventHash(e.prevHash, hashedEvent(e));
  if (expected !== e.hash) {
    return { seq: e.seq, reason: 'hash_mismatch', expected_hash: expected, actual_hash: e.hash };
  }
  return undefined;
}

/**
 * Recomputes the tenant's chain over [from_seq, to_seq] (clamped to what is retained and to the
 * head) in keyset batches, and reports the first break: an event whose hash does not match its
 * content, a broken link, a missing seq, or a head that does not match the last event. After a
 * retention purge, the retained chain is checked from the recorded hash of the last purged event.
 */
export async function verifyChain(
  ctx: Pick<RequestContext, 'db' | 'tenantId'>,
  q: { fromSeq?: number | undefined; toSeq?: number | undefined },
): Promise<VerifyResult> {
  return withTenantTx(
    ctx,
    async (tx) => {
      const [h] = await repo.head(tx, ctx.tenantId);
      const head = h ?? { seq: 0, hash: GENESIS_HASH, purgedThroughSeq: 0, purgedThroughHash: null };
      const retainedFrom = head.purgedThroughSeq + 1;
      const from = Math.max(q.fromSeq ?? 1, retainedFrom);
      const to = Math.min(q.toSeq ?? head.seq, head.seq);
      const result: VerifyResult = {
        ok: true,
        checked: 0,
        from_seq: from,
        to_seq: to,
        head_seq: head.seq,
        purged_through_seq: head.purgedThroughSeq,
        retained_from_seq: retainedFrom,
      };
      const fail = (b: ChainBreak) => ({ ...result, ok: false, first_break: b });
      if (to < from) return result;

      let prevSeq = from - 1;
      let prevHash: string;
      if (from === retainedFrom) {
        prevHash = head.purgedThroughSeq === 0 ? GENESIS_HASH : (head.purgedThroughHash ?? '');
      } else {
        const [anchor] = await repo.hashAt(tx, ctx.tenantId, prevSeq);
        if (!anchor)
          return fail({ seq: prevSeq, reason: 'missing_event', expected_hash: null, actual_hash: null });
        prevHash = anchor.hash;
      }

      const batch = (after: number) =>
        settled(repo.listAfter(tx, ctx.tenantId, { toSeq: to }, after, BATCH).execute());
      let next = batch(prevSeq);
      for (;;) {
        const rows = await next;
        // The database reads the next batch while this one is hashed.
        if (rows.length === BATCH) next = batch(rows[rows.length - 1]!.seq);
        for (const row of rows) {
          const broken = checkEvent(row, prevSeq, prevHash);
          if (broken) return fail(broken);
          result.checked++;
          prevSeq = row.seq;
          prevHash = row.hash;
        }
        if (rows.length < BATCH) break;
      }
      if (prevSeq < to) {
        return fail({ seq: prevSeq + 1, reason: 'missing_event', expected_hash: null, actual_hash: null });
      }
      if (to === head.seq && prevHash !== head.hash) {
        return fail({
          seq: head.seq,
          reason: 'head_mismatch',
          expected_hash: head.hash,
          actual_hash: prevHash,
        });
      }
      return result;
    },
    SNAPSHOT,
  );
}
