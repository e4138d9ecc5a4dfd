import type postgres from 'postgres';

export interface SeedOptions {
  /** Event seq s occurred at base + s milliseconds (default base: now). */
  base?: Date;
  action?: string;
  /** Insert without firing triggers (no NOTIFY): as if the stream's notification were lost. */
  silent?: boolean;
}

/**
 * Appends `count` events to a tenant's chain in one SQL statement, as fast as PostgreSQL can hash:
 * a recursive query walks the chain from the current head, computing each hash exactly as the
 * application does (sha256 of prev_hash || canonical JSON, keys sorted), then inserts the events
 * and moves the head. Needs a superuser (or owner) connection: it bypasses the service layer.
 * Event n has resource_id `r-<seq>`, data `{"n": <seq>}` and a UUIDv7-shaped id derived from seq.
 */
export async function seedAuditEvents(
  sql: postgres.Sql,
  tenantId: string,
  count: number,
  o: SeedOptions = {},
): Promise<{ first: number; last: number }> {
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(tenantId)) throw new Error('invalid tenant id');
  const action = o.action ?? 'seed.event';
  if (!/^[a-z][a-z0-9_.]*$/.test(action)) throw new Error('invalid action');
  const base = (o.base ?? new Date()).toISOString();
  const trace = '5eed'.padEnd(32, '0');
  // The columns of event `s`, and its canonical JSON (keys in code-unit order), as SQL expressions.
  const id = (s: string) => `('0193b6c2-0000-7000-8000-' || lpad(to_hex(${s}), 12, '0'))`;
  const at = (s: string) => `('${base}'::timestamptz + ${s} * interval '1 millisecond')`;
  const iso = (s: string) => `to_char(${at(s)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const canonical = (s: string) =>
    `'{"action":"${action}","actor":{"id":"seeder","type":"service"},"data":{"n":' || ${s} || '},"id":"' || ${id(s)} || '","occurred_at":"' || ${iso(s)} || '","request_id":null,"resource_id":"r-' || ${s} || '","resource_type":"thing","seq":' || ${s} || ',"tenant_id":"${tenantId}","trace_id":"${trace}"}'`;
  const hash = (prev: string, s: string) =>
    `encode(sha256(convert_to(${prev} || ${canonical(s)}, 'UTF8')), 'hex')`;

  const [range] = await sql.begin(async (tx) => {
    if (o.silent) await tx`set local session_replication_role = replica`;
    const [head] = await tx<{ seq: string }[]>`
      select seq from audit_heads where tenant_id = ${tenantId} for update`;
    if (!head) throw new Error(`tenant ${tenantId} has no chain head`);
    const from = Number(head.seq) + 1;
    const to = from + count - 1;
    await tx.unsafe(`
      with recursive chain(seq, prev_hash, hash) as (
        select h.seq + 1, h.hash, ${hash('h.hash', '(h.seq + 1)')}
          from audit_heads h where h.tenant_id = '${tenantId}'
        union all
        select c.seq + 1, c.hash, ${hash('c.hash', '(c.seq + 1)')}
          from chain c where c.seq < ${to}
      ),
      inserted as (
        insert into audit_events (tenant_id, seq, id, occurred_at, actor_type, actor_id, action,
          resource_type, resource_id, trace_id, request_id, data, prev_hash, hash)
        select '${tenantId}', c.seq, ${id('c.seq')}::uuid, ${at('c.seq')}, 'service', 'seeder', '${action}',
               'thing', 'r-' || c.seq, '${trace}', null, jsonb_build_object('n', c.seq), c.prev_hash, c.hash
          from chain c
        returning seq
      )
      update audit_heads h set seq = last.seq, hash = last.hash, prev_hash = last.prev_hash
        from (select seq, hash, prev_hash from chain order by seq desc limit 1) last
       where h.tenant_id = '${tenantId}' and (select count(*) from inserted) = ${count}`);
    return [{ first: from, last: to }];
  });
  return range!;
}
