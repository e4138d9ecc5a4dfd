import { PassThrough, type Readable } from 'node:stream';
import { withTenantTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import { ClientGone, drained, settled } from '../../lib/drain.js';
import type { AuditFilters } from './repository.js';
import * as repo from './repository.js';
import { toAuditEventDto } from './service.js';

/** Rows per query; a batch is one chunk of the response. */
const BATCH = 1000;

/**
 * The export reads one snapshot for as long as the client takes. The role's defaults would end
 * it: statement_timeout (15 s) and idle_in_transaction_session_timeout (60 s, the time the
 * transaction waits while a slow client drains the previous batch). A client that reads nothing
 * for 15 minutes still loses its export, so that a stuck connection cannot pin a snapshot forever.
 */
export const EXPORT_TX = {
  isolation: 'repeatable read',
  readOnly: true,
  settings: { statement_timeout: '5min', idle_in_transaction_session_timeout: '15min' },
} as const;

/**
 * The tenant's events matching `filters` as NDJSON, oldest first, from one consistent snapshot.
 * The next batch is read only when the client has taken the previous one (backpressure), so
 * memory stays at about one batch whatever the size of the export. Resolves once the first batch
 * is in the stream, so that a failure to start is an ordinary error response; a failure after
 * that aborts the response (the client sees it truncated, never silently short). A client that
 * disconnects ends the transaction and releases the connection at once.
 */
export async function exportEvents(
  ctx: Pick<RequestContext, 'db' | 'tenantId'>,
  filters: AuditFilters,
): Promise<Readable> {
  const out = new PassThrough();
  let started = false;
  let ready!: () => void;
  let failed!: (e: unknown) => void;
  const first = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });

  const run = withTenantTx(
    ctx,
    async (tx) => {
      const batch = (after?: number) =>
        settled(repo.listAfter(tx, ctx.tenantId, filters, after, BATCH).execute());
      let next = batch();
      for (;;) {
        const rows = await next;
        if (out.destroyed) throw new ClientGone();
        // One batch read ahead while this one is written: memory stays at two batches.
        if (rows.length === BATCH) next = batch(rows[rows.length - 1]!.seq);
        let chunk = '';
        for (const row of rows) chunk += `${JSON.stringify(toAuditEventDto(row))}\n`;
        const more = chunk === '' || out.write(chunk);
        if (!started) {
          started = true;
          ready();
        }
        if (rows.length < BATCH) return;
        if (!more) await drained(out);
      }
    },
    EXPORT_TX,
  );
  run.then(
    () => out.end(),
    (error: unknown) => {
      if (!started) failed(error);
      else if (!(error instanceof ClientGone)) out.destroy(error as Error);
    },
  );
  await first;
  return out;
}
