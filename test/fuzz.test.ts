import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES } from '../src/http/auth/scopes.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { asParam, fuzzed, hostile, type Schema } from './helpers/schema-arbitrary.js';

/*
 * Every operation of the OpenAPI document, fuzzed from its own schemas (mostly valid values,
 * sometimes hostile ones) for its path, query, headers and body: no answer is a 5xx, every
 * answer's status is documented for the operation, and every error is a problem with a detail.
 * FUZZ_RUNS sets the cases per operation (default 25; more locally: FUZZ_RUNS=500 npm test).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
}

let t: TestApp;
let spec: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
let token: string;
let sessionIds: string[];
const totals = { cases: 0, fiveHundreds: 0 };
const statuses = new Map<number, number>();

beforeAll(async () => {
  t = await createTestApp();
  spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const tenant = await t.newTenant();
  token = await t.token(tenant, [...SCOPES]);
  const api = await t.client(tenant, 'sessions:write');
  sessionIds = [];
  for (let i = 0; i < 3; i++)
    sessionIds.push((await api.post('/v1/sessions', { agent_role: `fuzz-${i}` })).json().id);
});
afterAll(async () => {
  const byStatus = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  console.info(`fuzz: ${totals.cases} cases, ${totals.fiveHundreds} answers >= 500 (${byStatus})`);
  await t?.close();
});

/** encodeURIComponent, with unpaired surrogates (which it refuses) sent as raw percent bytes. */
const encodePath = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return Buffer.from(v, 'utf8').toString('hex').replace(/../g, '%$&');
  }
};

const rawBodies = fc.constantFrom(
  '{',
  '{"a":',
  '[]',
  'null',
  '"text"',
  '{"a":1,"a":2}',
  '\u0000',
  '{"x": 1e400}',
  ' '.repeat(10),
);

function requestFor(path: string, method: string, op: Operation): fc.Arbitrary<InjectOptions> {
  const params = op.parameters ?? [];
  const value = (p: Parameter) =>
    p.in === 'path' && p.name === 'id'
      ? fc.oneof(fc.constantFrom(...sessionIds), fuzzed(p.schema, spec.components.schemas).map(asParam))
      : fuzzed(p.schema, spec.components.schemas).map(asParam);
  const pathArb = fc.tuple(
    ...params.filter((p) => p.in === 'path').map((p) => value(p).map((v) => [p.name, v] as const)),
  );
  const queryArb = fc.tuple(
    ...params
      .filter((p) => p.in === 'query')
      .map((p) =>
        fc.option(
          value(p).map((v) => [p.name, v] as const),
          { nil: undefined },
        ),
      ),
  );
  const headerArb = fc.tuple(
    ...params
      .filter((p) => p.in === 'header')
      .map((p) =>
        fc.option(
          value(p).map((v) => [p.name, v] as const),
          { nil: undefined },
        ),
      ),
  );
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const bodyArb = bodySchema
    ? fc.oneof(
        { weight: 4, arbitrary: fuzzed(bodySchema, spec.components.schemas).map((b) => ({ json: b })) },
        { weight: 1, arbitrary: rawBodies.map((raw) => ({ raw })) },
        { weight: 1, arbitrary: hostile.map((b) => ({ json: b })) },
      )
    : fc.constant(undefined);
  return fc
    .record({ path: pathArb, query: queryArb, headers: headerArb, body: bodyArb })
    .map(({ path: p, query, headers, body }) => {
      let url = path;
      for (const [name, v] of p) url = url.replace(`{${name}}`, encodePath(v));
      const search = new URLSearchParams(
        query.filter((q): q is readonly [string, string] => q !== undefined) as [string, string][],
      );
      const hdrs: Record<string, string> = { authorization: `Bearer ${token}` };
      for (const h of headers) if (h) hdrs[h[0]] = h[1].replace(/[^\x20-\x7e]/g, '?');
      const options: InjectOptions = {
        method: method.toUpperCase() as 'GET',
        url: `${url}${search.size ? `?${search}` : ''}`,
        headers: hdrs,
      };
      if (body && 'raw' in body) {
        options.payload = body.raw;
        hdrs['content-type'] = 'application/json';
      } else if (body && body.json !== undefined) {
        options.payload = JSON.stringify(body.json);
        hdrs['content-type'] = 'application/json';
      }
      return options;
    });
}

/** A request that hangs is a failure too, named, rather than a silent test timeout. */
async function answerWithin<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('fuzzing every operation from its OpenAPI schema', () => {
  it('never answers 5xx, and every answer is documented', async () => {
    // An event stream never ends, so inject() would wait forever: the stream has its own tests.
    const streams = (op: Operation) =>
      JSON.stringify(op.responses['200'] ?? {}).includes('text/event-stream');
    const operations = Object.entries(spec.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
      .filter(({ op }) => !streams(op));
    expect(operations.length).toBeGreaterThan(15);
    for (const { path, method, op } of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(path, method, op), async (options) => {
          const res = await answerWithin(
            10_000,
            t.app.inject(options),
            `${op.operationId}: ${options.method} ${options.url}`,
          );
          totals.cases++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) totals.fiveHundreds++;
          const where = `${op.operationId}: ${options.method} ${options.url} ${String(options.payload ?? '').slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          expect(Object.keys(op.responses), where).toContain(String(res.statusCode));
          if (res.statusCode >= 400) {
            expect(res.headers['content-type'], where).toContain('application/problem+json');
            const problem = res.json();
            expect(problem.detail, where).toBeTruthy();
            if (problem.errors) for (const e of problem.errors) expect(e.path, where).toBeTruthy();
          }
        }),
        { numRuns: RUNS },
      );
    }
  }, 300_000);
});
