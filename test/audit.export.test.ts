import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenantTx } from '../src/db/tenant-tx.js';
import { EXPORT_TX } from '../src/modules/audit/export.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { get, listen } from './helpers/http.js';
import { seedAuditEvents } from './helpers/seed-audit.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t.app);
});
afterAll(async () => {
  await t?.close();
});

const auth = async (tenant: string) => ({ authorization: `Bearer ${await t.token(tenant, ['audit:read'])}` });

/** Backends of this database holding a transaction open (the export's, while it runs). */
async function openTransactions(): Promise<number> {
  const [row] = await t.owner<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
     where datname = current_database() and xact_start is not null and pid <> pg_backend_pid()`;
  return row!.n;
}

describe('GET /v1/audit-events/export', () => {
  it('streams 100,000 events, complete, ordered and parseable line by line', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 100_000);
    const { res } = await get(`${base}/v1/audit-events/export`, await auth(tenant));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    let lines = 0;
    const outOfOrder: number[] = [];
    let last: Record<string, unknown> | undefined;
    for await (const line of createInterface({ input: res, crlfDelay: Number.POSITIVE_INFINITY })) {
      const event = JSON.parse(line);
      lines++;
      // Each line is the next event of the chain: seq + 1, linked to the previous line's hash.
      if (event.seq !== lines || (last && event.prev_hash !== last.hash)) outOfOrder.push(lines);
      last = event;
    }
    expect(outOfOrder).toEqual([]);
    expect(lines).toBe(100_001);
    expect(last).toMatchObject({ seq: 100_001, resource_id: 'r-100001', data: { n: 100_001 } });
    const [head] = await t.owner`select hash from audit_heads where tenant_id = ${tenant}`;
    expect(last!.hash).toBe(head!.hash);
  }, 120_000);

  it('applies the list filters and an inclusive seq range', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 300);
    const api = await t.client(tenant, 'audit:read', 'audit:write');
    await api.post('/v1/audit-events', {
      action: 'deploy.started',
      resource_type: 'deployment',
      resource_id: 'r-7',
    });
    const lines = async (query: string) => {
      const res = await api.get(`/v1/audit-events/export${query}`);
      expect(res.statusCode).toBe(200);
      return res.body === ''
        ? []
        : res.body
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l));
    };
    expect((await lines('?from_seq=10&to_seq=14')).map((e) => e.seq)).toEqual([10, 11, 12, 13, 14]);
    expect((await lines('?resource_id=r-7')).map((e) => e.action)).toEqual(['seed.event', 'deploy.started']);
    expect((await lines('?action=deploy.started&from_seq=300')).map((e) => e.seq)).toEqual([302]);
    expect((await lines('?after_seq=299&to_seq=301')).map((e) => e.seq)).toEqual([300, 301]);
    expect(await lines('?from_seq=1000')).toEqual([]);
    const list = (await api.get('/v1/audit-events?page_size=3')).json().data;
    expect((await lines('?to_seq=3')).slice(0)).toEqual(list);
    expect((await api.get('/v1/audit-events/export?from_seq=9&to_seq=3')).statusCode).toBe(400);
  });

  it('reads one snapshot: events committed after the export started are not in it', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 20_000);
    const { res } = await get(`${base}/v1/audit-events/export`, await auth(tenant));
    const lines = createInterface({ input: res, crlfDelay: Number.POSITIVE_INFINITY });
    const iterator = lines[Symbol.asyncIterator]();
    expect(JSON.parse((await iterator.next()).value).seq).toBe(1);
    await seedAuditEvents(t.owner, tenant, 10);
    let n = 1;
    let last = 1;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      last = JSON.parse(r.value).seq;
      n++;
    }
    expect({ n, last }).toEqual({ n: 20_001, last: 20_001 });
  });

  it('ends its transaction and releases the connection when the client disconnects', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 50_000);
    const { res, req } = await get(`${base}/v1/audit-events/export`, await auth(tenant));
    await new Promise((resolve) => res.once('data', resolve));
    res.pause(); // a slow reader: the server stops reading ahead, its transaction stays open
    await vi.waitFor(async () => expect(await openTransactions()).toBe(1), { timeout: 5000 });
    req.destroy();
    await vi.waitFor(async () => expect(await openTransactions()).toBe(0), { timeout: 5000 });
    // The pool is whole again: every connection can be reserved.
    const conns = await Promise.all(Array.from({ length: 10 }, () => t.db.sql.reserve()));
    for (const c of conns) c.release();
  });

  it('runs in a read-only snapshot that outlives the role timeouts', async () => {
    const tenant = await t.newTenant();
    const settings = await withTenantTx(
      { db: t.db, tenantId: tenant },
      (tx) =>
        tx.execute(`select current_setting('transaction_isolation') as isolation,
                       current_setting('transaction_read_only') as read_only,
                       current_setting('statement_timeout') as statement_timeout,
                       current_setting('idle_in_transaction_session_timeout') as idle_timeout,
                       current_setting('app.tenant_id') as tenant`),
      EXPORT_TX,
    );
    expect(settings[0]).toEqual({
      isolation: 'repeatable read',
      read_only: 'on',
      statement_timeout: '5min',
      idle_timeout: '15min',
      tenant,
    });
  });

  it('requires audit:read', async () => {
    const tenant = await t.newTenant();
    expect((await t.app.inject({ url: '/v1/audit-events/export' })).statusCode).toBe(401);
    const writer = await t.client(tenant, 'audit:write');
    expect((await writer.get('/v1/audit-events/export')).json().code).toBe('insufficient_scope');
  });
});
