import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { withTenantTx } from '../src/db/tenant-tx.js';
import { purgeAuditEvents, purgeExpiredAuditEvents, retentionCutoff } from '../src/modules/audit/purge.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { takeWriterTurns, until } from './helpers/scheduler.js';
import { seedAuditEvents } from './helpers/seed-audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const system = () => ({
  db: t.db,
  clock: { now: () => new Date() },
  actor: { type: 'system' as const, id: 'retention' },
  requestId: '',
  traceId: 'a'.repeat(32),
});

/** Runs `fn` as the owner with the append-only trigger off, as a tamperer with table rights would. */
async function tamper(fn: () => Promise<unknown>) {
  await t.owner`alter table audit_events disable trigger audit_events_append_only`;
  try {
    await fn();
  } finally {
    await t.owner`alter table audit_events enable trigger audit_events_append_only`;
  }
}

describe('GET /v1/audit-events/verify', () => {
  it('verifies a chain written by the API and by the SQL seeder', async () => {
    const tenant = await t.newTenant();
    const writer = await t.client(tenant, 'sessions:write', 'audit:write');
    await writer.post('/v1/sessions', { agent_role: 'planner', metadata: { é: 'ü', n: 1.5 } });
    await writer.post('/v1/audit-events', {
      action: 'deploy.started',
      resource_type: 'deployment',
      resource_id: 'd1',
    });
    await seedAuditEvents(t.owner, tenant, 2500);
    await writer.post('/v1/audit-events', {
      action: 'deploy.finished',
      resource_type: 'deployment',
      resource_id: 'd1',
    });
    const api = await t.client(tenant, 'audit:read');
    const res = await api.get('/v1/audit-events/verify');
    expect(res.statusCode).toBe(200);
    // tenant.created, session.created, deploy.started, 2500 seeded, deploy.finished
    expect(res.json()).toEqual({
      ok: true,
      checked: 2504,
      from_seq: 1,
      to_seq: 2504,
      head_seq: 2504,
      purged_through_seq: 0,
      retained_from_seq: 1,
    });
    const part = await api.get('/v1/audit-events/verify?from_seq=1000&to_seq=1999');
    expect(part.json()).toMatchObject({ ok: true, checked: 1000, from_seq: 1000, to_seq: 1999 });
  });

  it('reports exactly the tampered event as the first break', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 3000);
    await tamper(
      () => t.owner`
      update audit_events set data = '{"n": 0}' where tenant_id = ${tenant} and seq = 1742`,
    );
    const api = await t.client(tenant, 'audit:read');
    const body = (await api.get('/v1/audit-events/verify')).json();
    const [stored] = await t.owner<{ hash: string }[]>`
      select hash from audit_events where tenant_id = ${tenant} and seq = 1742`;
    expect(body.ok).toBe(false);
    expect(body.checked).toBe(1741);
    expect(body.first_break).toMatchObject({ seq: 1742, reason: 'hash_mismatch', actual_hash: stored!.hash });
    expect(body.first_break.expected_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.first_break.expected_hash).not.toBe(stored!.hash);
    // A range before the tampered event is still intact.
    expect((await api.get('/v1/audit-events/verify?to_seq=1741')).json()).toMatchObject({
      ok: true,
      checked: 1741,
    });
  });

  it('detects a broken link, a missing event and a rewritten head', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 50);
    const api = await t.client(tenant, 'audit:read');
    await tamper(
      () => t.owner`
      update audit_events set prev_hash = ${'f'.repeat(64)} where tenant_id = ${tenant} and seq = 10`,
    );
    expect((await api.get('/v1/audit-events/verify')).json().first_break).toEqual({
      seq: 10,
      reason: 'prev_hash_mismatch',
      expected_hash: (
        await t.owner`select hash from audit_events where tenant_id = ${tenant} and seq = 9`
      )[0]!.hash,
      actual_hash: 'f'.repeat(64),
    });
    await tamper(() => t.owner`delete from audit_events where tenant_id = ${tenant} and seq in (5, 51)`);
    expect((await api.get('/v1/audit-events/verify')).json().first_break).toEqual({
      seq: 5,
      reason: 'missing_event',
      expected_hash: null,
      actual_hash: null,
    });
    // The newest event deleted: its seq is still on the chain head.
    expect((await api.get('/v1/audit-events/verify?from_seq=20')).json()).toMatchObject({
      ok: false,
      checked: 31,
      first_break: { seq: 51, reason: 'missing_event' },
    });
  });

  it('rejects an inverted range and needs audit:read in the caller tenant', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'audit:read');
    const bad = await api.get('/v1/audit-events/verify?from_seq=5&to_seq=2');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'query.to_seq', message: 'must not be less than from_seq' }]);
    expect((await t.app.inject({ url: '/v1/audit-events/verify' })).statusCode).toBe(401);
    const writer = await t.client(tenant, 'audit:write');
    expect((await writer.get('/v1/audit-events/verify')).json().code).toBe('insufficient_scope');
    // Tenant B's broken chain is invisible from tenant A.
    const other = await t.newTenant();
    await seedAuditEvents(t.owner, other, 5);
    await tamper(() => t.owner`update audit_events set data = '{}' where tenant_id = ${other} and seq = 3`);
    expect((await api.get('/v1/audit-events/verify')).json()).toMatchObject({
      ok: true,
      checked: 1,
      head_seq: 1,
    });
  });
});

describe('append-only', () => {
  it('refuses UPDATE and DELETE to the application role', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 3);
    for (const statement of [
      `update audit_events set data = '{}' where tenant_id = '${tenant}'`,
      `delete from audit_events where tenant_id = '${tenant}'`,
    ]) {
      await expect(
        withTenantTx({ db: t.db, tenantId: tenant }, (tx) => tx.execute(statement)),
      ).rejects.toMatchObject({ cause: { code: '42501' } });
    }
    // Not even by lifting the trigger's guard: the role has no DELETE right at all.
    await expect(
      withTenantTx({ db: t.db, tenantId: tenant }, async (tx) => {
        await tx.execute(`select set_config('switchboard.audit_purge', 'on', true)`);
        await tx.execute(`delete from audit_events where tenant_id = '${tenant}'`);
      }),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    const [n] = await t.owner`select count(*)::int as n from audit_events where tenant_id = ${tenant}`;
    expect(n!.n).toBe(4);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the owner (the trigger)', async () => {
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 3);
    await expect(t.owner`update audit_events set data = '{}' where tenant_id = ${tenant}`).rejects.toThrow(
      'audit_events is append-only: UPDATE is not allowed',
    );
    await expect(t.owner`delete from audit_events where tenant_id = ${tenant}`).rejects.toThrow(
      'audit_events is append-only: DELETE is not allowed',
    );
    await expect(t.owner`truncate audit_events`).rejects.toThrow('append-only: TRUNCATE');
    const rows = await t.owner`select data from audit_events where tenant_id = ${tenant} and seq = 2`;
    expect(rows[0]!.data).toEqual({ n: 2 });
  });
});

describe('retention purge', () => {
  const old = new Date('2020-01-01T00:00:00Z');

  it('deletes the oldest events in batches, records the boundary, and verify starts from it', async () => {
    const tenant = await t.newTenant(); // seq 1: tenant.created, now
    await seedAuditEvents(t.owner, tenant, 2500, { base: old }); // seq 2..2501, in 2020
    const api = await t.client(tenant, 'audit:read', 'audit:write');
    await api.post('/v1/audit-events', {
      action: 'deploy.started',
      resource_type: 'deployment',
      resource_id: 'x',
    });
    // The tenant.created event (seq 1) is recent: the purge stops before it and deletes nothing.
    expect((await purgeAuditEvents(system(), tenant, new Date('2021-01-01'), 1000)).deleted).toBe(0);

    const other = await t.newTenant();
    await seedAuditEvents(t.owner, other, 10, { base: old });
    const tenant2 = await t.newTenant();
    // Make the tenant.created event old too, as it would be after years.
    await tamper(
      () => t.owner`
      update audit_events set occurred_at = '2019-12-31T00:00:00Z' where tenant_id = ${tenant2}`,
    );
    await seedAuditEvents(t.owner, tenant2, 2500, { base: old });
    const cutoff = new Date(old.getTime() + 2000); // events seq < 2000 occurred before it
    const result = await purgeAuditEvents(system(), tenant2, cutoff, 700);
    const [boundary] = await t.owner<{ prev_hash: string }[]>`
      select prev_hash from audit_events where tenant_id = ${tenant2} and seq = 2000`;
    expect(result).toMatchObject({ deleted: 1999, purgedThroughSeq: 1999 });
    const [head] = await t.owner`select * from audit_heads where tenant_id = ${tenant2}`;
    expect(head).toMatchObject({ purged_through_seq: '1999', purged_through_hash: result.purgedThroughHash });
    const [left] = await t.owner`
      select min(seq)::int as min, max(seq)::int as max, count(*)::int as n from audit_events where tenant_id = ${tenant2}`;
    // 2000..2501 retained, plus the purge's own event.
    expect(left).toEqual({ min: 2000, max: 2502, n: 503 });
    const [event] = await t.owner`select * from audit_events where tenant_id = ${tenant2} and seq = 2502`;
    expect(event).toMatchObject({
      action: 'tenant.audit_purged',
      actor_type: 'system',
      actor_id: 'retention',
      data: { deleted: 1999, purged_through_seq: 1999, purged_through_hash: result.purgedThroughHash },
    });
    // The boundary hash is the one the first retained event links to.
    expect(result.purgedThroughHash).toBe(boundary!.prev_hash);

    const api2 = await t.client(tenant2, 'audit:read');
    expect((await api2.get('/v1/audit-events/verify')).json()).toEqual({
      ok: true,
      checked: 503,
      from_seq: 2000,
      to_seq: 2502,
      head_seq: 2502,
      purged_through_seq: 1999,
      retained_from_seq: 2000,
    });
    // Tampering with the first retained event is still caught.
    await tamper(
      () => t.owner`update audit_events set data = '{}' where tenant_id = ${tenant2} and seq = 2000`,
    );
    expect((await api2.get('/v1/audit-events/verify')).json().first_break).toMatchObject({
      seq: 2000,
      reason: 'hash_mismatch',
    });
    // Other tenants are untouched.
    const [others] = await t.owner`select count(*)::int as n from audit_events where tenant_id = ${other}`;
    expect(others!.n).toBe(11);
  });

  it("waits for a turn among the tenant's writers, since each batch locks the chain head", async () => {
    const tenant = await t.newTenant();
    await tamper(
      () => t.owner`update audit_events set occurred_at = '2019-12-31T00:00:00Z' where tenant_id = ${tenant}`,
    );
    await seedAuditEvents(t.owner, tenant, 5, { base: old });
    const turns = await takeWriterTurns(t.db, tenant);
    const purge = purgeAuditEvents(system(), tenant, new Date(old.getTime() + 10_000), 1000);
    try {
      await until(() => t.db.writers.waiting === 1);
      const [n] = await t.owner`select count(*)::int as n from audit_events where tenant_id = ${tenant}`;
      expect(n!.n).toBe(6);
    } finally {
      for (const leave of turns) leave();
    }
    const { deleted } = await purge;
    expect(deleted).toBeGreaterThan(0);
    const [n] = await t.owner`select count(*)::int as n from audit_events where tenant_id = ${tenant}`;
    expect(n!.n).toBe(6 - deleted + 1); // and the purge's own event
  });

  it('is off unless AUDIT_RETENTION_DAYS is set, and only for the transaction tenant', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(retentionCutoff(loadConfig({}), now)).toBeUndefined();
    expect(retentionCutoff(loadConfig({ AUDIT_RETENTION_DAYS: '30' }), now)).toEqual(
      new Date('2026-05-02T00:00:00Z'),
    );
    const tenant = await t.newTenant();
    await seedAuditEvents(t.owner, tenant, 5, { base: old });
    expect(await purgeExpiredAuditEvents({ ...system(), config: loadConfig({}) }, tenant)).toBeUndefined();
    const other = await t.newTenant();
    await expect(
      withTenantTx({ db: t.db, tenantId: other }, (tx) =>
        tx.execute(`select * from audit_purge('${tenant}', now(), 100)`),
      ),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    const [n] = await t.owner`select count(*)::int as n from audit_events where tenant_id = ${tenant}`;
    expect(n!.n).toBe(6);
  });
});
