import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquare1UpperTail } from './chi-square.ts';

describe('chiSquare1UpperTail', () => {
  it('agrees with 1 - F(x) of stdlib chi-square(1) wherever that subtraction is still exact enough', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 40, noNaN: true }), (x) => {
        expect(chiSquare1UpperTail(x)).toBeCloseTo(1 - chisquareCdf(x, 1), 12);
      }),
    );
  });

  it('gives 0.05 at the familiar critical value 3.841 and keeps tiny tails that 1 - F(x) rounds to 0', () => {
    expect(chiSquare1UpperTail(3.841458820694124)).toBeCloseTo(0.05, 12);
    expect(1 - chisquareCdf(200, 1)).toBe(0);
    // P(chi-square(1) > 200) = 2 * Phi(-sqrt(200)) is about 2.0e-45.
    expect(chiSquare1UpperTail(200)).toBeGreaterThan(1e-46);
    expect(chiSquare1UpperTail(200)).toBeLessThan(1e-44);
  });

  it('answers 1 for a statistic of zero and falls as the statistic grows', () => {
    expect(chiSquare1UpperTail(0)).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 1e-3, max: 50, noNaN: true }), (x, step) => {
        expect(chiSquare1UpperTail(x + step)).toBeLessThanOrEqual(chiSquare1UpperTail(x));
      }),
    );
  });
});
