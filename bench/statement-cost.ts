/**
 * `npx tsx bench/statement-cost.ts`: the Node CPU a read costs as one statement, and as the four
 * of a tenant transaction (BEGIN, set_config, the SELECT, COMMIT) sent in one flight on a
 * reserved connection, as withTenantTx sends them. postgres.js alone, no HTTP: what the
 * transaction's shape costs the client (bench/README.md, "The transaction's shape was the
 * largest cost left", and change 16). Starts its own embedded PostgreSQL (or uses
 * BENCH_DATABASE_URL) and stops it at the end.
 */
import postgres from 'postgres';
import { connectSocket } from '../src/db/socket.js';
import { findSession, setTenant } from './floor/sql.js';
import { createTenants, seedSessions, sessionIds, startDatabase } from './lib/database.js';

const TENANT = 'statement-cost';
const OPS = 6000;
const CONCURRENCY = 8;

type Read = (c: postgres.ReservedSql, id: string) => Promise<unknown>;

// The floor's own statements (bench/floor/sql.ts), so that the four are what floor-pipelined sends.
const shapes: Record<string, Read> = {
  'one statement': (c, id) => findSession(c, TENANT, id).execute(),
  'four (a tenant transaction)': (c, id) => {
    c`begin`.catch(() => {});
    setTenant(c, TENANT).catch(() => {});
    return Promise.all([findSession(c, TENANT, id).execute(), c`commit`.execute()]);
  },
};

async function measure(sql: postgres.Sql, ids: string[], read: Read) {
  let i = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i < OPS) {
        const id = ids[i++ % ids.length]!;
        const c = await sql.reserve();
        try {
          await read(c, id);
        } finally {
          c.release();
        }
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { us: (used.user + used.system) / OPS, perSecond: OPS / ((performance.now() - started) / 1000) };
}

const db = await startDatabase(() => {});
try {
  await createTenants(db.appUrl, [TENANT]);
  await seedSessions(db.owner, TENANT, 10_000);
  await db.owner`analyze sessions`;
  const ids = await sessionIds(db.owner, TENANT);
  const sql = postgres(db.appUrl, {
    max: 4,
    onnotice: () => {},
    // The product's coalescing socket: each flight in one write (src/db/socket.ts); untyped in postgres.js.
    ...({ socket: connectSocket } as object),
  });
  try {
    // The first round warms up (JIT, prepared statements); the figures are the last two.
    for (let round = 1; round <= 3; round++) {
      for (const [name, read] of Object.entries(shapes)) {
        const m = await measure(sql, ids, read);
        if (round > 1) {
          console.log(
            `${name.padEnd(28)} ${m.us.toFixed(0).padStart(4)} us of Node CPU per read, ${m.perSecond.toFixed(0)} reads/s`,
          );
        }
      }
    }
  } finally {
    await sql.end();
  }
} finally {
  await db.stop();
}
