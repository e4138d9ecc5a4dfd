import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema.js';
import type { Due, SweeperTx } from '../../db/sweeper-tx.js';
import type { Tx } from '../../db/tenant-tx.js';

const byKey = (tenantId: string, key: string) =>
  and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key));

export interface Claim {
  tenantId: string;
  key: string;
  requestHash: string;
  now: Date;
  lockedUntil: Date;
  expiresAt: Date;
}

/**
 * Takes the key for this request unless a live record holds it. An expired record, or an
 * in-flight one whose lock ran out without its change committing (the server died), is taken
 * over. Returns the key when taken, nothing otherwise.
 */
export const claim = (tx: Tx, c: Claim) =>
  tx
    .insert(idempotencyKeys)
    .values({
      tenantId: c.tenantId,
      key: c.key,
      requestHash: c.requestHash,
      state: 'in_flight',
      lockedUntil: c.lockedUntil,
      createdAt: c.now,
      expiresAt: c.expiresAt,
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.tenantId, idempotencyKeys.key],
      set: {
        requestHash: c.requestHash,
        state: 'in_flight',
        lockedUntil: c.lockedUntil,
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        createdAt: c.now,
        expiresAt: c.expiresAt,
      },
      setWhere: sql`${idempotencyKeys.expiresAt} <= ${c.now.toISOString()}::timestamptz
        or (${idempotencyKeys.state} = 'in_flight' and ${idempotencyKeys.lockedUntil} <= ${c.now.toISOString()}::timestamptz)`,
    })
    .returning({ key: idempotencyKeys.key });

export const find = (tx: Tx, tenantId: string, key: string) =>
  tx.select().from(idempotencyKeys).where(byKey(tenantId, key)).limit(1);

/** Sent with the request's change, in its transaction: from here on the request must never run again. */
export const markCommitted = (tx: Tx, tenantId: string, key: string) =>
  tx
    .update(idempotencyKeys)
    .set({ state: 'committed' })
    .where(and(byKey(tenantId, key), eq(idempotencyKeys.state, 'in_flight')));

export const complete = (
  tx: Tx,
  tenantId: string,
  key: string,
  r: { status: number; headers: Record<string, string>; body: string; now: Date },
) =>
  tx
    .update(idempotencyKeys)
    .set({
      state: 'completed',
      responseStatus: r.status,
      responseHeaders: r.headers,
      responseBody: r.body,
      lockedUntil: r.now,
    })
    .where(byKey(tenantId, key));

/** A request that failed before committing anything gives its key back, so a retry can run. */
export const release = (tx: Tx, tenantId: string, key: string) =>
  tx.delete(idempotencyKeys).where(and(byKey(tenantId, key), eq(idempotencyKeys.state, 'in_flight')));

/* The scheduler's purge: discovery across tenants (as switchboard_sweeper), deletion per tenant. */

/** Records past their TTL, oldest deadline first (idempotency_keys_expires_idx); `id` is the key. */
export const findExpired = (tx: SweeperTx, now: Date, limit: number): Promise<Due[]> =>
  tx
    .select({ tenantId: idempotencyKeys.tenantId, id: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(lte(idempotencyKeys.expiresAt, now))
    .orderBy(asc(idempotencyKeys.expiresAt))
    .limit(limit);

/**
 * Deletes those of `keys` still past their TTL. A record a request holds (taking it over with a
 * new TTL, say) is skipped, and one taken over meanwhile is no longer past its TTL when re-checked.
 */
export const deleteExpired = (tx: Tx, tenantId: string, keys: string[], now: Date) =>
  tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, tenantId),
        inArray(
          idempotencyKeys.key,
          tx
            .select({ key: idempotencyKeys.key })
            .from(idempotencyKeys)
            .where(
              and(
                eq(idempotencyKeys.tenantId, tenantId),
                inArray(idempotencyKeys.key, keys),
                lte(idempotencyKeys.expiresAt, now),
              ),
            )
            .for('update', { skipLocked: true }),
        ),
      ),
    )
    .returning({ key: idempotencyKeys.key });
