import type { PassThrough } from 'node:stream';
import type { AuditEventRow } from '../../db/schema.js';
import { toAuditEventDto } from './service.js';

/** The SSE event name of every audit event (the action is in the data). */
export const SSE_EVENT = 'audit_event';

/** How long a client waits before reconnecting after the stream ends (EventSource `retry:`). */
const RETRY_MS = 2000;

export const sseFrame = (e: AuditEventRow) =>
  `id: ${e.seq}\nevent: ${SSE_EVENT}\ndata: ${JSON.stringify(toAuditEventDto(e))}\n\n`;

export interface SseLimits {
  /** A live client with more than this many bytes unsent is too slow: it is disconnected. */
  maxBufferedBytes: number;
  /** Live events held for a client still catching up, before it must catch up again instead. */
  maxPending: number;
}

/**
 * One stream client. It starts by catching up from its cursor (the hub reads the database for it)
 * while live events are held back; then it goes live. Events at or below the cursor are never
 * written, which is what makes catch-up + live free of duplicates.
 */
export class SseClient {
  live = false;
  closed = false;
  /** Set when held-back events were dropped: the catch-up must run again before going live. */
  overflowed = false;
  private pending: AuditEventRow[] = [];

  constructor(
    readonly out: PassThrough,
    /** The seq of the last event written (or the position the client starts after). */
    public cursor: number,
    private readonly limits: SseLimits,
  ) {
    out.write(`retry: ${RETRY_MS}\n\n`);
  }

  /** Writes the events after the cursor; false when the stream wants the writer to wait for 'drain'. */
  send(rows: readonly AuditEventRow[]): boolean {
    let chunk = '';
    for (const row of rows) {
      if (row.seq <= this.cursor) continue;
      chunk += sseFrame(row);
      this.cursor = row.seq;
    }
    if (chunk === '' || this.closed) return true;
    return this.out.write(chunk);
  }

  /**
   * Live events from the hub: written now, or held back while the client catches up. False when
   * the client was too slow and has been disconnected.
   */
  offer(rows: readonly AuditEventRow[]): boolean {
    if (this.closed) return true;
    if (!this.live) {
      if (this.pending.length + rows.length > this.limits.maxPending) {
        this.pending = [];
        this.overflowed = true;
      } else {
        this.pending.push(...rows);
      }
      return true;
    }
    this.send(rows);
    // A client this far behind reconnects with Last-Event-ID and catches up from the database,
    // instead of the server holding its backlog in memory.
    if (this.out.writableLength <= this.limits.maxBufferedBytes) return true;
    this.end();
    return false;
  }

  /** Ends the catch-up: the held-back events after the cursor go out, then every new one. */
  goLive(): void {
    const pending = this.pending;
    this.pending = [];
    this.live = true;
    this.send(pending);
  }

  comment(text: string): void {
    if (!this.closed) this.out.write(`: ${text}\n\n`);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.out.end();
  }
}
