/**
 * The scenarios: for each, the requests each server gets. The product is called with real JWTs;
 * the floor names its tenant in X-Tenant-Id; the peer (no tenancy) gets the tenant as a column.
 */
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Request } from './lib/load.js';

export type ServerName = 'product' | 'baseline' | 'floor' | 'floor-pipelined' | 'peer';
/** The servers a scenario defines requests for; `baseline` (another build of the product) uses the product's. */
type Kind = Exclude<ServerName, 'baseline'>;

export interface Fixtures {
  /** Tokens of the product, per tenant. */
  tokens: Map<string, string>;
  /** Session ids of the tenant `bench` (10,000 seeded rows). */
  benchIds: string[];
  /** Cursors spread over the keyset of `bench` (10,000 rows) and of `deep` (1,000,000 rows). */
  cursors10k: string[];
  cursors1m: string[];
  /** Pending sessions to activate, one tenant per server (each used once). */
  pending: Map<ServerName, string[]>;
  /** The active sessions that claim tasks, per server (their tasks are in `claim-<server>`). */
  workers: Map<ServerName, string[]>;
  multiTenants: string[];
}

export interface Scenario {
  name: string;
  description: string;
  /** Fixed concurrency (claim + complete: one connection per worker). */
  connections?: number;
  servers: Partial<
    Record<
      Kind,
      (f: Fixtures, server: ServerName) => { requests: Request[]; headers?: Record<string, string> }
    >
  >;
}

const json = { 'content-type': 'application/json' };
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const cursor = (id: string) => Buffer.from(JSON.stringify(id)).toString('base64url');
const auth = (f: Fixtures, tenant: string) => ({ authorization: `Bearer ${f.tokens.get(tenant)}` });
const floorTenant = (tenant: string) => ({ 'x-tenant-id': tenant });
const tenantOf = (server: ServerName) => `claim-${server}`;
const transitTenant = (server: ServerName) => `transit-${server}`;

const createBody = JSON.stringify({ agent_role: 'bench', metadata: { source: 'bench', n: 1 } });
const peerRow = (tenant: string) => {
  const now = new Date();
  return JSON.stringify({
    tenantId: tenant,
    id: uuidv7(),
    agentRole: 'bench',
    status: 'pending',
    metadata: { source: 'bench', n: 1 },
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
  });
};

/** Both the product and the floor: the same path, another way of naming the tenant. */
const both = (tenant: string, requests: Request[]) => ({
  product: (f: Fixtures) => ({ requests, headers: auth(f, tenant) }),
  floor: () => ({ requests, headers: floorTenant(tenant) }),
  'floor-pipelined': () => ({ requests, headers: floorTenant(tenant) }),
});

const listDeep = (which: 'cursors10k' | 'cursors1m', tenant: string) => ({
  ...Object.fromEntries(
    Object.entries(both(tenant, [])).map(([server, make]) => [
      server,
      (f: Fixtures) => ({
        ...make(f),
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: `/v1/sessions?page_size=20&cursor=${cursor(pick(f[which]))}`,
            }),
          },
        ] as Request[],
      }),
    ]),
  ),
  peer: (f: Fixtures) => ({
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/sessions/?limit=21&orderby.id=desc&where.tenantId.eq=${tenant}&where.id.lt=${pick(f[which])}`,
        }),
      },
    ] as Request[],
  }),
});

/** A claim, then the completion of what was claimed, by each connection's own worker session. */
function claimComplete(server: ServerName, f: Fixtures, headers: Record<string, string>) {
  const workers = f.workers.get(server) ?? [];
  // Each autocannon run (the warm-up, then the measurement) has its own connections: a run's
  // 8 connections take the 8 workers in turn.
  let next = 0;
  type Ctx = { session?: string; task?: string };
  return {
    headers,
    requests: [
      {
        method: 'POST',
        path: '/v1/tasks/claim',
        headers: json,
        setupRequest: (req, context: Ctx) => {
          context.session ??= workers[next++ % workers.length] ?? 'no-worker';
          return { ...req, body: JSON.stringify({ agent_role: 'worker', session_id: context.session }) };
        },
        onResponse: (status, body, context: Ctx) => {
          context.task = status === 200 ? (JSON.parse(body) as { id: string }).id : undefined;
        },
      },
      {
        method: 'POST',
        headers: json,
        setupRequest: (req, context: Ctx) => ({
          ...req,
          path: `/v1/tasks/${context.task ?? 'none'}/complete`,
          body: JSON.stringify({ session_id: context.session, output: { ok: true } }),
        }),
      },
    ] as Request[],
  };
}

export const scenarios: Scenario[] = [
  {
    name: 'create',
    description: 'POST /v1/sessions, one tenant',
    servers: {
      ...both('bench', [{ method: 'POST', path: '/v1/sessions', headers: json, body: createBody }]),
      peer: () => ({
        requests: [
          {
            method: 'POST',
            path: '/sessions/',
            headers: json,
            setupRequest: (r) => ({ ...r, body: peerRow('bench') }),
          },
        ],
      }),
    },
  },
  {
    name: 'get',
    description: 'GET /v1/sessions/{id}, random ids of 10,000',
    servers: {
      ...Object.fromEntries(
        Object.entries(both('bench', [])).map(([server, make]) => [
          server,
          (f: Fixtures) => ({
            ...make(f),
            requests: [
              {
                method: 'GET',
                setupRequest: (req) => ({ ...req, path: `/v1/sessions/${pick(f.benchIds)}` }),
              },
            ] as Request[],
          }),
        ]),
      ),
      peer: (f) => ({
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: `/sessions/tenant/bench/id/${pick(f.benchIds)}` }),
          },
        ],
      }),
    },
  },
  {
    name: 'list',
    description: 'GET /v1/sessions first page (cursor mode, 20 items)',
    servers: {
      ...both('bench', [{ method: 'GET', path: '/v1/sessions?page_size=20' }]),
      peer: () => ({
        requests: [{ method: 'GET', path: '/sessions/?limit=21&orderby.id=desc&where.tenantId.eq=bench' }],
      }),
    },
  },
  {
    name: 'list-deep-10k',
    description: 'cursor page at a random depth, tenant of 10,000 sessions',
    servers: listDeep('cursors10k', 'bench'),
  },
  {
    name: 'list-deep-1m',
    description: 'cursor page at a random depth, tenant of 1,000,000 sessions',
    servers: listDeep('cursors1m', 'deep'),
  },
  {
    name: 'page1-total-1m',
    description: 'GET /v1/sessions?page=1 (with total), tenant of 1,000,000',
    servers: {
      ...both('deep', [{ method: 'GET', path: '/v1/sessions?page=1&page_size=20' }]),
      peer: () => ({
        requests: [
          {
            method: 'GET',
            path: '/sessions/?limit=20&orderby.id=desc&where.tenantId.eq=deep&totalCount=true',
          },
        ],
      }),
    },
  },
  {
    name: 'transition',
    description: 'POST /v1/sessions/{id}/activate, each session once',
    servers: Object.fromEntries(
      (['product', 'floor', 'floor-pipelined'] as const).map((kind) => [
        kind,
        (f: Fixtures, server: ServerName) => {
          const ids = f.pending.get(server)!;
          return {
            headers: kind === 'product' ? auth(f, transitTenant(server)) : floorTenant(transitTenant(server)),
            requests: [
              {
                method: 'POST',
                headers: json,
                body: '{}',
                setupRequest: (req) => ({
                  ...req,
                  path: `/v1/sessions/${ids.pop() ?? randomUUID()}/activate`,
                }),
              },
            ] as Request[],
          };
        },
      ]),
    ),
  },
  {
    name: 'claim-complete',
    description: 'POST /v1/tasks/claim then /complete, 8 workers (req/s counts both)',
    connections: 8,
    servers: {
      product: (f, server) => claimComplete(server, f, auth(f, tenantOf(server))),
      floor: (f) => claimComplete('floor', f, floorTenant(tenantOf('floor'))),
      'floor-pipelined': (f) => claimComplete('floor-pipelined', f, floorTenant(tenantOf('floor-pipelined'))),
    },
  },
  {
    name: 'create-20-tenants',
    description: 'POST /v1/sessions, 20 tenants writing at once',
    servers: {
      product: (f) => ({
        requests: [
          {
            method: 'POST',
            path: '/v1/sessions',
            body: createBody,
            setupRequest: (req) => ({ ...req, headers: { ...json, ...auth(f, pick(f.multiTenants)) } }),
          },
        ],
      }),
      ...Object.fromEntries(
        (['floor', 'floor-pipelined'] as const).map((server) => [
          server,
          (f: Fixtures) => ({
            requests: [
              {
                method: 'POST',
                path: '/v1/sessions',
                body: createBody,
                setupRequest: (req) => ({
                  ...req,
                  headers: { ...json, ...floorTenant(pick(f.multiTenants)) },
                }),
              },
            ] as Request[],
          }),
        ]),
      ),
      peer: (f) => ({
        requests: [
          {
            method: 'POST',
            path: '/sessions/',
            headers: json,
            setupRequest: (r) => ({ ...r, body: peerRow(pick(f.multiTenants)) }),
          },
        ],
      }),
    },
  },
];

export const transitTenants = (servers: ServerName[]) => servers.map(transitTenant);
export const claimTenants = (servers: ServerName[]) => servers.map(tenantOf);
