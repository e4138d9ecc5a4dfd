import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

/*
 * The Citus-readiness claim of docs/scaling.md, checked on the live schema: every table with a
 * tenant_id column except tenants (the reference table) can be distributed by tenant_id, so its
 * primary key, unique constraints, unique indexes and foreign keys all include tenant_id, and a
 * foreign key to another tenant-owned table maps tenant_id to tenant_id (co-located shards).
 */

interface Violation {
  table: string;
  object: string;
  problem: string;
}

async function citusViolations(sql: postgres.Sql, schema: string): Promise<Violation[]> {
  const rows = await sql<Violation[]>`
    with tenant_tables as (
      select c.oid, c.relname, a.attnum as tenant_att
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
       where n.nspname = ${schema} and c.relkind in ('r', 'p') and c.relname <> 'tenants'
    )
    select t.relname as table, '(none)' as object, 'has no primary key' as problem
      from tenant_tables t
     where not exists (select 1 from pg_constraint k where k.conrelid = t.oid and k.contype = 'p')
    union all
    select t.relname, k.conname,
           case k.contype when 'p' then 'primary key' when 'u' then 'unique constraint'
                          else 'foreign key' end || ' without tenant_id'
      from tenant_tables t
      join pg_constraint k on k.conrelid = t.oid and k.contype in ('p', 'u', 'f')
     where not t.tenant_att = any (k.conkey)
    union all
    select t.relname, i.indexrelid::regclass::text, 'unique index without tenant_id'
      from tenant_tables t
      join pg_index i on i.indrelid = t.oid and i.indisunique
     where not t.tenant_att = any (i.indkey::int2[])
    union all
    -- Between tenant-owned tables, tenant_id must reference tenant_id (the same shard).
    select t.relname, k.conname, 'foreign key does not map tenant_id to tenant_id'
      from tenant_tables t
      join pg_constraint k on k.conrelid = t.oid and k.contype = 'f'
      join tenant_tables r on r.oid = k.confrelid
     where not exists (
       select 1 from unnest(k.conkey, k.confkey) as m(local, remote)
        where m.local = t.tenant_att and m.remote = r.tenant_att)
    order by 1, 2, 3`;
  return [...rows];
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the schema is ready to distribute by tenant_id (Citus)', () => {
  it('every key, unique constraint, unique index and foreign key of a tenant-owned table includes tenant_id', async () => {
    const [row] = await t.owner<{ n: number }[]>`
      select count(distinct c.relname)::int as n
        from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
       where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname <> 'tenants'`;
    expect(row!.n).toBeGreaterThanOrEqual(6); // sessions, tasks, approvals, audit_events, audit_heads, idempotency_keys
    expect(await citusViolations(t.owner, 'public')).toEqual([]);
  });

  it('reports a table that breaks the rule (the check can fail)', async () => {
    await t.owner
      .begin(async (tx) => {
        await tx.unsafe(`
        create schema citus_probe;
        create table citus_probe.parents (tenant_id text not null, id text not null, primary key (tenant_id, id));
        create table citus_probe.children (
          tenant_id text not null, id text not null, parent_id text, code text, other_tenant text,
          primary key (id),
          unique (code),
          foreign key (other_tenant, parent_id) references citus_probe.parents (tenant_id, id));
        create unique index children_code_lower on citus_probe.children (lower(code));
        create table citus_probe.orphans (tenant_id text not null, note text);`);
        const expected = [
          {
            table: 'children',
            object: 'children_other_tenant_parent_id_fkey',
            problem: 'foreign key without tenant_id',
          },
          {
            table: 'children',
            object: 'children_other_tenant_parent_id_fkey',
            problem: 'foreign key does not map tenant_id to tenant_id',
          },
          { table: 'children', object: 'children_code_key', problem: 'unique constraint without tenant_id' },
          { table: 'children', object: 'children_pkey', problem: 'primary key without tenant_id' },
          {
            table: 'children',
            object: 'citus_probe.children_code_key',
            problem: 'unique index without tenant_id',
          },
          {
            table: 'children',
            object: 'citus_probe.children_code_lower',
            problem: 'unique index without tenant_id',
          },
          {
            table: 'children',
            object: 'citus_probe.children_pkey',
            problem: 'unique index without tenant_id',
          },
          { table: 'orphans', object: '(none)', problem: 'has no primary key' },
        ];
        const found = await citusViolations(tx as unknown as postgres.Sql, 'citus_probe');
        expect(found).toHaveLength(expected.length);
        expect(found).toEqual(expect.arrayContaining(expected));
        await tx`rollback`.catch(() => {});
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
  });
});
