import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cochranMantelHaenszel } from './mantel-haenszel.ts';
import { meanScoreTest } from './mean-score.ts';

describe('meanScoreTest', () => {
  it("reproduces Agresti's M^2 for alcohol use and infant malformation", () => {
    // Agresti, An Introduction to Categorical Data Analysis (2nd ed. 2007), chapter 2 (testing
    // independence for ordinal data): malformation present 48, 38, 5, 1, 1 and absent 17,066,
    // 14,464, 788, 126, 37 across average drinks per day 0, <1, 1-2, 3-5, >=6, scored
    // 0, 0.5, 1.5, 4.0, 7.0; M^2 = 6.57, P = 0.01.
    const result = meanScoreTest([{ group: [48, 38, 5, 1, 1], reference: [17_066, 14_464, 788, 126, 37] }], [0, 0.5, 1.5, 4, 7]);
    expect(result.chiSquare).toBeCloseTo(6.57, 2);
    expect(result.p).toBeCloseTo(0.0104, 3);
  });

  it('is (n - 1) r^2 for one stratum, r the correlation of group membership with the score', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 3, maxLength: 3 }), fc.array(fc.nat(40), { minLength: 3, maxLength: 3 }), (group, reference) => {
        fc.pre(sum(group) > 0 && sum(reference) > 0);
        const scores = [1, 2, 4];
        // Pearson correlation written out over individuals (x = 1 for the group, y = score).
        const people: [number, number][] = [];
        scores.forEach((s, j) => {
          for (let k = 0; k < group[j]!; k++) people.push([1, s]);
          for (let k = 0; k < reference[j]!; k++) people.push([0, s]);
        });
        const n = people.length;
        const mx = people.reduce((t, p) => t + p[0], 0) / n;
        const my = people.reduce((t, p) => t + p[1], 0) / n;
        const sxy = people.reduce((t, p) => t + (p[0] - mx) * (p[1] - my), 0);
        const sxx = people.reduce((t, p) => t + (p[0] - mx) ** 2, 0);
        const syy = people.reduce((t, p) => t + (p[1] - my) ** 2, 0);
        fc.pre(syy > 0);
        const r = sxy / Math.sqrt(sxx * syy);
        expect(meanScoreTest([{ group, reference }], scores).chiSquare).toBeCloseTo((n - 1) * r * r, 8);
      }),
    );
  });

  it('with two grades is the CMH statistic of the dichotomy, stratum by stratum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.nat(50), b: fc.nat(50), c: fc.nat(50), d: fc.nat(50) }), { minLength: 1, maxLength: 6 }),
        (strata) => {
          const ordinal = meanScoreTest(strata.map((t) => ({ group: [t.b, t.a], reference: [t.d, t.c] })), [0, 1]);
          const binary = cochranMantelHaenszel(strata.filter((t) => t.a + t.b > 0 && t.c + t.d > 0));
          expect(ordinal.chiSquare).toBeCloseTo(binary.cmh, 8);
        },
      ),
    );
  });

  it('finds nothing to test when every stratum gave everyone the same grade', () => {
    expect(meanScoreTest([{ group: [0, 4, 0], reference: [0, 9, 0] }], [0.1, 0.2, 0.3])).toEqual({ chiSquare: 0, p: 1, strata: 1 });
  });
});

function sum(values: number[]): number {
  return values.reduce((t, v) => t + v, 0);
}
