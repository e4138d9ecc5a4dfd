import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TxOptions, withTenantTx } from '../src/db/tenant-tx.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';
import { seedSessions } from './helpers/scheduler.js';

/*
 * A tenant the planner's statistics do not know yet (created since the last ANALYZE, which runs
 * only once a tenth of the table has changed) must still be read through the primary key.
 *
 * When every tenant ANALYZE saw fits in its most-common-values list, PostgreSQL estimates one row
 * for any other tenant, and a plan made for that tenant's value ties the primary key with
 * (tenant_id, created_at): it picked the latter, which reads every row of the tenant to find one
 * (here: 153 buffers and 2.2 ms for a get in a 20,000-row tenant, against 4 buffers and 0.08 ms).
 * PostgreSQL makes such a plan for the first five runs of a prepared statement on each
 * connection (and again after each ANALYZE), then settles on the generic plan, which does not
 * look at the value, unless it estimates the generic plan costlier: then it plans every run anew,
 * as it did for each page of the session list. Tenant transactions use the generic plan from the
 * first run.
 *
 * Except lists filtered by a time range on a column their order does not follow (sessions by
 * creation time, in id order): which index reads fewer rows depends on the range's values, which a
 * generic plan does not look at. It walked the primary key back from the newest session, reading
 * the whole tenant when no session fell in the range (131 ms a page at 300,000 sessions).
 */
const ROWS = 20_000;
const PENDING = { status: 'pending', expiresIn: 86_400 } as const;

let t: TestApp;
let api: Client;
let fresh: string;
let id: string;

beforeAll(async () => {
  // One connection, so that the statements the requests prepared are the ones explained below.
  t = await createTestApp({ poolMax: 1 });
  await t.owner`alter table sessions set (autovacuum_enabled = false)`;
  await seedSessions(t.owner, await t.newTenant(), ROWS, PENDING);
  await t.owner`analyze sessions`;
  fresh = await t.newTenant();
  id = (await seedSessions(t.owner, fresh, ROWS, PENDING))[ROWS / 2]!;
  api = await t.client(fresh, 'sessions:read', 'sessions:write', 'audit:read');
});
afterAll(async () => {
  await t?.close();
});

/** The plan of the app's own prepared statement whose text matches `pattern`, run with `args`. */
async function planOf(pattern: RegExp, args: string, options?: TxOptions) {
  return withTenantTx(
    { db: t.db, tenantId: fresh },
    async (tx) => {
      const prepared = (await tx.execute(
        sql`select name, statement from pg_prepared_statements`,
      )) as unknown as {
        name: string;
        statement: string;
      }[];
      const found = prepared.filter((p) => pattern.test(p.statement));
      expect(found).toHaveLength(1);
      const [row] = (await tx.execute(
        sql.raw(`explain (analyze, buffers, format json) execute "${found[0]!.name}"(${args})`),
      )) as unknown as { 'QUERY PLAN': unknown }[];
      return JSON.stringify(row!['QUERY PLAN']);
    },
    options,
  );
}

/** How often the app's prepared statements whose text matches `like` were planned, generic and custom. */
async function plansOf(like: string) {
  const rows = await withTenantTx({ db: t.db, tenantId: fresh }, (tx) =>
    tx.execute(sql`
      select generic_plans, custom_plans from pg_prepared_statements where statement like ${like}`),
  );
  return rows.map((r) => [Number(r['generic_plans']), Number(r['custom_plans'])]);
}

it('reads a session of a tenant the statistics do not know through the primary key', async () => {
  // GET by id runs read_session() (drizzle/0009_point_reads.sql), whose plan EXPLAIN cannot show:
  // the indexes it scanned are counted instead. Six runs: PostgreSQL's own choice would plan the
  // first five for the value.
  const before = await indexScans();
  for (let i = 0; i < 6; i++) expect((await api.get(`/v1/sessions/${id}`)).statusCode).toBe(200);
  const after = await indexScans();
  expect(after.pk - before.pk).toBe(6);
  expect(after.created - before.created).toBe(0);
});

/** Scans of the sessions' primary key and of (tenant_id, created_at), all connections' counts. */
async function indexScans() {
  // The pool's one connection has run the requests: its pending counts are flushed at the end of
  // this transaction, and read in the next.
  await t.db.sql`select pg_stat_force_next_flush()`;
  const [row] = await t.db.sql<{ pk: string; created: string }[]>`
    select pg_stat_get_numscans('sessions_tenant_id_id_pk'::regclass) as pk,
           pg_stat_get_numscans('sessions_tenant_created_idx'::regclass) as created`;
  return { pk: Number(row!.pk), created: Number(row!.created) };
}

it('updates one through the primary key too', async () => {
  const res = await api.patch(`/v1/sessions/${id}`, { metadata: { n: 1 } });
  expect(res.statusCode).toBe(200);
  const plan = await planOf(
    /^update "sessions" set "metadata" = \$1, "version" = \$2, "updated_at" = \$3 where/,
    `'{}', 3, now(), '${fresh}', '${id}'`,
  );
  expect(plan).toContain('"Index Name":"sessions_tenant_id_id_pk"');
  expect(plan).not.toContain('Rows Removed by Filter');
});

it('plans a list page once per connection, not on every request', async () => {
  const cursor = Buffer.from(JSON.stringify(id)).toString('base64url');
  for (let i = 0; i < 10; i++) {
    expect((await api.get('/v1/sessions?status=pending')).statusCode).toBe(200);
    expect((await api.get(`/v1/sessions?status=pending&cursor=${cursor}`)).statusCode).toBe(200);
  }
  const plans = await plansOf('%order by "sessions"."id" desc limit%');
  // Left to choose, PostgreSQL planned both statements anew on every request (10 of 10 runs).
  expect(plans.map(([generic, custom]) => [generic! >= 10, custom])).toEqual([
    [true, 0],
    [true, 0],
  ]);
});

it('reads the list without filters through the primary key, first page and after a cursor', async () => {
  // Those pages are read by read_sessions_page() (drizzle/0009_point_reads.sql).
  const cursor = Buffer.from(JSON.stringify(id)).toString('base64url');
  const before = await indexScans();
  for (let i = 0; i < 6; i++) {
    expect((await api.get('/v1/sessions')).json().data).toHaveLength(20);
    expect((await api.get(`/v1/sessions?cursor=${cursor}`)).json().data[0].id < id).toBe(true);
  }
  const after = await indexScans();
  expect(after.pk - before.pk).toBe(12);
  expect(after.created - before.created).toBe(0);
});

it('plans a list filtered by creation time for the times given', async () => {
  // Every session of the tenant was created a minute ago: none before two minutes ago.
  const before = new Date(Date.now() - 120_000).toISOString();
  for (let i = 0; i < 6; i++) {
    const res = await api.get(`/v1/sessions?created_before=${before}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([]);
  }
  expect(await plansOf('%"created_at" < $2) order by%')).toEqual([[0, 6]]);
  const plan = await planOf(/"created_at" < \$2\) order by/, `'${fresh}', '${before}', 21`, {
    plans: 'custom',
  });
  // Through (tenant_id, created_at), which has nothing in the range, not the whole tenant in id order.
  expect(plan).toContain('"Index Name":"sessions_tenant_created_idx"');
  expect(plan).not.toContain('Rows Removed by Filter');
});

it('plans the audit log filtered by time for the times given too', async () => {
  const after = new Date(Date.now() + 3_600_000).toISOString();
  for (let i = 0; i < 6; i++) {
    expect((await api.get(`/v1/audit-events?occurred_after=${after}`)).statusCode).toBe(200);
  }
  expect(await plansOf('%"occurred_at" >= $2%')).toEqual([[0, 6]]);
});
