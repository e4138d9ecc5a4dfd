import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseIfMatch } from '../src/http/etag.js';
import { decodeCursor, encodeCursor } from '../src/http/pagination.js';
import { Problem } from '../src/http/problem.js';
import { newTraceId, traceIdFrom } from '../src/http/tracing.js';
import { canonicalJson } from '../src/lib/canonical-json.js';
import { canonicalAroundSeq, eventHash } from '../src/modules/audit/hash.js';

const problemCode = (f: () => unknown) => {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(Problem);
    return (e as Problem).code;
  }
};

describe('cursor', () => {
  it('round-trips any key it encodes', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(decodeCursor(encodeCursor(id), z.uuid())).toBe(id);
      }),
    );
  });
  it('refuses anything else with invalid_cursor, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (junk) => {
        const code = problemCode(() => decodeCursor(junk, z.uuid()));
        expect(code).toBe('invalid_cursor');
      }),
      { numRuns: 500 },
    );
  });
});

describe('If-Match', () => {
  it('reads versions, lists and *', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(parseIfMatch('"3"')).toEqual([3]);
    expect(parseIfMatch('W/"3", "4"')).toEqual([3, 4]);
    expect(parseIfMatch('7')).toEqual([7]);
  });
  it('answers any other header with validation_failed', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const code = problemCode(() => parseIfMatch(header));
        if (code !== undefined) expect(code).toBe('validation_failed');
        else for (const v of parseIfMatch(header) ?? []) expect(Number.isInteger(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('traceparent', () => {
  it('takes the trace id of a valid header only', () => {
    expect(traceIdFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(traceIdFrom('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdFrom('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdFrom(undefined)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (h) => {
        expect(traceIdFrom(h) ?? 'x'.repeat(32)).toHaveLength(32);
      }),
    );
  });
});

describe('new trace ids', () => {
  it('are 32 hex digits, valid in a traceparent, and distinct across pool refills', () => {
    const ids = Array.from({ length: 1000 }, newTraceId);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(traceIdFrom(`00-${id}-00f067aa0ba902b7-01`)).toBe(id);
  });
});

describe('canonical JSON and the audit hash', () => {
  it('sorts keys at every depth and ignores insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'é' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[1,{"y":"é","z":null}]},"b":1}',
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it('the text split around seq is exactly the canonical JSON of the whole event', () => {
    const event = fc.record({
      tenant_id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
      id: fc.uuid(),
      occurred_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      actor: fc.record({ type: fc.constantFrom('user', 'service', 'system'), id: fc.string() }),
      action: fc.string(),
      resource_type: fc.string(),
      resource_id: fc.string(),
      trace_id: fc.stringMatching(/^[0-9a-f]{32}$/),
      request_id: fc.option(fc.string(), { nil: null }),
      data: fc.dictionary(fc.string(), fc.jsonValue()),
    });
    fc.assert(
      fc.property(event, fc.integer({ min: 1, max: 2 ** 40 }), (e, seq) => {
        const { prefix, suffix } = canonicalAroundSeq(e);
        expect(prefix + String(seq) + suffix).toBe(canonicalJson({ ...e, seq }));
        expect(eventHash('0'.repeat(64), { ...e, seq })).toMatch(/^[0-9a-f]{64}$/);
      }),
    );
  });
});
