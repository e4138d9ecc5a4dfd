import { runSweep, type SweepOptions } from '../db/sweeper-tx.js';
import * as repo from '../http/idempotency/repository.js';
import type { SweepDeps } from '../modules/tasks/sweeps.js';

/**
 * Deletes Idempotency-Key records past their TTL (IDEMPOTENCY_TTL_SECONDS), in batches, each
 * tenant's in its own short transaction. Correctness never waits for this: a request that finds
 * an expired record takes it over. Not audited: the records are not resources.
 */
export async function purgeExpiredIdempotencyKeys(
  deps: SweepDeps,
  o: SweepOptions = {},
): Promise<{ deleted: number }> {
  let deleted = 0;
  const now = deps.clock.now();
  await runSweep(
    deps.db,
    o,
    (tx, limit) => repo.findExpired(tx, now, limit),
    async (tx, keys) => {
      const [rows] = await tx.commit(repo.deleteExpired(tx, tx.tenantId, keys, now));
      deleted += rows.length;
    },
  );
  return { deleted };
}
