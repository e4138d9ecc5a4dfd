import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODE_LIST } from '../src/http/problem.js';
import { createTestApp, type TestApp } from './helpers/app.js';

interface Operation {
  operationId?: string;
  security?: { bearerAuth: string[] }[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
  requestBody?: unknown;
  description?: string;
}

let t: TestApp;
let spec: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
};
beforeAll(async () => {
  t = await createTestApp();
  spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => {
  await t?.close();
});

const operations = () =>
  Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );

describe('the OpenAPI document', () => {
  it('is the committed openapi/openapi.json', async () => {
    const committed = JSON.parse(await readFile(new URL('../openapi/openapi.json', import.meta.url), 'utf8'));
    expect(spec).toEqual(committed);
  });

  it('documents every authenticated operation with its scope and its error responses', () => {
    const authenticated = operations().filter(({ path }) => !['/healthz', '/readyz'].includes(path));
    expect(authenticated.length).toBeGreaterThanOrEqual(15);
    for (const { path, method, op } of authenticated) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toBeTruthy();
      expect(op.security?.[0]?.bearerAuth, where).toHaveLength(1);
      expect(op.description, where).toContain(`Requires scope \`${op.security![0]!.bearerAuth[0]}\``);
      for (const status of ['401', '403', '500', '503']) {
        expect(op.responses[status]?.content, `${where} ${status}`).toHaveProperty([
          'application/problem+json',
        ]);
      }
      if (op.parameters?.some((p) => p.in === 'path') || op.requestBody)
        expect(op.responses['400'], where).toBeDefined();
      // Tenant POSTs take Idempotency-Key; tenant creation is idempotent by its id instead.
      const admin = op.security![0]!.bearerAuth[0] === 'admin';
      if (method === 'post' && !admin)
        expect(
          op.parameters?.map((p) => p.name),
          where,
        ).toContain('idempotency-key');
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('2')),
        where,
      ).toBe(true);
    }
  });

  it('enumerates every error code the server can emit, each under a documented status', () => {
    const codes = spec.components.schemas['Problem']?.properties?.['code']?.enum;
    expect(codes).toEqual(ERROR_CODE_LIST);
    const described = JSON.stringify(spec.paths);
    for (const code of ERROR_CODE_LIST) expect(described, code).toContain(`\`${code}\``);
  });

  it('shows an example of every JSON success response, in the operation or in its schema', () => {
    const schemas = spec.components.schemas as Record<string, unknown>;
    const hasExample = (node: unknown): boolean => {
      if (Array.isArray(node)) return node.some(hasExample);
      if (node === null || typeof node !== 'object') return false;
      const o = node as Record<string, unknown>;
      if ('example' in o || 'examples' in o) return true;
      const ref = typeof o['$ref'] === 'string' ? o['$ref'].replace('#/components/schemas/', '') : undefined;
      if (ref !== undefined) return hasExample(schemas[ref]);
      // A page shows its items' example (properties.data.items).
      const properties = o['properties'] as Record<string, unknown> | undefined;
      if (properties?.['data'] && hasExample(properties['data'])) return true;
      return ['schema', 'content', 'items', 'allOf', 'anyOf', 'oneOf'].some((k) => hasExample(o[k]));
    };
    for (const { path, method, op } of operations()) {
      for (const [status, res] of Object.entries(op.responses)) {
        if (!status.startsWith('2') || !res.content?.['application/json']) continue;
        expect(hasExample(res.content['application/json']), `${method} ${path} ${status}`).toBe(true);
      }
    }
  });

  it('lists only routes the server really serves', () => {
    for (const { path, method } of operations()) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      expect(t.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method} ${path}`).toBe(true);
    }
  });
});
