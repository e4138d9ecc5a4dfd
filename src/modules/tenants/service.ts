import { pgError } from '../../db/errors.js';
import type { TenantRow, TenantSettings } from '../../db/schema.js';
import { withAuditedTx, withTenantTx } from '../../db/tenant-tx.js';
import type { RequestContext } from '../../http/context.js';
import { matches } from '../../http/etag.js';
import { listPage, paging } from '../../http/pagination.js';
import { notFound, Problem, versionMismatch } from '../../http/problem.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { insertHead } from '../audit/repository.js';
import * as audit from '../audit/service.js';
import * as repo from './repository.js';
import { TenantId, toTenantDto } from './schemas.js';

export type AdminCtx = Pick<RequestContext, 'db' | 'clock' | 'actor' | 'requestId' | 'traceId' | 'onCommit'>;

/** Tenant administration runs in the scope of the tenant it changes, and audits into its chain. */
const scope = (ctx: AdminCtx, tenantId: string) => ({ db: ctx.db, tenantId, onCommit: ctx.onCommit });
const ref = (id: string) => ({ type: 'tenant', id });

export interface CreateTenantInput {
  id: string;
  name: string;
  settings?: TenantSettings | undefined;
}

export async function createTenant(ctx: AdminCtx, input: CreateTenantInput): Promise<TenantRow> {
  const now = ctx.clock.now();
  const row = {
    id: input.id,
    name: input.name,
    settings: input.settings ?? {},
    createdAt: now,
    updatedAt: now,
  };
  try {
    return await withAuditedTx(scope(ctx, input.id), async (tx) => {
      const [[tenant]] = await tx.commit(
        repo.insert(tx, row),
        insertHead(tx, input.id),
        audit.record(tx, ctx, 'tenant.created', ref(input.id), { name: row.name, settings: row.settings }),
      );
      return tenant!;
    });
  } catch (error) {
    if (pgError(error)?.code === '23505') {
      throw new Problem('already_exists', `tenant ${input.id} already exists`, { resource_type: 'tenant' });
    }
    throw error;
  }
}

/** Startup seeding (the development `demo` tenant): creates it once, audited, and leaves it alone after. */
export async function ensureTenant(ctx: AdminCtx, id: string, name: string): Promise<boolean> {
  const now = ctx.clock.now();
  return withAuditedTx(scope(ctx, id), async (tx) => {
    const [created] = await repo.insertIfMissing(tx, {
      id,
      name,
      settings: {},
      createdAt: now,
      updatedAt: now,
    });
    if (!created) return false;
    await tx.commit(
      insertHead(tx, id),
      audit.record(tx, ctx, 'tenant.created', ref(id), { name, settings: {} }),
    );
    return true;
  });
}

export async function getTenant(ctx: AdminCtx, id: string): Promise<TenantRow> {
  const [tenant] = await withTenantTx(
    scope(ctx, id),
    async (tx) => (await tx.commit(repo.findById(tx, id)))[0],
  );
  if (!tenant) throw notFound('tenant', id);
  return tenant;
}

export function listTenants(
  ctx: AdminCtx,
  q: { page_size: number; page?: number | undefined; cursor?: string | undefined },
) {
  const plan = paging(q, TenantId);
  // No tenant in scope: the tenants table has no row-level security, tenant-owned tables show nothing.
  return withTenantTx(scope(ctx, ''), (tx) =>
    listPage(
      tx,
      plan,
      {
        keyset: (after, limit) => repo.listAfter(tx, after, limit),
        offset: (offset, limit) => repo.listPage(tx, offset, limit),
        count: (limit) => repo.count(tx, limit),
      },
      toTenantDto,
      (row) => row.id,
    ),
  );
}

export interface TenantPatch {
  name?: string | undefined;
  settings?: Record<string, number | null | undefined> | undefined;
  disabled?: boolean | undefined;
}

export async function updateTenant(
  ctx: AdminCtx,
  id: string,
  patch: TenantPatch,
  ifMatch?: number[],
): Promise<TenantRow> {
  return withAuditedTx(scope(ctx, id), async (tx) => {
    const [current] = await repo.lockById(tx, id);
    if (!current) throw notFound('tenant', id);
    if (!matches(ifMatch, current.version)) throw versionMismatch(current.version);
    const values: Partial<TenantRow> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (patch.name !== undefined && patch.name !== current.name) {
      values.name = patch.name;
      changes['name'] = { from: current.name, to: patch.name };
    }
    if (patch.settings !== undefined) {
      const merged: Record<string, unknown> = { ...current.settings };
      for (const [key, value] of Object.entries(patch.settings)) {
        if (value === null) delete merged[key];
        else if (value !== undefined) merged[key] = value;
      }
      if (canonicalJson(merged) !== canonicalJson(current.settings)) {
        values.settings = merged as TenantSettings;
        changes['settings'] = { from: current.settings, to: merged };
      }
    }
    if (patch.disabled !== undefined && patch.disabled !== (current.disabledAt !== null)) {
      values.disabledAt = patch.disabled ? ctx.clock.now() : null;
      changes['disabled'] = { from: !patch.disabled, to: patch.disabled };
    }
    if (Object.keys(values).length === 0) return current;
    const [[next]] = await tx.commit(
      repo.update(tx, id, { ...values, version: current.version + 1, updatedAt: ctx.clock.now() }),
      audit.record(tx, ctx, 'tenant.updated', ref(id), { changes }),
    );
    return next!;
  });
}
