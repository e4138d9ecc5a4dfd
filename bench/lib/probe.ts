import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { createTenants, startDatabase } from './database.js';

/**
 * A session create as the product sends it to create_session() (drizzle/0010): the tenant, the
 * row as JSON keyed by column, and the audit event's parameters (drizzle/0010's audit_append()
 * order, after the tenant; its `data` apart, as it is bound as jsonb). For the database probes
 * (audit-index-cost.ts, group-cost.ts).
 */
export function createParams(tenant: string) {
  const now = new Date().toISOString();
  const id = uuidv7();
  const session = {
    tenant_id: tenant,
    id,
    agent_role: 'bench',
    status: 'pending',
    metadata: { source: 'bench', n: 1 },
    version: 1,
    created_at: now,
    updated_at: now,
    expires_at: now,
  };
  const event = [
    '{"a":',
    '}',
    uuidv7(),
    now,
    'service',
    'bench',
    'session.created',
    'session',
    id,
    randomBytes(16).toString('hex'),
    null,
  ];
  return { tenant, session, event, data: { agent_role: 'bench' } };
}

/** create_session()'s parameters, in order: tenant, role (none), row, event. */
export const createSessionArgs = (tenant: string) => {
  const { session, event, data } = createParams(tenant);
  return [tenant, null, session, ...event, data];
};

/**
 * Runs `run` on one backend of a fresh embedded PostgreSQL (or BENCH_DATABASE_URL) as its owner,
 * with `tenants` created, and stops everything after: `pid` is the backend's, for cpuMsOf.
 */
export async function onOneBackend(
  tenants: string[],
  run: (c: postgres.ReservedSql, pid: number) => Promise<void>,
): Promise<void> {
  const db = await startDatabase(() => {});
  try {
    await createTenants(db.appUrl, tenants);
    const c = await db.owner.reserve();
    try {
      const pid = (await c<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
      await run(c, pid);
    } finally {
      c.release();
    }
  } finally {
    await db.stop();
  }
}

/** The median of some measurements. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
