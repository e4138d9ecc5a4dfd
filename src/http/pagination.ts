import { z } from 'zod';
import { type Executable, type Tx, type TxOptions, type TxScope, withTenantTx } from '../db/tenant-tx.js';
import { Problem } from './problem.js';

/*
 * Every list takes `page_size` with either `page` (offset pages, with `total`) or `cursor`
 * (keyset, opaque, stays fast at any depth). Without either, the first cursor page is returned.
 */

export const paginationFields = {
  page_size: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page, 1 to 100.'),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe(
      '1-based page number (offset pagination; the response carries `page` and `total`). Not with `cursor`. ' +
        'A page costs a scan of every row before it, so deep pages get slower; `cursor` pages cost the same at any depth and are the way to walk a large list.',
    ),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe("Opaque cursor from a previous response's `next_cursor` (keyset pagination). Not with `page`."),
};

export const noPageWithCursor = (
  q: { page?: number | undefined; cursor?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (q.page !== undefined && q.cursor !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'use either page or cursor, not both' });
  }
};

/**
 * How far past the requested page `total` counts, in page mode. Counting is O(rows counted), so
 * an exact total over a million rows costs a scan of a million index entries on every page;
 * counted to at most offset + 10,000 it costs about as much as the page itself.
 */
export const TOTAL_LOOKAHEAD = 10_000;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    page_size: z.number().int(),
    page: z.number().int().optional().describe('Present in page mode.'),
    total: z
      .number()
      .int()
      .optional()
      .describe(
        `Present in page mode: items matching the filters, counted up to ${TOTAL_LOOKAHEAD.toLocaleString('en')} past the start of the page. When more match, \`total\` is that bound and \`total_capped\` is true. To walk large lists, use \`cursor\`: its cost does not grow with depth.`,
      ),
    total_capped: z
      .boolean()
      .optional()
      .describe(
        `Present in page mode: true when more items match than were counted, so that \`total\` is a lower bound.`,
      ),
    next_cursor: z
      .string()
      .nullable()
      .describe('Cursor of the next page; null on the last page (and in page mode).'),
  });

export type Paging<K> =
  | { mode: 'cursor'; after: K | undefined; limit: number; pageSize: number }
  | {
      mode: 'page';
      page: number;
      offset: number;
      limit: number;
      pageSize: number;
      /** Rows counted at most for `total` (offset + TOTAL_LOOKAHEAD + 1), or undefined: count all. */
      countLimit: number | undefined;
    };

/** Turns the query into a plan; `key` validates the decoded cursor's content. */
export function paging<K>(
  q: { page_size: number; page?: number | undefined; cursor?: string | undefined },
  key: z.ZodType<K>,
  o: { exactTotal?: boolean } = {},
): Paging<K> {
  if (q.page !== undefined) {
    const offset = (q.page - 1) * q.page_size;
    return {
      mode: 'page',
      page: q.page,
      offset,
      limit: q.page_size,
      pageSize: q.page_size,
      countLimit: o.exactTotal ? undefined : offset + TOTAL_LOOKAHEAD + 1,
    };
  }
  // One row more than the page tells whether there is a next page, without a second query.
  return {
    mode: 'cursor',
    after: q.cursor === undefined ? undefined : decodeCursor(q.cursor, key),
    limit: q.page_size + 1,
    pageSize: q.page_size,
  };
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<K>(cursor: string, key: z.ZodType<K>): K {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = key.safeParse(raw);
  if (!parsed.success) {
    throw new Problem('invalid_cursor', 'cursor is not a cursor this list returned', {
      errors: [{ path: 'query.cursor', message: 'invalid cursor' }],
    });
  }
  return parsed.data;
}

export interface PageResult<T> {
  data: T[];
  page_size: number;
  page?: number;
  total?: number;
  total_capped?: boolean;
  next_cursor: string | null;
}

export function cursorPage<R, T>(
  rows: R[],
  plan: { pageSize: number },
  toDto: (r: R) => T,
  keyOf: (r: R) => unknown,
): PageResult<T> {
  const more = rows.length > plan.pageSize;
  const page = more ? rows.slice(0, plan.pageSize) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map(toDto),
    page_size: plan.pageSize,
    next_cursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

export function offsetPage<R, T>(
  rows: R[],
  plan: { page: number; pageSize: number; countLimit: number | undefined },
  counted: number,
  toDto: (r: R) => T,
): PageResult<T> {
  const capped = plan.countLimit !== undefined && counted >= plan.countLimit;
  return {
    data: rows.map(toDto),
    page_size: plan.pageSize,
    page: plan.page,
    total: capped ? plan.countLimit! - 1 : counted,
    total_capped: capped,
    next_cursor: null,
  };
}

export interface PageQueries<K, R> {
  /** Rows after the keyset position `after`, in list order. */
  keyset: (after: K | undefined, limit: number) => Executable<R[]>;
  offset: (offset: number, limit: number) => Executable<R[]>;
  /** Counts the matching rows, at most `limit` of them when it is given. */
  count: (limit: number | undefined) => Executable<{ n: number }[]>;
}

/** Runs a list in one flight with COMMIT: one query in cursor mode, the page and its count in page mode. */
export async function listPage<K, R, T>(
  tx: Tx,
  plan: Paging<K>,
  q: PageQueries<K, R>,
  toDto: (r: R) => T,
  keyOf: (r: R) => K,
): Promise<PageResult<T>> {
  if (plan.mode === 'cursor') {
    const [rows] = await tx.commit(q.keyset(plan.after, plan.limit));
    return cursorPage(rows, plan, toDto, keyOf);
  }
  const [rows, counted] = await tx.commit(q.offset(plan.offset, plan.limit), q.count(plan.countLimit));
  return offsetPage(rows, plan, counted[0]?.n ?? 0, toDto);
}

/** The list queries of a tenant-owned resource, as its repository exports them, for filters F. */
export interface TenantLists<F, K, R> {
  listAfter(tx: Tx, tenantId: string, f: F, after: K | undefined, limit: number): Executable<R[]>;
  listPage(tx: Tx, tenantId: string, f: F, offset: number, limit: number): Executable<R[]>;
  count(tx: Tx, tenantId: string, f: F, limit?: number): Executable<{ n: number }[]>;
}

/** A repository's list queries, bound to one transaction, tenant and set of filters. */
export const boundLists = <F, K, R>(
  lists: TenantLists<F, K, R>,
  tx: Tx,
  tenantId: string,
  f: F,
): PageQueries<K, R> => ({
  keyset: (after, limit) => lists.listAfter(tx, tenantId, f, after, limit),
  offset: (offset, limit) => lists.listPage(tx, tenantId, f, offset, limit),
  count: (limit) => lists.count(tx, tenantId, f, limit),
});

export interface ListQuery {
  page_size: number;
  page?: number | undefined;
  cursor?: string | undefined;
}

/**
 * A page in cursor mode read by one statement that sets the tenant itself (tenantRead in
 * src/db/statements.ts), for a list that has one: the same page, cursor and errors as
 * listInTenant's, without a transaction.
 */
export async function readCursorPage<K, R, T>(
  q: ListQuery,
  page: { key: z.ZodType<K>; keyOf: (r: R) => K; toDto: (r: R) => T },
  read: (after: K | null, limit: number) => Promise<R[]>,
): Promise<PageResult<T>> {
  const plan = paging(q, page.key);
  if (plan.mode !== 'cursor') throw new Error('readCursorPage reads cursor pages only');
  return cursorPage(await read(plan.after ?? null, plan.limit), plan, page.toDto, page.keyOf);
}

/**
 * The transaction options of a list filtered by `ranges`: the time ranges it takes on a column its
 * order does not follow (sessions' created_at in id order, events' occurred_at in seq order).
 * Which index reads fewer rows then depends on where a range falls, so such a list is planned for
 * its values (see SET_TENANT in tenant-tx.ts); without a range, generically.
 */
export const plansFor = (...ranges: unknown[]): TxOptions => ({
  plans: ranges.some((r) => r !== undefined) ? 'custom' : 'generic',
});

/** A list of a tenant-owned resource: the plan from the query, then one flight in the tenant's transaction. */
export function listInTenant<F, K, R, T>(
  ctx: TxScope,
  q: F & ListQuery,
  lists: TenantLists<F, K, R>,
  page: { key: z.ZodType<K>; keyOf: (r: R) => K; toDto: (r: R) => T; exactTotal?: boolean | undefined },
  options?: TxOptions,
): Promise<PageResult<T>> {
  const plan = paging(q, page.key, { exactTotal: page.exactTotal === true });
  return withTenantTx(
    ctx,
    (tx) => listPage(tx, plan, boundLists(lists, tx, ctx.tenantId, q), page.toDto, page.keyOf),
    options,
  );
}
