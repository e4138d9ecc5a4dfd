/**
 * Group commit: writes that arrive while earlier groups are in the database wait for them, and go
 * together as the next group, in one statement and one transaction.
 *
 * A write to PostgreSQL costs far more per statement and per commit (the protocol, the
 * transaction, the WAL flush, waking a backend and being woken) than per row: one backend
 * creating sessions spent ~440 us of CPU on each alone and ~250-280 us each in groups of 8 to 16
 * (bench/group-cost.ts; bench/README.md, change 21). Nothing waits to fill a group: the first
 * write of an idle process goes at once, alone, and only writes that would have queued anyway
 * (for the pool, for the CPU) are gathered, so a group grows with the load and adds no delay when
 * there is none.
 *
 * At most `inFlight` groups are in the database at once, and no two of them share a key (the
 * tenant: its writes commit one after another on its audit chain head whatever happens, so a
 * second group would only wait for the first). A write whose key is in a group in flight waits,
 * in its place in the queue, for the next group that may take it.
 *
 * `send` gets the items in arrival order (per key) and answers with one result per item, in that
 * order: `undefined` for an item the group did not do (the caller does it on its own). When `send`
 * throws, every item of that group is rejected with the error.
 */
export interface GroupCommitOptions<I> {
  /** The most items in one group. */
  max: number;
  /** The most groups in the database at once. */
  inFlight: number;
  /** Items of one key never go in two groups in flight at once. */
  keyOf: (item: I) => string;
}

interface Pending<I, R> {
  item: I;
  key: string;
  resolve: (r: R | undefined) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<I, R> {
  readonly #send: (items: readonly I[]) => Promise<readonly (R | undefined)[]>;
  readonly #options: GroupCommitOptions<I>;
  #queue: Pending<I, R>[] = [];
  /** The keys of the groups in the database. */
  readonly #busy = new Set<string>();
  #inFlight = 0;

  constructor(
    send: (items: readonly I[]) => Promise<readonly (R | undefined)[]>,
    options: GroupCommitOptions<I>,
  ) {
    for (const name of ['max', 'inFlight'] as const) {
      const n = options[name];
      if (!Number.isInteger(n) || n < 1) throw new Error(`group commit ${name} must be >= 1, got ${n}`);
    }
    this.#send = send;
    this.#options = options;
  }

  /** Items waiting for a group. */
  get queued(): number {
    return this.#queue.length;
  }

  /** The item's result, or undefined when its group did not do it. */
  submit(item: I): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, key: this.#options.keyOf(item), resolve, reject });
      this.#next();
    });
  }

  /** Sends groups while there are items whose keys are free and room in flight. */
  #next(): void {
    while (this.#inFlight < this.#options.inFlight && this.#queue.length > 0) {
      const group = this.#take();
      if (group.length === 0) return;
      void this.#run(group);
    }
  }

  /** The next group: queued items whose keys no group in flight holds, oldest first. */
  #take(): Pending<I, R>[] {
    const group: Pending<I, R>[] = [];
    const rest: Pending<I, R>[] = [];
    for (const p of this.#queue) {
      if (group.length < this.#options.max && !this.#busy.has(p.key)) group.push(p);
      else rest.push(p);
    }
    this.#queue = rest;
    return group;
  }

  async #run(group: Pending<I, R>[]): Promise<void> {
    this.#inFlight++;
    const keys = new Set(group.map((p) => p.key));
    for (const key of keys) this.#busy.add(key);
    try {
      const results = await this.#send(group.map((p) => p.item));
      for (let i = 0; i < group.length; i++) group[i]!.resolve(results[i]);
    } catch (error) {
      for (const p of group) p.reject(error);
    } finally {
      for (const key of keys) this.#busy.delete(key);
      this.#inFlight--;
      this.#next();
    }
  }
}
