import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso, isoOrNull } from '../src/http/schemas.js';

describe('iso', () => {
  it('is toISOString for every valid date, inside and outside years 1000–9999', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (d) => {
        expect(iso(d)).toBe(d.toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const text of ['0999-12-31T23:59:59.999Z', '1000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'])
      expect(iso(new Date(text))).toBe(text);
  });

  it('refuses an invalid date as toISOString does, and passes null through', () => {
    expect(() => iso(new Date(Number.NaN))).toThrow(RangeError);
    expect(isoOrNull(null)).toBeNull();
  });
});
