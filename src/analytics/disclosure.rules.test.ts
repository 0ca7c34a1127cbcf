import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atomsOf, rank, unsafeCombinations, wouldDisclose, type ShownReport } from './disclosure.rules.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A population of people 1..size whose group members are the ids listed. */
const report = (population: number[], members: number[]): ShownReport => ({ population, members });

// An organisation of 40: women are 1-12, men 13-40. Team T is people 33-40 with one woman, 12.
const ORG = range(1, 40);
const WOMEN = range(1, 12);
const WITHOUT_T = [...range(1, 11), ...range(13, 32)];

describe('wouldDisclose', () => {
  it('lets a group through in a first report when it and the rest are each large enough', () => {
    expect(wouldDisclose([], report(ORG, WOMEN), 5)).toBe(false);
    // 20 women and 4 others: showing the women tells the reader about the 4 by elimination.
    expect(wouldDisclose([], report(range(1, 24), range(1, 20)), 5)).toBe(true);
  });

  it('lets the same report through again: a repeated question reveals nothing new', () => {
    expect(wouldDisclose([report(ORG, WOMEN)], report(ORG, WOMEN), 5)).toBe(false);
  });

  it('stops a nested filter that leaves out a handful of the group', () => {
    // Without team T there are 11 women: the two reports give away T's one woman.
    expect(wouldDisclose([report(ORG, WOMEN)], report(WITHOUT_T, range(1, 11)), 5)).toBe(true);
  });

  it('stops a nested filter whose difference holds a handful of others, even with no member', () => {
    // Team T is 8 men and no women in this variant: 0 women, but for men, 8 of 8 is fine.
    const women = range(1, 12);
    const withoutT = range(1, 32);
    expect(wouldDisclose([report(ORG, women)], report(withoutT, women), 5)).toBe(false);
    // With 3 men in the difference, the women's unchanged count says those 3 are not women.
    expect(wouldDisclose([report(ORG, women)], report(range(1, 37), women), 5)).toBe(true);
  });

  it('stops the report run after one person joined, whichever group they joined', () => {
    const before = report(ORG, WOMEN);
    expect(wouldDisclose([before], report([...ORG, 41], [...WOMEN, 41]), 5)).toBe(true);
    expect(wouldDisclose([before], report([...ORG, 41], WOMEN), 5)).toBe(true);
  });

  it('lets a nested filter through when the difference holds enough of the group and of the rest', () => {
    // Team T of 10: 5 women and 5 men.
    const org = range(1, 40);
    const women = [...range(1, 7), ...range(31, 35)];
    expect(wouldDisclose([report(org, women)], report(range(1, 30), range(1, 7)), 5)).toBe(false);
  });

  it('catches the three-report tracker that no pairwise check sees', () => {
    // Departments A (1-15) and B (16-35) and the rest (36-38, one woman among them).
    const org = range(1, 38);
    const women = [1, 2, 3, 4, 5, 16, 17, 18, 19, 20, 36];
    const shown = [report(org, women), report(range(1, 15), [1, 2, 3, 4, 5])];
    expect(wouldDisclose([report(org, women)], report(range(1, 15), [1, 2, 3, 4, 5]), 5)).toBe(false);
    expect(wouldDisclose(shown, report(range(16, 35), [16, 17, 18, 19, 20]), 5)).toBe(true);
  });

  it('does not blame a new report for what earlier reports already allowed', () => {
    const shown = [report(ORG, WOMEN), report(WITHOUT_T, range(1, 11))];
    expect(unsafeCombinations(shown, new Set(WOMEN), 5)).toBe(1);
    expect(wouldDisclose(shown, report(range(100, 140), range(100, 110)), 5)).toBe(false);
  });

  it('does not depend on the order of reports or ids', () => {
    const reports = fc.array(
      fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 25 }).chain((population) =>
        fc.subarray(population).map((members) => report(population, members)),
      ),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(reports, fc.integer({ min: 2, max: 6 }), (all, minGroup) => {
        const [candidate, ...shown] = all;
        const flip = (r: ShownReport) => report([...r.population].reverse(), [...r.members].reverse());
        expect(wouldDisclose([...shown].reverse().map(flip), flip(candidate!), minGroup)).toBe(wouldDisclose(shown, candidate!, minGroup));
      }),
    );
  });

  it('always stops a filter that adds or removes 1 to minGroup - 1 members of the group', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 10, max: 40 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (minGroup, base, extra, grow) => {
        fc.pre(extra < minGroup && base >= 2 * minGroup);
        // Members are the first half; the extra people are all members.
        const small = report(range(1, base), range(1, Math.floor(base / 2)));
        const big = report([...range(1, base), ...range(1000, 999 + extra)], [...range(1, Math.floor(base / 2)), ...range(1000, 999 + extra)]);
        expect(wouldDisclose([grow ? small : big], grow ? big : small, minGroup)).toBe(true);
      }),
    );
  });
});

describe('atomsOf', () => {
  it('groups people by the sets that hold them', () => {
    const atoms = atomsOf([[1, 2, 3], [3, 4]]).map((a) => `${a.vector.join('')}:${a.people.join('+')}`).sort();
    expect(atoms).toEqual(['01:4', '10:1+2', '11:3']);
  });
});

describe('rank', () => {
  it('agrees with exact rational elimination on random 0/1 matrices', () => {
    const matrix = fc.integer({ min: 1, max: 7 }).chain((width) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: width, maxLength: width }), { maxLength: 12 }).map((rows) => ({ width, rows })),
    );
    fc.assert(
      fc.property(matrix, ({ width, rows }) => {
        expect(rank(rows, width)).toBe(exactRank(rows, width));
      }),
    );
  });

  it('finds full rank for independent rows', () => {
    // The rows of a 7x7 lower-triangular matrix of ones.
    const rows = range(1, 7).map((i) => range(1, 7).map((j) => (j <= i ? 1 : 0)));
    expect(rank(rows, 7)).toBe(7);
  });
});

/** A separate implementation for the test: Gaussian elimination over exact fractions (BigInt). */
function exactRank(rows: readonly (readonly number[])[], width: number): number {
  const m = rows.map((r) => r.map((x) => ({ n: BigInt(x), d: 1n })));
  let found = 0;
  for (let col = 0; col < width && found < m.length; col++) {
    const pivot = m.findIndex((r, i) => i >= found && r[col]!.n !== 0n);
    if (pivot < 0) continue;
    [m[found], m[pivot]] = [m[pivot]!, m[found]!];
    const p = m[found]![col]!;
    for (let i = found + 1; i < m.length; i++) {
      const f = m[i]![col]!;
      if (f.n === 0n) continue;
      for (let j = col; j < width; j++) {
        // m[i][j] -= (f / p) * m[found][j]
        const a = m[i]![j]!;
        const b = m[found]![j]!;
        m[i]![j] = { n: a.n * p.n * f.d * b.d - f.n * p.d * b.n * a.d, d: a.d * p.n * f.d * b.d };
      }
    }
    found++;
  }
  return found;
}
