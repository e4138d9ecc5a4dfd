import type { Config } from '../../config.js';
import { withAuditedTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import * as repo from './repository.js';
import { record } from './service.js';

export type PurgeCtx = Pick<RequestContext, 'db' | 'clock' | 'actor' | 'requestId' | 'traceId'>;

export interface PurgeResult {
  tenantId: string;
  before: Date;
  deleted: number;
  /** The boundary after the purge: the retained chain starts at purgedThroughSeq + 1. */
  purgedThroughSeq: number;
  purgedThroughHash: string | null;
}

const DAY_MS = 86_400_000;

/** The cutoff of AUDIT_RETENTION_DAYS at `now`, or undefined when events are kept forever. */
export const retentionCutoff = (config: Pick<Config, 'AUDIT_RETENTION_DAYS'>, now: Date) =>
  config.AUDIT_RETENTION_DAYS === undefined
    ? undefined
    : new Date(now.getTime() - config.AUDIT_RETENTION_DAYS * DAY_MS);

/**
 * Deletes the tenant's events that occurred before `before`, oldest first, `batchSize` per
 * transaction (each holds the tenant's chain head only for its own batch), through the database
 * function audit_purge, which is the one way past the append-only trigger. The boundary it
 * records on audit_heads keeps the retained chain verifiable. A purge that deleted anything is
 * itself recorded in the chain, as `tenant.audit_purged`, in the transaction of its last batch.
 */
export async function purgeAuditEvents(
  ctx: PurgeCtx,
  tenantId: string,
  before: Date,
  batchSize = 1000,
): Promise<PurgeResult> {
  const result: PurgeResult = { tenantId, before, deleted: 0, purgedThroughSeq: 0, purgedThroughHash: null };
  for (;;) {
    // Each batch locks the tenant's chain head (audit_purge()): a writer of the chain like any other.
    const deleted = await withAuditedTx({ db: ctx.db, tenantId }, async (tx) => {
      const [row] = await repo.purgeBatch(tx, tenantId, before, batchSize);
      const n = Number(row?.deleted ?? 0);
      result.deleted += n;
      result.purgedThroughSeq = Number(row?.purged_through_seq ?? 0);
      result.purgedThroughHash = row?.purged_through_hash ?? null;
      if (n < batchSize && result.deleted > 0) {
        await tx.commit(
          record(
            tx,
            ctx,
            'tenant.audit_purged',
            { type: 'tenant', id: tenantId },
            {
              before: before.toISOString(),
              deleted: result.deleted,
              purged_through_seq: result.purgedThroughSeq,
              purged_through_hash: result.purgedThroughHash,
            },
          ),
        );
      }
      return n;
    });
    if (deleted < batchSize) return result;
  }
}

/** The retention purge the scheduler runs per tenant: nothing when AUDIT_RETENTION_DAYS is unset. */
export async function purgeExpiredAuditEvents(
  ctx: PurgeCtx & Pick<RequestContext, 'config'>,
  tenantId: string,
): Promise<PurgeResult | undefined> {
  const before = retentionCutoff(ctx.config, ctx.clock.now());
  return before === undefined ? undefined : purgeAuditEvents(ctx, tenantId, before);
}
