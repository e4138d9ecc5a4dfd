import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTAL_LOOKAHEAD } from '../src/http/pagination.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { seedSessions } from './helpers/scheduler.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** `n` pending sessions of `tenant`, inserted in one statement (the audit chain is not what is tested). */
const seed = (tenant: string, n: number) =>
  seedSessions(t.owner, tenant, n, { status: 'pending', expiresIn: 86_400 });

describe('page mode totals', () => {
  it('counts exactly up to the lookahead past the page, then says the total is a lower bound', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'sessions:read');
    await seed(tenant, TOTAL_LOOKAHEAD + 25);

    const first = (await api.get('/v1/sessions?page=1&page_size=10')).json();
    expect(first).toMatchObject({ page: 1, total: TOTAL_LOOKAHEAD, total_capped: true, next_cursor: null });
    expect(first.data).toHaveLength(10);

    // Near the end the lookahead reaches past the last row: the total is exact again.
    const late = (await api.get('/v1/sessions?page=101&page_size=100')).json();
    expect(late).toMatchObject({ page: 101, total: TOTAL_LOOKAHEAD + 25, total_capped: false });
    expect(late.data).toHaveLength(25);

    const none = (await api.get('/v1/sessions?page=1&status=active')).json();
    expect(none).toMatchObject({ total: 0, total_capped: false, data: [] });
  });

  it('keeps the exact total of the original contract', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'sessions:read');
    await seed(tenant, TOTAL_LOOKAHEAD + 3);
    const legacy = (await api.get('/sessions?page=1&page_size=5')).json();
    expect(legacy).toMatchObject({ total: TOTAL_LOOKAHEAD + 3, page: 1, page_size: 5 });
  });

  it('counts small lists exactly in every module', async () => {
    const tenant = await t.newTenant();
    const api = await t.client(tenant, 'sessions:write', 'tasks:write', 'tasks:read', 'audit:read');
    await api.post('/v1/sessions', { agent_role: 'a' });
    await api.post('/v1/tasks', { type: 'x', to_agent_role: 'a' });
    expect((await api.get('/v1/tasks?page=1')).json()).toMatchObject({ total: 1, total_capped: false });
    expect((await api.get('/v1/audit-events?page=1&resource_type=task')).json()).toMatchObject({
      total: 1,
      total_capped: false,
    });
  });
});
