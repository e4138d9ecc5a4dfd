import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { isTransient, POOL_TIMEOUT, pgError } from '../src/db/errors.js';
import { connectSocket, type SocketOptions } from '../src/db/socket.js';
import { withTenantTx } from '../src/db/tenant-tx.js';
import { isArrayTypesQueryFailure, surviveArrayTypesQueryFailures } from '../src/db/unhandled.js';
import { createTestDatabase, openDatabase } from './helpers/app.js';
import { until } from './helpers/scheduler.js';

/*
 * The pool under the driver's faults. postgres.js 3.4 opens every connection with a query for
 * the array types and drops that query's promise (porsager/postgres#1192): a connection lost
 * during it rejects with nobody listening, and Node ends the process on an unhandled rejection;
 * the reserve that opened the connection is never answered. Here connections are cut exactly then.
 */
let dbName: string;
let dropDatabase: () => Promise<void>;
const opened: Database[] = [];
let cuts = 0;

/** A socket destroyed when postgres.js sends it the array types query, while `cutsLeft` > 0. */
let cutsLeft = 0;
async function cutOnTypesQuery(options: SocketOptions) {
  const socket = (await connectSocket(options)) as net.Socket;
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((chunk: Uint8Array | string, ...rest: unknown[]) => {
    if (cutsLeft > 0 && Buffer.from(chunk).includes('typarray')) {
      cutsLeft--;
      cuts++;
      socket.destroy();
      return false;
    }
    return write(chunk, ...rest);
  }) as typeof socket.write;
  return socket;
}

const open = (options: Parameters<typeof openDatabase>[1]) => {
  const db = openDatabase(dbName, options);
  opened.push(db);
  return db;
};

beforeAll(async () => {
  const created = await createTestDatabase();
  dbName = created.name;
  dropDatabase = created.drop;
});
afterAll(async () => {
  for (const db of opened) await db.close();
  await dropDatabase?.();
});

const select = (db: Database, n: number) =>
  withTenantTx({ db, tenantId: 't' }, async (tx) => (await tx.commit(tx.execute(`select ${n} as n`)))[0]);

describe('a connection lost while postgres.js reads the array types', () => {
  it('is logged and survived; the waiting transaction fails after DB_POOL_WAIT_SECONDS; the pool serves on', async () => {
    const db = open({ socket: cutOnTypesQuery, poolMax: 2, poolWaitMs: 500 });
    const warned: unknown[] = [];
    const stop = surviveArrayTypesQueryFailures({ warn: (o: unknown) => warned.push(o) });
    try {
      cutsLeft = 1;
      const started = Date.now();
      const first = select(db, 1).catch((error: unknown) => error);
      await until(() => warned.length > 0);
      expect(cuts).toBe(1);
      expect(warned).toHaveLength(1);
      expect(isArrayTypesQueryFailure((warned[0] as { err: unknown }).err)).toBe(true);
      // postgres.js never answers that transaction's reserve: it fails when its wait is up.
      const error = await first;
      expect(pgError(error)?.code).toBe(POOL_TIMEOUT);
      expect(isTransient(error)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      // The pool goes on serving transactions.
      expect(await select(db, 2)).toEqual([{ n: 2 }]);
    } finally {
      stop();
    }
  });

  it('recognizes only that query', () => {
    const failure = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), {
      code: 'CONNECTION_CLOSED',
      query:
        '\n      select b.oid, b.typarray\n      from pg_catalog.pg_type a\n      left join pg_catalog.pg_type b on b.oid = a.typelem\n',
    });
    expect(isArrayTypesQueryFailure(failure)).toBe(true);
    // Serialized (as a test runner passes errors between processes): the fields survive.
    expect(isArrayTypesQueryFailure(JSON.parse(JSON.stringify({ ...failure })))).toBe(true);
    expect(isArrayTypesQueryFailure({ ...failure, query: 'select * from sessions' })).toBe(false);
    expect(isArrayTypesQueryFailure(new Error('boom'))).toBe(false);
    expect(isArrayTypesQueryFailure(undefined)).toBe(false);
    expect(isArrayTypesQueryFailure('typarray')).toBe(false);
  });
});

describe('waiting for a pooled connection', () => {
  it('fails with 503 material after the wait, and a connection the pool hands over late goes back', async () => {
    const db = open({ poolMax: 1, poolWaitMs: 300 });
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // The only connection is busy in a transaction of its own.
    const holder = withTenantTx({ db, tenantId: 't' }, async () => held);
    await new Promise((r) => setTimeout(r, 50));
    const error = await select(db, 1).catch((e: unknown) => e);
    expect(pgError(error)?.code).toBe(POOL_TIMEOUT);
    expect(isTransient(error)).toBe(true);
    expect(db.breaker.open).toBe(false); // a full pool is not an outage
    release();
    await holder;
    // The timed-out reserve got the connection when the holder released it, and gave it back.
    expect(await select(db, 3)).toEqual([{ n: 3 }]);
    expect(await select(db, 4)).toEqual([{ n: 4 }]);
    expect(db.stats.reserved).toBe(0);
  });
});
