import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { polishDocument } from './openapi-polish.js';
import { takesIdempotencyKey } from './route-hooks.js';
import { problemResponse } from './schemas.js';

export const API_VERSION = '1.0.0';

const IdempotencyKeyHeader = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x20-\x7e]+$/, 'must be 1-255 printable ASCII characters')
  .optional()
  .describe(
    'Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409.',
  );

const DESCRIPTION = `Switchboard is the control plane and system of record for AI-agent orchestration:
agents open **sessions**, route **tasks** to each other, ask humans for **approvals**, and every change lands in a tamper-evident, per-tenant **audit log**.

**Authentication**: \`Authorization: Bearer <JWT>\` with \`sub\`, \`exp\`, the tenant claim (\`tenant_id\`) and
scopes in \`scope\` (space separated) or \`scp\`. Each operation lists the scope it requires. On a development
server, \`npm run token -- --tenant demo --scope "sessions:read sessions:write"\` mints one; paste it under *Authorize*.

**Conventions**: JSON with snake_case fields; ids are UUIDv7; timestamps are RFC 3339 UTC. Errors are
\`application/problem+json\` (RFC 9457) with a stable \`code\`. Every response carries \`X-Request-Id\`
(send your own to correlate); a W3C \`traceparent\` is accepted and its trace id stored with each change.
Lists take \`page_size\` with \`page\` (offset, with \`total\`) or \`cursor\` (keyset, \`next_cursor\`).
Mutable resources carry \`version\` and an \`ETag\`; send \`If-Match\` to change only the version you read (412 otherwise).
Every POST accepts \`Idempotency-Key\`.`;

const TAGS = [
  { name: 'sessions', description: "An agent role's unit of work, with its lifecycle." },
  {
    name: 'tasks',
    description:
      'Work routed between agents: created, claimed by a session under a lease, completed or retried.',
  },
  { name: 'approvals', description: 'A human decision gating a task.' },
  { name: 'audit', description: 'The tamper-evident record of every change.' },
  { name: 'tenants', description: 'Tenant administration (scope `admin`).' },
  { name: 'admin', description: 'Operations (scope `admin`): the scheduler of the answering process.' },
  { name: 'health', description: 'Liveness and readiness probes.' },
  { name: 'sessions (legacy)', description: 'The original unversioned contract, kept for existing clients.' },
];

type Schema = Record<string, unknown> & {
  response?: Record<string | number, unknown>;
  headers?: z.ZodObject;
  description?: string;
};

/**
 * Applies the conventions every operation shares, so that no route can forget them: its security
 * requirement (the scope it declares), the problem responses every route can give, and the
 * Idempotency-Key header on tenant POSTs. Routes declare only what is theirs.
 */
export function applyRouteConventions(route: RouteOptions) {
  const config = route.config ?? {};
  if (route.url.startsWith('/docs') || route.method === 'OPTIONS') {
    route.config = { ...config, public: true };
    return;
  }
  if (config.public) {
    // An explicit empty requirement: this operation takes no credentials (rather than "unstated").
    if (route.schema && !route.schema.hide) route.schema = { ...route.schema, security: [] };
    return;
  }
  if (!config.scope) throw new Error(`route ${route.method} ${route.url} declares no scope`);
  const schema = (route.schema ?? {}) as Schema;
  route.schema = schema;
  schema['security'] = [{ bearerAuth: [config.scope] }];
  schema['x-required-scopes'] = [config.scope];
  schema.description = `${schema.description ? `${schema.description}\n\n` : ''}Requires scope \`${config.scope}\`.`;
  const responses = schema.response ?? {};
  schema.response = responses;
  const add = (...statuses: number[]) => {
    for (const status of statuses) responses[status] ??= problemResponse(status);
  };
  if (schema['body'] || schema['querystring'] || schema['params'] || schema.headers) add(400);
  add(401, 403);
  if (schema['body']) add(413, 415);
  if (takesIdempotencyKey(route)) {
    schema.headers = (schema.headers ?? z.looseObject({})).extend({
      'idempotency-key': IdempotencyKeyHeader,
    });
    add(409, 422);
  }
  add(429, 431, 500, 503);
}

export async function registerOpenApi(app: FastifyInstance) {
  app.addHook('onRoute', applyRouteConventions);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Switchboard API', version: API_VERSION, description: DESCRIPTION },
      // Self-hosted: the API is wherever this document is served from.
      servers: [{ url: '/', description: 'The server serving this document' }],
      tags: TAGS,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'A JWT carrying sub, exp, the tenant claim and the scopes each operation lists.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => polishDocument(jsonSchemaTransformObject(document)),
  });
}

/** The interactive docs page (Swagger UI, served from the package: no CDN) and the raw document. */
export async function registerDocs(app: FastifyInstance) {
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: {
      persistAuthorization: true,
      displayRequestDuration: true,
      docExpansion: 'list',
      tryItOutEnabled: true,
    },
    // swagger-ui's CSP (hashes of its inline scripts), minus upgrade-insecure-requests, which
    // would send "Try it out" calls to https on a plain-http server.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
}
