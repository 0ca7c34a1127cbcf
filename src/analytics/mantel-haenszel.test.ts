import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearsonChiSquare, type TwoByTwo } from './contingency.ts';
import { cochranMantelHaenszel, mantelHaenszel } from './mantel-haenszel.ts';

/**
 * UC Berkeley graduate admissions, 1973, six largest departments (Bickel, Hammel and O'Connell
 * 1975; R's UCBAdmissions). Rows: male (a admitted, b rejected), female (c, d).
 */
const BERKELEY: TwoByTwo[] = [
  { a: 512, b: 313, c: 89, d: 19 },
  { a: 353, b: 207, c: 17, d: 8 },
  { a: 120, b: 205, c: 202, d: 391 },
  { a: 138, b: 279, c: 131, d: 244 },
  { a: 53, b: 138, c: 94, d: 299 },
  { a: 22, b: 351, c: 24, d: 317 },
];

/**
 * Penicillin and rabbits (Agresti 1990, pp. 231-237; R's mantelhaen.test example), five dose
 * strata. Rows: injected immediately (a cured, b died), delayed 1.5 h (c, d).
 */
const RABBITS: TwoByTwo[] = [
  { a: 0, b: 6, c: 0, d: 5 },
  { a: 3, b: 3, c: 0, d: 6 },
  { a: 6, b: 0, c: 2, d: 4 },
  { a: 5, b: 1, c: 6, d: 0 },
  { a: 2, b: 0, c: 5, d: 0 },
];

/**
 * Smoking and lung cancer in eight Chinese cities (Liu 1992), the Mantel-Haenszel example of
 * Agresti, Categorical Data Analysis (2nd ed. 2002). Rows: smokers (a cases, b controls),
 * non-smokers (c, d).
 */
const CHINA: TwoByTwo[] = [
  { a: 126, b: 100, c: 35, d: 61 },
  { a: 908, b: 688, c: 497, d: 807 },
  { a: 913, b: 747, c: 336, d: 598 },
  { a: 235, b: 172, c: 58, d: 121 },
  { a: 402, b: 308, c: 121, d: 215 },
  { a: 182, b: 156, c: 72, d: 98 },
  { a: 60, b: 99, c: 11, d: 43 },
  { a: 104, b: 89, c: 21, d: 36 },
];

describe('mantelHaenszel', () => {
  it('matches R mantelhaen.test(UCBAdmissions)', () => {
    // R prints: common odds ratio 0.9046968, 95 percent confidence interval 0.7719074 1.0603298
    // (Robins-Breslow-Greenland); with correct = FALSE, Mantel-Haenszel X-squared = 1.5246,
    // p-value = 0.2169 (the default corrected run prints 1.4269, p-value = 0.2323).
    const result = mantelHaenszel(BERKELEY);
    expect(result.oddsRatio).toBeCloseTo(0.9046968, 7);
    expect(result.ciLow).toBeCloseTo(0.7719074, 7);
    expect(result.ciHigh).toBeCloseTo(1.0603298, 7);
    expect(result.cmh).toBeCloseTo(1.5246, 4);
    expect(result.p).toBeCloseTo(0.2169, 4);
    expect(result.strata).toBe(6);
    const corrected = cochranMantelHaenszel(BERKELEY, true);
    expect(corrected.cmh).toBeCloseTo(1.4269, 4);
    expect(corrected.p).toBeCloseTo(0.2323, 4);
  });

  it('matches R mantelhaen.test(Rabbits), zero cells and an uninformative stratum included', () => {
    // R prints: Mantel-Haenszel X-squared = 3.9286, df = 1, p-value = 0.04747 (continuity
    // corrected); 95 percent confidence interval 1.026713 47.725133; common odds ratio 7.
    const result = mantelHaenszel(RABBITS);
    expect(result.oddsRatio).toBeCloseTo(7, 10);
    expect(result.ciLow).toBeCloseTo(1.026713, 6);
    expect(result.ciHigh).toBeCloseTo(47.725133, 5);
    const corrected = cochranMantelHaenszel(RABBITS, true);
    expect(corrected.cmh).toBeCloseTo(3.9286, 4);
    expect(corrected.p).toBeCloseTo(0.04747, 5);
  });

  it('matches the published CMH analysis of the Chinese smoking data', () => {
    // SAS PROC FREQ / CMH on this table (Stanford ED257 course notes, "SAS file for CMH analysis
    // of Chinese smoking data"): CMH statistic 280.138 (1 df, no continuity correction),
    // Mantel-Haenszel common odds ratio 2.174. Agresti reports the same 280.1 and 2.17.
    const result = mantelHaenszel(CHINA);
    expect(result.cmh).toBeCloseTo(280.138, 3);
    expect(result.oddsRatio).toBeCloseTo(2.174, 3);
    expect(result.ciLow!).toBeLessThan(2.174);
    expect(result.ciHigh!).toBeGreaterThan(2.174);
  });

  it('drops strata that lack either group', () => {
    const withEmpty = [...BERKELEY, { a: 0, b: 0, c: 14, d: 9 }, { a: 7, b: 3, c: 0, d: 0 }];
    const result = mantelHaenszel(withEmpty);
    expect(result.strata).toBe(6);
    expect(result.oddsRatio).toBeCloseTo(mantelHaenszel(BERKELEY).oddsRatio!, 12);
  });

  it('with one stratum, CMH is (n - 1) / n times Pearson chi-square and the estimate is the sample odds ratio', () => {
    fc.assert(
      fc.property(fullTable(), (t) => {
        const n = t.a + t.b + t.c + t.d;
        const result = mantelHaenszel([t]);
        expect(result.cmh).toBeCloseTo(((n - 1) / n) * pearsonChiSquare(t).chiSquare, 8);
        expect(result.oddsRatio).toBeCloseTo((t.a * t.d) / (t.b * t.c), 8);
      }),
    );
  });

  it('inverts the estimate and its interval when the groups swap, and ignores stratum order', () => {
    fc.assert(
      fc.property(fc.array(fullTable(), { minLength: 1, maxLength: 8 }), (strata) => {
        const forward = mantelHaenszel(strata);
        const swapped = mantelHaenszel(strata.map((t) => ({ a: t.c, b: t.d, c: t.a, d: t.b })));
        expect(forward.oddsRatio! * swapped.oddsRatio!).toBeCloseTo(1, 8);
        expect(forward.ciLow! * swapped.ciHigh!).toBeCloseTo(1, 8);
        expect(swapped.cmh).toBeCloseTo(forward.cmh, 8);
        expect(mantelHaenszel([...strata].reverse()).oddsRatio).toBeCloseTo(forward.oddsRatio!, 10);
        expect(forward.ciLow!).toBeLessThanOrEqual(forward.oddsRatio!);
        expect(forward.ciHigh!).toBeGreaterThanOrEqual(forward.oddsRatio!);
      }),
    );
  });

  it('stays finite when every stratum has a zero on the same diagonal, and has no estimate when the outcome never varies', () => {
    const zeros = mantelHaenszel([
      { a: 0, b: 5, c: 3, d: 4 },
      { a: 0, b: 6, c: 2, d: 7 },
    ]);
    expect(zeros.oddsRatio).toBeGreaterThan(0);
    expect(Number.isFinite(zeros.ciHigh!)).toBe(true);
    const flat = mantelHaenszel([
      { a: 5, b: 0, c: 7, d: 0 },
      { a: 0, b: 4, c: 0, d: 9 },
    ]);
    expect(flat).toEqual({ oddsRatio: null, ciLow: null, ciHigh: null, cmh: 0, p: 1, strata: 2 });
  });
});

function fullTable() {
  return fc.record({
    a: fc.integer({ min: 1, max: 300 }),
    b: fc.integer({ min: 1, max: 300 }),
    c: fc.integer({ min: 1, max: 300 }),
    d: fc.integer({ min: 1, max: 300 }),
  });
}
