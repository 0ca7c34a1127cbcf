import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestRemainder } from './apportion.rules.ts';

const D = 10_000;
/** Shares in basis points that add up to the whole, with a group size. */
const sharesAndSize = fc
  .array(fc.integer({ min: 0, max: D }), { minLength: 1, maxLength: 6 })
  .filter((raw) => raw.reduce((a, b) => a + b, 0) > 0)
  .map((raw) => {
    const total = raw.reduce((a, b) => a + b, 0);
    const shares = raw.map((r) => Math.floor((r * D) / total));
    shares[0]! += D - shares.reduce((a, b) => a + b, 0);
    return shares;
  });

describe('largestRemainder', () => {
  it('allocates exactly n when the shares cover the whole group', () => {
    fc.assert(
      fc.property(sharesAndSize, fc.integer({ min: 0, max: 5000 }), (shares, n) => {
        expect(largestRemainder(shares.map((s) => s * n), D).reduce((a, b) => a + b, 0)).toBe(n);
      }),
    );
  });

  it('gives every bucket the floor or the ceiling of its exact quota', () => {
    fc.assert(
      fc.property(sharesAndSize, fc.integer({ min: 0, max: 5000 }), (shares, n) => {
        largestRemainder(shares.map((s) => s * n), D).forEach((seats, i) => {
          expect(seats).toBeGreaterThanOrEqual(Math.floor((shares[i]! * n) / D));
          expect(seats).toBeLessThanOrEqual(Math.ceil((shares[i]! * n) / D));
        });
      }),
    );
  });

  it('rounds a total that is not whole half up', () => {
    expect(largestRemainder([15_000, 15_000], D)).toEqual([2, 1]);
    expect(largestRemainder([14_000, 10_000], D)).toEqual([1, 1]);
    expect(largestRemainder([4_000, 4_000], D)).toEqual([1, 0]);
  });

  it('gives the leftover seats to the largest fractions, and ties to the first in tieOrder', () => {
    // 10 seats for 34.5% / 33% / 32.5%: 3.45, 3.3, 3.25 -> one seat left, to the .45.
    expect(largestRemainder([3450 * 10, 3300 * 10, 3250 * 10], D)).toEqual([4, 3, 3]);
    expect(largestRemainder([5000, 5000, 0], D)).toEqual([1, 0, 0]);
    expect(largestRemainder([5000, 5000, 0], D, [1, 0, 2])).toEqual([0, 1, 0]);
  });

  it('is subject to the Alabama paradox: one more person can cost a bucket a seat', () => {
    // Shares 35% / 5% / 60% (amazon's HV1 and LE minimums and the rest): at 29 people LE's
    // 1.45 wins the one leftover seat; at 30 its 1.5 ties HV1's 10.5 and the tie goes to HV1.
    expect(largestRemainder([3500 * 29, 500 * 29, 6000 * 29], D, [2, 0, 1])).toEqual([10, 2, 17]);
    expect(largestRemainder([3500 * 30, 500 * 30, 6000 * 30], D, [2, 0, 1])).toEqual([11, 1, 18]);
  });
});
