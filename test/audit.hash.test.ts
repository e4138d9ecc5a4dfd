import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/lib/canonical-json.js';
import { canonicalAroundSeq, canonicalEvent, type HashedEvent } from '../src/modules/audit/hash.js';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const event: fc.Arbitrary<HashedEvent> = fc.record({
  tenant_id: text,
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  id: fc.uuid(),
  occurred_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actor: fc.record({ type: fc.constantFrom('user', 'service', 'system'), id: text }),
  action: text,
  resource_type: text,
  resource_id: text,
  trace_id: text,
  request_id: fc.option(text, { nil: null }),
  data: fc.dictionary(text, fc.jsonValue()),
});

describe('canonical event JSON', () => {
  it('equals the generic canonical JSON for every event', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(canonicalEvent(e)).toBe(canonicalJson(e));
      }),
      { numRuns: 500 },
    );
  });

  it('is what the database hashes: prefix + seq + suffix', () => {
    fc.assert(
      fc.property(event, (e) => {
        const { seq, ...rest } = e;
        const { prefix, suffix } = canonicalAroundSeq(rest);
        expect(`${prefix}${seq}${suffix}`).toBe(canonicalJson(e));
      }),
      { numRuns: 200 },
    );
  });
});
