import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etag, parseIfMatch } from '../../http/etag.js';
import { IfMatchHeaders, problemResponses } from '../../http/schemas.js';
import type { TenantDirectory } from './directory.js';
import {
  CreateTenantBody,
  ListTenantsQuery,
  PatchTenantBody,
  TenantDto,
  TenantPage,
  TenantParams,
  toTenantDto,
} from './schemas.js';
import { createTenant, getTenant, listTenants, updateTenant } from './service.js';

/** Tenant administration: scope `admin`, and no tenant claim needed. */
const admin = { scope: 'admin', tenant: false } as const;

export const tenantRoutes: FastifyPluginAsyncZod<{ directory: TenantDirectory }> = async (
  app,
  { directory },
) => {
  app.post(
    '/v1/tenants',
    {
      schema: {
        tags: ['tenants'],
        operationId: 'createTenant',
        summary: 'Create a tenant',
        description:
          'Creates the tenant and starts its audit chain. Idempotent by `id` (no Idempotency-Key): a retry gets 409 `already_exists`, and GET shows the tenant.',
        body: CreateTenantBody,
        response: { 201: TenantDto, ...problemResponses(409) },
      },
      config: admin,
    },
    async (req, reply) => {
      const t = await createTenant(req.ctx, req.body);
      directory.invalidate(t.id);
      return reply
        .code(201)
        .header('location', `/v1/tenants/${t.id}`)
        .header('etag', etag(t.version))
        .send(toTenantDto(t));
    },
  );

  app.get(
    '/v1/tenants',
    {
      schema: {
        tags: ['tenants'],
        operationId: 'listTenants',
        summary: 'List tenants',
        description: 'In id order.',
        querystring: ListTenantsQuery,
        response: { 200: TenantPage },
      },
      config: admin,
    },
    async (req) => listTenants(req.ctx, req.query),
  );

  app.get(
    '/v1/tenants/:id',
    {
      schema: {
        tags: ['tenants'],
        operationId: 'getTenant',
        summary: 'Get a tenant',
        params: TenantParams,
        response: { 200: TenantDto, ...problemResponses(404) },
      },
      config: admin,
    },
    async (req, reply) => {
      const t = await getTenant(req.ctx, req.params.id);
      return reply.header('etag', etag(t.version)).send(toTenantDto(t));
    },
  );

  app.patch(
    '/v1/tenants/:id',
    {
      schema: {
        tags: ['tenants'],
        operationId: 'updateTenant',
        summary: 'Update a tenant',
        description: 'Rename, change settings (merged; null restores the default), or disable/enable.',
        params: TenantParams,
        headers: IfMatchHeaders,
        body: PatchTenantBody,
        response: { 200: TenantDto, ...problemResponses(404, 412) },
      },
      config: admin,
    },
    async (req, reply) => {
      const t = await updateTenant(req.ctx, req.params.id, req.body, parseIfMatch(req.headers['if-match']));
      directory.invalidate(t.id);
      return reply.header('etag', etag(t.version)).send(toTenantDto(t));
    },
  );
};
