import type { Database } from './client.js';
import { type Tx, type TxOptions, withTenantTx } from './tenant-tx.js';

/** The role whose SELECT-only policies see every tenant's sessions, tasks and approvals (drizzle/0003). */
export const SWEEPER_ROLE = 'switchboard_sweeper';

export type SweeperTx = Tx;

/** A (tenant, row) pair a sweep found due; the change itself runs in that tenant's transaction. */
export interface Due {
  tenantId: string;
  id: string;
}

/**
 * Cross-tenant discovery for the scheduler's sweeps. Row-level security is FORCE'd, so a sweep
 * cannot see what is due in other tenants from a tenant transaction; `fn` runs instead in a
 * short READ ONLY transaction as switchboard_sweeper, which may only read sessions, tasks and
 * approvals (and tenants' settings, idempotency keys' deadlines). It should return
 * (tenant_id, id) pairs and nothing more: each change is then made in that tenant's own
 * `withTenantTx`, which locks the row (FOR UPDATE SKIP LOCKED) and re-checks its state, so that
 * concurrent sweepers in several processes change each row exactly once. It runs on the same
 * pipelined path as tenant transactions (no tenant in scope; the role switched after it), which
 * also survives the loss of its connection mid-transaction.
 */
export function withSweeperTx<T>(db: Database, fn: (tx: SweeperTx) => Promise<T>): Promise<T> {
  // Transaction-local, like the tenant setting: the pooled connection never keeps the role.
  return withTenantTx({ db, tenantId: '' }, fn, {
    readOnly: true,
    settings: { role: SWEEPER_ROLE, statement_timeout: '10s' },
  });
}

export interface SweepOptions {
  /** Rows discovered (and changed) per batch; default 100. */
  batchSize?: number;
  /** Batches per call; default 10. The scheduler calls again on its next tick. */
  maxBatches?: number;
  /** Checked before each batch: once aborted, no new batch starts (the current one has finished). */
  signal?: AbortSignal | undefined;
  /** Told after each batch how many rows discovery returned: a full last batch means more may be due. */
  onBatch?: ((due: number) => void) | undefined;
}

/**
 * The shape of every sweep: discover a bounded batch across tenants, then hand each tenant its
 * ids, one short transaction per tenant and batch (`apply` runs in it: `tx.tenantId` is the
 * tenant). Stops when a batch comes back short, after maxBatches, or once `signal` is aborted
 * (between batches: a batch is never left half done). A tenant whose batch fails does not stop
 * the others; the errors are thrown together at the end. `tenantTx.appends`: `apply` appends to
 * the tenant's audit chain, so each tenant's transaction waits for its turn among the tenant's
 * writers, as a request's audited write does (TxOptions.appends).
 */
export async function runSweep(
  db: Database,
  o: SweepOptions,
  discover: (tx: SweeperTx, limit: number) => Promise<Due[]>,
  apply: (tx: Tx, ids: string[]) => Promise<void>,
  tenantTx: Pick<TxOptions, 'appends'> = {},
): Promise<void> {
  const batchSize = o.batchSize ?? 100;
  const maxBatches = o.maxBatches ?? 10;
  const errors: unknown[] = [];
  for (let batch = 0; batch < maxBatches && !o.signal?.aborted; batch++) {
    const due = await withSweeperTx(db, (tx) => discover(tx, batchSize));
    const byTenant = new Map<string, string[]>();
    for (const d of due) byTenant.set(d.tenantId, [...(byTenant.get(d.tenantId) ?? []), d.id]);
    for (const [tenantId, ids] of byTenant) {
      try {
        await withTenantTx({ db, tenantId }, (tx) => apply(tx, ids), tenantTx);
      } catch (error) {
        errors.push(error);
      }
    }
    o.onBatch?.(due.length);
    if (due.length < batchSize) break;
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} tenants failed to sweep`);
}
