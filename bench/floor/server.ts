/**
 * The floor: bare Fastify + postgres.js doing the product's SQL work by hand for the routes the
 * benchmark drives, with none of its framework (no auth, no zod, no logging, no hooks). The
 * tenant comes from X-Tenant-Id. Every transaction sets the tenant for row-level security, makes
 * its change, appends its audit event to the tenant's hash chain and commits, like the product.
 *
 * FLOOR_MODE=sequential (the floor of DESIGN.md): BEGIN, set_config, each statement and COMMIT
 * one after another, each awaited, as `sql.begin(async (tx) => ...)` is usually written.
 * FLOOR_MODE=pipelined: on a reserved connection BEGIN, set_config, the statements and COMMIT go
 * out in one flight, as the product's withTenantTx does: a read is one round trip, a
 * read-check-write two. It uses the product's coalescing socket (src/db/socket.ts), without which
 * postgres.js writes a flight past 1 KiB in two parts and a create can cost two round trips.
 * This is the tightest a hand-written server on this driver gets.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { connectSocket } from '../../src/db/socket.js';
import * as q from './sql.js';

type Query = (
  sql: postgres.Sql | postgres.TransactionSql | postgres.ReservedSql,
) => postgres.PendingQuery<q.Row[]>;
/** The rows of each query, in order (the first always there: callers send at least one). */
type Rows = [q.Row[], ...q.Row[][]];
interface FloorTx {
  /** Sends the queries and waits for their rows. */
  flight(...queries: Query[]): Promise<Rows>;
  /** Sends the queries and COMMIT, and waits for their rows. */
  commit(...queries: Query[]): Promise<Rows>;
}

const pipelinedMode = process.env['FLOOR_MODE'] === 'pipelined';
const sql = postgres(process.env['BENCH_DATABASE_URL']!, {
  max: Number(process.env['DB_POOL_MAX'] ?? 10),
  onnotice: () => {},
  ...(pipelinedMode ? ({ socket: connectSocket } as object) : {}),
});

async function sequential<T>(tenant: string, body: (tx: FloorTx) => Promise<T>): Promise<T> {
  return sql.begin(async (t) => {
    await q.setTenant(t, tenant);
    const run = async (...queries: Query[]) => {
      const rows: q.Row[][] = [];
      for (const query of queries) rows.push(await query(t));
      return rows as Rows;
    };
    return body({ flight: run, commit: run });
  }) as Promise<T>;
}

async function pipelined<T>(tenant: string, body: (tx: FloorTx) => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  let ended = false;
  try {
    // Not awaited: a failure here fails the next statement too, which is awaited.
    conn`begin`.catch(() => {});
    q.setTenant(conn, tenant).catch(() => {});
    const flight = (...queries: Query[]) =>
      Promise.all(queries.map((query) => query(conn))) as unknown as Promise<Rows>;
    const commit = async (...queries: Query[]) => {
      const sent = queries.map((query) => query(conn));
      const done = conn`commit`;
      ended = true;
      const settled = await Promise.allSettled([...sent, done]);
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      return settled
        .slice(0, queries.length)
        .map((r) => (r as PromiseFulfilledResult<q.Row[]>).value) as Rows;
    };
    const result = await body({ flight, commit });
    if (!ended) await conn`commit`;
    return result;
  } catch (error) {
    if (!ended) await conn`rollback`.catch(() => {});
    throw error;
  } finally {
    conn.release();
  }
}

const transaction = pipelinedMode ? pipelined : sequential;

const app = Fastify({ logger: false });
const tenantOf = (headers: Record<string, unknown>) => String(headers['x-tenant-id'] ?? '');
const trace = () => ({ requestId: randomUUID(), traceId: randomBytes(16).toString('hex') });

app.post('/v1/sessions', async (req, reply) => {
  const tenant = tenantOf(req.headers);
  const body = req.body as { agent_role: string; metadata?: object };
  const now = new Date();
  const id = uuidv7();
  const metadata = body.metadata ?? {};
  const { requestId, traceId } = trace();
  const [[row]] = await transaction(tenant, (tx) =>
    tx.commit(
      (s) => q.insertSession(s, tenant, id, body.agent_role, metadata, now),
      (s) =>
        q.appendAudit(
          s,
          tenant,
          'session.created',
          { type: 'session', id },
          { agent_role: body.agent_role, status: 'pending', task_id: null, metadata },
          'bench',
          requestId,
          traceId,
          now,
        ),
    ),
  );
  return reply.code(201).header('location', `/v1/sessions/${id}`).send(q.sessionDto(row!));
});

app.get('/v1/sessions/:id', async (req, reply) => {
  const tenant = tenantOf(req.headers);
  const { id } = req.params as { id: string };
  const [[row]] = await transaction(tenant, (tx) => tx.commit((s) => q.findSession(s, tenant, id)));
  if (!row) return reply.code(404).send({ status: 404 });
  return q.sessionDto(row);
});

app.get('/v1/sessions', async (req) => {
  const tenant = tenantOf(req.headers);
  const query = req.query as { cursor?: string; page_size?: string; page?: string };
  const size = Number(query.page_size ?? 20);
  if (query.page !== undefined) {
    const page = Number(query.page);
    const [rows, counts] = await transaction(tenant, (tx) =>
      tx.commit(
        (s) => q.pageSessions(s, tenant, (page - 1) * size, size),
        (s) => q.countSessions(s, tenant),
      ),
    );
    return {
      data: rows!.map(q.sessionDto),
      page_size: size,
      page,
      total: counts![0]!['n'],
      next_cursor: null,
    };
  }
  const after = query.cursor
    ? (JSON.parse(Buffer.from(query.cursor, 'base64url').toString()) as string)
    : undefined;
  const [rows] = await transaction(tenant, (tx) =>
    tx.commit((s) => q.listSessions(s, tenant, after, size + 1)),
  );
  const page = rows!.slice(0, size);
  const last = page[page.length - 1];
  return {
    data: page.map(q.sessionDto),
    page_size: size,
    next_cursor:
      rows!.length > size && last ? Buffer.from(JSON.stringify(last['id'])).toString('base64url') : null,
  };
});

app.post('/v1/sessions/:id/activate', async (req, reply) => {
  const tenant = tenantOf(req.headers);
  const { id } = req.params as { id: string };
  const { requestId, traceId } = trace();
  const result = await transaction(tenant, async (tx) => {
    const [[current]] = await tx.flight((s) => q.lockSession(s, tenant, id));
    if (!current) return 404;
    if (current['status'] !== 'pending') return 409;
    const now = new Date();
    const [[next]] = await tx.commit(
      (s) => q.activateSession(s, tenant, id, (current['version'] as number) + 1, now),
      (s) =>
        q.appendAudit(
          s,
          tenant,
          'session.status_changed',
          { type: 'session', id },
          { from: 'pending', to: 'active' },
          'bench',
          requestId,
          traceId,
          now,
        ),
    );
    return next!;
  });
  if (typeof result === 'number') return reply.code(result).send({ status: result });
  return q.sessionDto(result);
});

app.post('/v1/tasks/claim', async (req, reply) => {
  const tenant = tenantOf(req.headers);
  const body = req.body as { agent_role: string; session_id: string };
  const now = new Date();
  const lease = new Date(now.getTime() + 300_000);
  const { requestId, traceId } = trace();
  const task = await transaction(tenant, async (tx) => {
    const [[claimed]] = await tx.flight((s) =>
      q.claimTask(s, tenant, body.agent_role, body.session_id, now, lease),
    );
    if (!claimed?.['id']) {
      await tx.commit();
      return undefined;
    }
    await tx.commit((s) =>
      q.appendAudit(
        s,
        tenant,
        'task.claimed',
        { type: 'task', id: claimed['id'] as string },
        {
          from: 'pending',
          to: 'running',
          session_id: body.session_id,
          attempts: claimed['attempts'],
          lease_expires_at: lease,
        },
        'bench',
        requestId,
        traceId,
        now,
      ),
    );
    return claimed;
  });
  if (!task) return reply.code(204).send();
  return task; // the whole row, as the product returns the whole task
});

app.post('/v1/tasks/:id/complete', async (req, reply) => {
  const tenant = tenantOf(req.headers);
  const { id } = req.params as { id: string };
  const body = req.body as { session_id: string; output?: object };
  const { requestId, traceId } = trace();
  const result = await transaction(tenant, async (tx) => {
    const [[task]] = await tx.flight((s) => q.lockTask(s, tenant, id));
    if (!task) return 404;
    if (task['status'] !== 'running' || task['claimed_by_session_id'] !== body.session_id) return 409;
    const now = new Date();
    const output = body.output ?? {};
    const [[next]] = await tx.commit(
      (s) => q.completeTask(s, tenant, id, output, (task['version'] as number) + 1, now),
      (s) =>
        q.appendAudit(
          s,
          tenant,
          'task.completed',
          { type: 'task', id },
          {
            from: 'running',
            to: 'completed',
            session_id: body.session_id,
            attempts: task['attempts'],
            output,
          },
          'bench',
          requestId,
          traceId,
          now,
        ),
    );
    return next!;
  });
  if (typeof result === 'number') return reply.code(result).send({ status: result });
  return result;
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ url: url.replace('localhost', '127.0.0.1') });
process.once('SIGTERM', async () => {
  await app.close();
  await sql.end({ timeout: 5 });
  process.exit(0);
});
