/**
 * How many of one tenant's audited writes this process lets into the database at once.
 *
 * Every audited write of a tenant advances the tenant's audit chain head, one row, so they commit
 * one after another whatever happens. Sixteen of them sent at once do not go faster than four:
 * twelve wait in PostgreSQL on the row lock, each holding a pooled connection and a backend,
 * and on two cores the waiting costs CPU (one tenant's create cost 1,642 us of server and
 * database CPU at 16 connections, 1,085 us at 4). Four, not one or two: a write of two round
 * trips (read, then change and append) holds the chain head only in its second, so a few at once
 * keep the database busy (bench/README.md, change 18). They also take the pool: a burst of
 * writes from one tenant held every connection while it queued on its own chain, and other
 * tenants' requests waited for a connection behind it. Waiting here instead costs a promise,
 * holds no connection, and lets other tenants through.
 *
 * Waiters enter in arrival order. A tenant's entry exists only while it has writes in flight.
 */
export class TenantGate {
  readonly #limit: number;
  readonly #tenants = new Map<string, { inside: number; queue: (() => void)[] }>();

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`tenant writer limit must be >= 1, got ${limit}`);
    this.#limit = limit;
  }

  /** How many of a tenant's writes may be inside at once. */
  get limit(): number {
    return this.#limit;
  }

  /** Tenants with writes inside or waiting (entries are dropped when the last one leaves). */
  get tenants(): number {
    return this.#tenants.size;
  }

  /** Writes waiting for their turn, over all tenants (for /metrics). */
  get waiting(): number {
    let n = 0;
    for (const t of this.#tenants.values()) n += t.queue.length;
    return n;
  }

  /**
   * Resolves with the function that lets the next one in, once fewer than the limit of the
   * tenant's writes are inside; rejects with `onTimeout()` if that takes longer than `waitMs`.
   */
  enter(tenantId: string, waitMs: number, onTimeout: () => Error): Promise<() => void> {
    let tenant = this.#tenants.get(tenantId);
    if (!tenant) {
      tenant = { inside: 0, queue: [] };
      this.#tenants.set(tenantId, tenant);
    }
    const t = tenant;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      const next = t.queue.shift();
      if (next) return next(); // the slot passes on: `inside` stays as it is
      t.inside--;
      if (t.inside === 0) this.#tenants.delete(tenantId);
    };
    if (t.inside < this.#limit) {
      t.inside++;
      return Promise.resolve(leave);
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        resolve(leave);
      };
      const timer = setTimeout(() => {
        t.queue.splice(t.queue.indexOf(admit), 1);
        reject(onTimeout());
      }, waitMs);
      t.queue.push(admit);
    });
  }
}
