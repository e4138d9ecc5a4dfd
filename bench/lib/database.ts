/**
 * The benchmark's database: an embedded PostgreSQL in a temporary directory (or the superuser URL
 * in BENCH_DATABASE_URL, of an empty database), migrated, with the tenants and rows every scenario
 * needs seeded in SQL (seeding is not what is measured).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { APP_ROLE, createDatabase } from '../../src/db/client.js';
import { startEmbedded } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { systemClock } from '../../src/lib/clock.js';
import { ensureTenant } from '../../src/modules/tenants/service.js';

export interface BenchDatabase {
  ownerUrl: string;
  /** switchboard_app's login: neither superuser nor owner, so row-level security applies. */
  appUrl: string;
  owner: postgres.Sql;
  stop(): Promise<void>;
}

export async function startDatabase(log: (m: string) => void): Promise<BenchDatabase> {
  const external = process.env['BENCH_DATABASE_URL'];
  if (external) {
    await migrate(external);
    const owner = postgres(external, { max: 4, onnotice: () => {} });
    const password = `bench-${Date.now()}`;
    await owner.unsafe(`alter role ${APP_ROLE} login password '${password}'`);
    const url = new URL(external);
    url.username = APP_ROLE;
    url.password = password;
    return { ownerUrl: external, appUrl: url.toString(), owner, stop: () => owner.end() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  log(`embedded PostgreSQL in ${dir}`);
  const embedded = await startEmbedded({ dataDir: dir, database: 'switchboard' });
  await migrate(embedded.ownerUrl);
  const appUrl = await embedded.appUrl();
  const owner = postgres(embedded.ownerUrl, { max: 4, onnotice: () => {} });
  return {
    ownerUrl: embedded.ownerUrl,
    appUrl,
    owner,
    stop: async () => {
      await owner.end();
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Creates tenants the way the server does (row, audit chain head, tenant.created event). */
export async function createTenants(appUrl: string, ids: string[]) {
  const database = createDatabase({ url: appUrl, appRole: null, poolMax: 4 });
  const ctx = {
    db: database,
    clock: systemClock,
    actor: { type: 'system' as const, id: 'bench' },
    requestId: '',
    traceId: 'b'.repeat(32),
  };
  try {
    for (const id of ids) await ensureTenant(ctx, id, id);
  } finally {
    await database.close();
  }
}

/**
 * `count` sessions in one tenant, in one statement. Ids are PostgreSQL 18's uuidv7(), monotonic
 * within the statement, so id order is creation order as with the server's own ids.
 */
export async function seedSessions(
  owner: postgres.Sql,
  tenant: string,
  count: number,
  status: 'pending' | 'active' = 'pending',
) {
  await owner`
    insert into sessions (tenant_id, id, agent_role, status, metadata, version, created_at, updated_at,
                          started_at, expires_at)
    select ${tenant}, uuidv7(), 'seeded', ${status}, jsonb_build_object('n', i), 1, now(), now(),
           case when ${status} = 'active' then now() end, now() + interval '7 days'
      from generate_series(1, ${count}::int) as i`;
}

export async function seedTasks(owner: postgres.Sql, tenant: string, count: number) {
  await owner`
    insert into tasks (tenant_id, id, type, to_agent_role, status, priority, trace_id, max_attempts,
                       run_after, created_at, updated_at)
    select ${tenant}, uuidv7(), 'bench', 'worker', 'pending', 0, md5(i::text), 3,
           now() - interval '1 second', now() + i * interval '1 microsecond', now()
      from generate_series(1, ${count}::int) as i`;
}

export const sessionIds = async (owner: postgres.Sql, tenant: string, status?: string) =>
  (
    await owner<{ id: string }[]>`
      select id from sessions where tenant_id = ${tenant} ${status ? owner`and status = ${status}` : owner``}`
  ).map((r) => r.id);

/** `n` ids spread over the whole keyset of a tenant's sessions (each the cursor of a deep page). */
export const sampleIds = async (owner: postgres.Sql, tenant: string, n: number) =>
  (
    await owner<{ id: string }[]>`
      select id from sessions where tenant_id = ${tenant} order by random() limit ${n}`
  ).map((r) => r.id);
