import { randomUUID } from 'node:crypto';
import type { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { AuditEventRow } from '../../db/schema.js';
import { withTenantTx } from '../../db/tenant-tx.js';
import { ClientGone, drained } from '../../lib/drain.js';
import { register, unregister } from './listeners.js';
import * as repo from './repository.js';
import { SseClient, type SseLimits } from './sse.js';

/** The channel of drizzle/0003_*.sql's trigger; payload "tenant_id:highest seq". */
export const AUDIT_CHANNEL = 'switchboard_audit';

const BATCH = 500;

/**
 * How long after registering a tenant its feed reads once more: a writer whose append ran just
 * before the registration committed sends no notification, and commits within its flight.
 */
const SETTLE_MS = 1000;

interface Feed {
  tenantId: string;
  clients: Set<SseClient>;
  /** Every event up to this seq has been read and offered to the feed's clients. */
  lastSeq: number;
  fetching: boolean;
  /** A notification arrived during a fetch: read again when it is done. */
  again: boolean;
}

export interface HubOptions extends Partial<SseLimits> {
  heartbeatMs: number;
}

/**
 * The audit event streams of one server process. One LISTEN connection (postgres.js keeps a
 * dedicated one per pool, reconnecting with backoff) hears every tenant's commits; per tenant
 * with clients, one query per burst of notifications reads the new events and offers them to
 * every client of that tenant. When the LISTEN connection comes back after a drop, every feed
 * reads what it missed. Each client first catches up from its own cursor (Last-Event-ID).
 */
export class AuditHub {
  readonly stats = { listens: 0, notifications: 0, fetches: 0, clients: 0, dropped: 0 };
  private readonly feeds = new Map<string, Feed>();
  private listening: Promise<void> | undefined;
  private unlisten: (() => Promise<unknown>) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly limits: SseLimits;
  /** This hub's name in audit_stream_listeners. */
  private readonly listener = randomUUID();

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    private readonly o: HubOptions,
  ) {
    this.limits = { maxBufferedBytes: o.maxBufferedBytes ?? 1 << 20, maxPending: o.maxPending ?? 1000 };
  }

  /**
   * Adds a client of `tenantId` that has seen every event up to `after` (default: the current
   * head, i.e. only new events). Resolves once it is registered, before any event is written;
   * rejects (nothing registered) when the database cannot be reached.
   */
  async subscribe(tenantId: string, after: number | undefined, out: PassThrough): Promise<SseClient> {
    if (this.stopped) throw new Error('the audit stream hub is stopped');
    await this.listen();
    // Registered before the head is read: every append after this commits with a notification.
    const fresh = !this.feeds.has(tenantId);
    if (fresh) await register(this.db, tenantId, this.listener, this.ttlSeconds);
    const [head] = await withTenantTx({ db: this.db, tenantId }, (tx) => tx.commit(repo.head(tx, tenantId)));
    const headSeq = head[0]?.seq ?? 0;
    const client = new SseClient(out, after ?? headSeq, this.limits);
    let feed = this.feeds.get(tenantId);
    if (!feed) {
      feed = { tenantId, clients: new Set(), lastSeq: headSeq, fetching: false, again: false };
      this.feeds.set(tenantId, feed);
    }
    feed.clients.add(client);
    this.stats.clients++;
    if (fresh) {
      const settled = feed;
      setTimeout(() => {
        if (this.feeds.get(tenantId) === settled) void this.fetch(settled);
      }, SETTLE_MS).unref();
    }
    const registered = feed;
    out.once('close', () => this.remove(registered, client));
    this.heartbeat ??= setInterval(() => this.beat(), this.o.heartbeatMs).unref();
    void this.catchUp(client, tenantId);
    return client;
  }

  /** Clients connected now, over all tenants. */
  get clientCount(): number {
    let n = 0;
    for (const feed of this.feeds.values()) n += feed.clients.size;
    return n;
  }

  /** Registrations outlive a missed renewal or two (they are renewed every heartbeat). */
  private get ttlSeconds() {
    return Math.max(60, Math.ceil((4 * this.o.heartbeatMs) / 1000));
  }

  /** Ends every stream (so that the HTTP server can close) and stops listening. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const feed of this.feeds.values()) for (const client of feed.clients) client.end();
    const tenants = [...this.feeds.keys()];
    this.feeds.clear();
    await Promise.all(tenants.map((t) => unregister(this.db, t, this.listener).catch(() => {})));
    await this.unlisten?.().catch(() => {});
    this.unlisten = undefined;
  }

  private listen(): Promise<void> {
    if (!this.listening) {
      this.listening = this.db.sql
        .listen(
          AUDIT_CHANNEL,
          (payload) => this.onNotify(payload),
          () => this.onListen(),
        )
        .then((r) => {
          this.unlisten = r.unlisten;
        });
      // postgres.js keeps retrying in the background; onListen marks the hub ready when it succeeds.
      this.listening.catch((error: unknown) => this.log.warn({ err: error }, 'audit stream: LISTEN failed'));
    }
    return this.listening;
  }

  private onListen() {
    this.stats.listens++;
    this.listening = Promise.resolve();
    // (Re)connected: anything committed while the connection was down was not notified.
    for (const feed of this.feeds.values()) void this.fetch(feed);
  }

  private onNotify(payload: string) {
    this.stats.notifications++;
    const at = payload.lastIndexOf(':');
    const feed = this.feeds.get(payload.slice(0, at));
    if (!feed || this.stopped) return;
    if (!feed.fetching && Number(payload.slice(at + 1)) <= feed.lastSeq) return;
    void this.fetch(feed);
  }

  private read(tenantId: string, after: number): Promise<AuditEventRow[]> {
    return withTenantTx({ db: this.db, tenantId }, async (tx) => {
      const [rows] = await tx.commit(repo.listAfter(tx, tenantId, {}, after, BATCH));
      return rows;
    });
  }

  /** One read (in batches) per burst of notifications, offered to every client of the tenant. */
  private async fetch(feed: Feed): Promise<void> {
    if (feed.fetching) {
      feed.again = true;
      return;
    }
    feed.fetching = true;
    try {
      do {
        feed.again = false;
        for (;;) {
          this.stats.fetches++;
          const rows = await this.read(feed.tenantId, feed.lastSeq);
          if (rows.length > 0) {
            feed.lastSeq = rows[rows.length - 1]!.seq;
            for (const client of feed.clients) if (!client.offer(rows)) this.stats.dropped++;
          }
          if (rows.length < BATCH) break;
        }
      } while (feed.again && this.feeds.get(feed.tenantId) === feed);
    } catch (error) {
      // The next notification, or the LISTEN reconnection, reads again from lastSeq.
      this.log.warn({ err: error, tenant: feed.tenantId }, 'audit stream: reading new events failed');
    } finally {
      feed.fetching = false;
    }
  }

  /**
   * The client's own catch-up from its cursor. Live events offered meanwhile are held back; they
   * and the catch-up overlap, and the cursor drops the duplicates. Whatever committed before the
   * last catch-up query is in it, and whatever committed after is offered live.
   */
  private async catchUp(client: SseClient, tenantId: string): Promise<void> {
    try {
      do {
        client.overflowed = false;
        for (;;) {
          const rows = await this.read(tenantId, client.cursor);
          if (client.closed) return;
          const more = client.send(rows);
          if (rows.length < BATCH) break;
          if (!more) await drained(client.out);
        }
      } while (client.overflowed);
      client.goLive();
    } catch (error) {
      if (!(error instanceof ClientGone)) {
        this.log.warn({ err: error, tenant: tenantId }, 'audit stream: catch-up failed; closing the stream');
      }
      client.end();
    }
  }

  /**
   * Heartbeat comments, the renewal of every registration, and one read per feed: a backstop for
   * a notification that never came (an append that raced the registration, a lost connection).
   */
  private beat() {
    for (const feed of this.feeds.values()) {
      for (const client of feed.clients) client.comment('heartbeat');
      register(this.db, feed.tenantId, this.listener, this.ttlSeconds).catch((error: unknown) =>
        this.log.warn(
          { err: error, tenant: feed.tenantId },
          'audit stream: renewing the registration failed',
        ),
      );
      void this.fetch(feed);
    }
  }

  private remove(feed: Feed, client: SseClient) {
    client.closed = true;
    feed.clients.delete(client);
    if (feed.clients.size === 0 && this.feeds.get(feed.tenantId) === feed) {
      this.feeds.delete(feed.tenantId);
      // Best effort: a registration left behind lapses by itself.
      if (!this.stopped) unregister(this.db, feed.tenantId, this.listener).catch(() => {});
    }
    if (this.feeds.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }
}
