import { describe, expect, it } from 'vitest';
import { fisherExact } from './fisher-exact.ts';
import { averageRanks, spearman } from './spearman.ts';
import { linearTrend } from './linear-trend.ts';

describe('fisherExact', () => {
  it("gives Fisher's tea-tasting answer: 3 of 4 cups right, two-sided p = 0.4857 (R fisher.test)", () => {
    expect(fisherExact({ a: 3, b: 1, c: 1, d: 3 }).p).toBeCloseTo(0.485714, 6);
  });

  it('gives R fisher.test(matrix(c(1, 9, 11, 3), 2)) = 0.002759 (Wikipedia: Fisher\'s exact test)', () => {
    expect(fisherExact({ a: 1, b: 11, c: 9, d: 3 }).p).toBeCloseTo(0.002759, 6);
  });

  it('is 1 when a margin is empty or the table is empty', () => {
    expect(fisherExact({ a: 0, b: 5, c: 0, d: 7 }).p).toBe(1);
    expect(fisherExact({ a: 0, b: 0, c: 0, d: 0 }).p).toBe(1);
  });
});

describe('spearman', () => {
  it('reproduces the Wikipedia example (IQ against hours of TV): rho = -29/165, p = 0.6272', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    const result = spearman(iq, tv);
    expect(result.rho).toBeCloseTo(-29 / 165, 12);
    expect(result.p).toBeCloseTo(0.627188, 5);
    expect(result.method).toBe('t-approximation');
  });

  it('is exact for few pairs: a perfect order of 4 has p = 2/24 (both directions)', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toMatchObject({ rho: 1, p: 2 / 24, method: 'exact' });
  });

  it('averages tied ranks and says nothing when a variable does not vary or there are under 3 pairs', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3], [4, 4, 4])).toMatchObject({ rho: null, p: null });
    expect(spearman([1, 2], [3, 4])).toMatchObject({ rho: null, p: null });
  });
});

describe('linearTrend', () => {
  it('reproduces Agresti (An Introduction to Categorical Data Analysis, ch. 2): alcohol and malformation, r = 0.0142, M2 = 6.57', () => {
    const rows = [
      { score: 0, favourable: 48, n: 48 + 17066 },
      { score: 0.5, favourable: 38, n: 38 + 14464 },
      { score: 1.5, favourable: 5, n: 5 + 788 },
      { score: 4, favourable: 1, n: 1 + 126 },
      { score: 7, favourable: 1, n: 1 + 37 },
    ];
    const result = linearTrend(rows);
    expect(result.r).toBeCloseTo(0.0142, 4);
    expect(result.chiSquare).toBeCloseTo(6.57, 2);
    expect(result.p).toBeCloseTo(0.0104, 3);
  });

  it('has nothing to test when the outcome or the score does not vary', () => {
    expect(linearTrend([{ score: 1, favourable: 2, n: 5 }, { score: 1, favourable: 1, n: 5 }])).toMatchObject({ r: null, p: 1 });
    expect(linearTrend([{ score: 1, favourable: 0, n: 5 }, { score: 2, favourable: 0, n: 5 }])).toMatchObject({ r: null, p: 1 });
  });
});
