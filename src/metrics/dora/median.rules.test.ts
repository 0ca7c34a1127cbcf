import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { devLakeMedian, devLakeUpperRankMedian, median, percentRanks, sixMonthMedian } from './median.rules.ts';

const values = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 });
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe("DevLake's percent-rank median", () => {
  it('ranks like MySQL percent_rank(): ties share the lowest rank, one row ranks 0', () => {
    expect(percentRanks([10, 20, 20, 40])).toEqual([0, 1 / 3, 1 / 3, 1]);
    expect(percentRanks([7])).toEqual([0]);
  });

  it('is the lower median: the element at index floor((n - 1) / 2) of the sorted values', () => {
    fc.assert(
      fc.property(values, (xs) => {
        expect(devLakeMedian(xs)).toBe(sorted(xs)[Math.floor((xs.length - 1) / 2)]);
      }),
    );
  });

  it('takes the lower of the two middle values of an even count', () => {
    expect(devLakeMedian([4, 1, 3, 2])).toBe(2);
    expect(devLakeMedian([])).toBeNull();
  });

  it('six-monthly form: the smallest value ranked at 0.5 or above, empty for one row or all ties', () => {
    expect(devLakeUpperRankMedian([1, 2, 3, 4])).toBe(3);
    expect(devLakeUpperRankMedian([1, 1, 1, 2])).toBe(2);
    expect(devLakeUpperRankMedian([5])).toBeNull();
    expect(devLakeUpperRankMedian([0, 0, 0])).toBeNull();
  });

  it('six-monthly form is never below the lower median and is a value of the list', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const m = devLakeUpperRankMedian(xs);
        if (m === null) return;
        expect(xs).toContain(m);
        expect(m).toBeGreaterThanOrEqual(devLakeMedian(xs)!);
      }),
    );
  });
});

describe('median conventions', () => {
  it('upper and interpolated bracket the lower median and agree on odd counts', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const [lower, upper, mid] = [median(xs, 'lower')!, median(xs, 'upper')!, median(xs, 'interpolated')!];
        expect(lower).toBeLessThanOrEqual(mid);
        expect(mid).toBeLessThanOrEqual(upper);
        if (xs.length % 2 === 1) expect(new Set([lower, mid, upper]).size).toBe(1);
      }),
    );
  });

  it('differ on an even count', () => {
    expect([median([1, 2, 3, 10], 'lower'), median([1, 2, 3, 10], 'upper'), median([1, 2, 3, 10], 'interpolated')]).toEqual([2, 3, 2.5]);
    expect(sixMonthMedian([5], 'interpolated')).toBe(5);
    expect(sixMonthMedian([5], 'lower')).toBeNull();
  });
});
