import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { belowFourFifths, impactRatio, oddsRatio, pearsonChiSquare, type TwoByTwo } from './contingency.ts';

describe('pearsonChiSquare', () => {
  it('matches the published Pearson test of the Whickham smoking table', () => {
    // Appleton, French and Vanderpump (1996), "Ignoring a covariate: an example of Simpson's
    // paradox", as analysed in Faraway (2006), Extending the Linear Model with R, section 4.4:
    // smokers 443 alive / 139 dead, non-smokers 502 alive / 230 dead;
    // R's summary(xtabs(...)) prints Chisq = 9.121, df = 1, p-value = 0.002527 (no correction).
    const result = pearsonChiSquare({ a: 443, b: 139, c: 502, d: 230 });
    expect(result.chiSquare).toBeCloseTo(9.121, 3);
    expect(result.p).toBeCloseTo(0.002527, 6);
  });

  it('is n (ad - bc)^2 over the product of the margins, written out for a small table', () => {
    // a=10 b=20 c=30 d=40: n=100, ad-bc=-200, margins 30*70*40*60 = 5,040,000.
    expect(pearsonChiSquare({ a: 10, b: 20, c: 30, d: 40 }).chiSquare).toBeCloseTo((100 * 200 * 200) / 5_040_000, 12);
  });

  it('finds nothing to test when nobody, or everybody, is favourable', () => {
    expect(pearsonChiSquare({ a: 0, b: 12, c: 0, d: 30 })).toEqual({ chiSquare: 0, p: 1 });
    expect(pearsonChiSquare({ a: 12, b: 0, c: 30, d: 0 })).toEqual({ chiSquare: 0, p: 1 });
  });

  it('does not care which group is the reference or which outcome is favourable', () => {
    fc.assert(
      fc.property(table(), (t) => {
        const base = pearsonChiSquare(t).chiSquare;
        expect(pearsonChiSquare({ a: t.c, b: t.d, c: t.a, d: t.b }).chiSquare).toBeCloseTo(base, 8);
        expect(pearsonChiSquare({ a: t.b, b: t.a, c: t.d, d: t.c }).chiSquare).toBeCloseTo(base, 8);
      }),
    );
  });
});

describe('oddsRatio', () => {
  it('matches the Physicians Health Study example', () => {
    // Agresti, An Introduction to Categorical Data Analysis (2nd ed. 2007), chapter 2, the
    // Physicians' Health Study: placebo 189 heart attacks / 10,845 none, aspirin 104 / 10,933;
    // sample odds ratio 1.832.
    expect(oddsRatio({ a: 189, b: 10_845, c: 104, d: 10_933 })).toBeCloseTo(1.832, 3);
  });

  it('adds one half to every cell when a cell is zero, so the ratio stays finite', () => {
    // (0.5 * 40.5) / (10.5 * 20.5)
    expect(oddsRatio({ a: 0, b: 10, c: 20, d: 40 })).toBeCloseTo((0.5 * 40.5) / (10.5 * 20.5), 12);
    expect(oddsRatio({ a: 5, b: 0, c: 20, d: 40 })).toBeCloseTo((5.5 * 40.5) / (0.5 * 20.5), 12);
  });

  it('has no value when the outcome does not vary in the two groups', () => {
    expect(oddsRatio({ a: 0, b: 10, c: 0, d: 40 })).toBeNull();
    expect(oddsRatio({ a: 7, b: 0, c: 9, d: 0 })).toBeNull();
  });

  it('inverts when the groups swap', () => {
    fc.assert(
      fc.property(table(), (t) => {
        const forward = oddsRatio(t)!;
        const backward = oddsRatio({ a: t.c, b: t.d, c: t.a, d: t.b })!;
        expect(forward * backward).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe('impactRatio and the four-fifths rule', () => {
  it('follows the EEOC worked example', () => {
    // Questions and Answers to Clarify and Provide a Common Interpretation of the Uniform
    // Guidelines on Employee Selection Procedures (EEOC et al., 1979), the four-fifths example:
    // hiring rates 60% (highest group), 45%, 48% and 51% give impact ratios
    // 75%, 80% and 85%; adverse impact is indicated for the 45% group only, since the rule
    // (29 CFR 1607.4(D)) says "less than four-fifths".
    const highest = { favourable: 60, n: 100 };
    const cases = [
      { favourable: 45, ratio: 0.75, adverse: true },
      { favourable: 48, ratio: 0.8, adverse: false },
      { favourable: 51, ratio: 0.85, adverse: false },
    ];
    for (const c of cases) {
      const t: TwoByTwo = { a: c.favourable, b: 100 - c.favourable, c: highest.favourable, d: highest.n - highest.favourable };
      expect(impactRatio(t)).toBe(c.ratio);
      expect(belowFourFifths(c.favourable, 100, highest.favourable, highest.n)).toBe(c.adverse);
    }
  });

  it('has no value when the reference group has no favourable outcome', () => {
    expect(impactRatio({ a: 3, b: 7, c: 0, d: 10 })).toBeNull();
  });
});

/** Tables with every margin filled, the only ones a visible comparison can produce. */
function table() {
  return fc
    .record({ a: fc.integer({ min: 1, max: 500 }), b: fc.integer({ min: 1, max: 500 }), c: fc.integer({ min: 1, max: 500 }), d: fc.integer({ min: 1, max: 500 }) })
    .map((t): TwoByTwo => t);
}
