import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { expectedMigrations, migrate } from '../src/db/migrate.js';
import { randomId, withDatabase } from './helpers/app.js';

describe('migrations', () => {
  it('two migrators at once both succeed and the schema is applied once', async () => {
    const name = randomId('mig').replace('-', '_');
    const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      const url = withDatabase(inject('adminUrl'), name);
      await Promise.all([migrate(url), migrate(url), migrate(url)]);
      const db = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const [row] = await db<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(row!.n).toBe(expectedMigrations());
        const tables = await db<{ tablename: string; rowsecurity: boolean; forced: boolean }[]>`
          select c.relname as tablename, c.relrowsecurity as rowsecurity, c.relforcerowsecurity as forced
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind = 'r' order by 1`;
        const tenantOwned = tables.filter((t) => t.tablename !== 'tenants');
        expect(tenantOwned.length).toBeGreaterThanOrEqual(6);
        for (const t of tenantOwned)
          expect(t, t.tablename).toMatchObject({ rowsecurity: true, forced: true });
        await migrate(url); // a later start finds nothing to do
        const [again] = await db<
          { n: number }[]
        >`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(again!.n).toBe(expectedMigrations());
      } finally {
        await db.end();
      }
    } finally {
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});
