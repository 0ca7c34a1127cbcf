import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm.ts';

describe('holmAdjust', () => {
  it('reproduces the textbook example', () => {
    // Holm (1979), step-down procedure; the worked example on the Holm-Bonferroni method: p values
    // 0.01, 0.04, 0.03, 0.005 at alpha 0.05 reject the first and last only. Adjusted p values
    // (as R's p.adjust(p, "holm")): 0.005*4 = 0.02, 0.01*3 = 0.03, max(0.03*2, 0.03) = 0.06,
    // max(0.04*1, 0.06) = 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]) as number[];
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    expect(adjusted.map((p) => p < 0.05)).toEqual([true, false, false, true]);
  });

  it('leaves untested comparisons out of the family', () => {
    const adjusted = holmAdjust([0.02, null, 0.04]);
    expect(adjusted[1]).toBeNull();
    expect(adjusted[0]).toBeCloseTo(0.04, 12);
    expect(adjusted[2]).toBeCloseTo(0.04, 12);
  });

  const pValues = fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { maxLength: 30 });

  it('never lowers a p value, never exceeds 1, and keeps the order of the raw p values', () => {
    fc.assert(
      fc.property(pValues, (ps) => {
        const adjusted = holmAdjust(ps);
        ps.forEach((p, i) => {
          if (p === null) return expect(adjusted[i]).toBeNull();
          expect(adjusted[i]!).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]!).toBeLessThanOrEqual(1);
          ps.forEach((q, j) => {
            if (q !== null && p <= q) expect(adjusted[i]!).toBeLessThanOrEqual(adjusted[j]!);
          });
        });
      }),
    );
  });

  it('is never stricter than Bonferroni and never looser than the raw p', () => {
    fc.assert(
      fc.property(pValues, (ps) => {
        const m = ps.filter((p) => p !== null).length;
        holmAdjust(ps).forEach((adjusted, i) => {
          if (adjusted !== null) expect(adjusted).toBeLessThanOrEqual(Math.min(1, m * ps[i]!) + 1e-15);
        });
      }),
    );
  });
});
