import { chiSquare1UpperTail } from './chi-square.ts';

export interface TrendRow {
  /** The row's score on the ordered scale (a complexity grade's number). */
  score: number;
  favourable: number;
  n: number;
}

export interface TrendResult {
  /** Pearson correlation of score and outcome (1 favourable, 0 not) over all people. */
  r: number | null;
  /** M^2 = (N - 1) r^2, chi-square with one degree of freedom. */
  chiSquare: number;
  p: number;
}

/**
 * The linear-by-linear association test of a binary outcome over ordered rows (Mantel 1963;
 * Agresti, Categorical Data Analysis section 3.4.1; the Cochran-Armitage trend test up to the
 * factor (N - 1)/N): does the favourable share rise or fall with the score? More powerful than a
 * chi-square over the rows when the question is a trend, and it uses the order the rows have.
 */
export function linearTrend(rows: readonly TrendRow[]): TrendResult {
  const N = rows.reduce((s, r) => s + r.n, 0);
  if (N < 2) return { r: null, chiSquare: 0, p: 1 };
  const sumX = rows.reduce((s, r) => s + r.score * r.n, 0);
  const sumY = rows.reduce((s, r) => s + r.favourable, 0);
  const meanX = sumX / N;
  const meanY = sumY / N;
  let sxy = 0;
  let sxx = 0;
  for (const r of rows) {
    sxy += (r.score - meanX) * (r.favourable - r.n * meanY);
    sxx += r.n * (r.score - meanX) ** 2;
  }
  const syy = N * meanY * (1 - meanY);
  if (!(sxx > 0) || !(syy > 0)) return { r: null, chiSquare: 0, p: 1 };
  const r = sxy / Math.sqrt(sxx * syy);
  const chiSquare = (N - 1) * r * r;
  return { r, chiSquare, p: chiSquare1UpperTail(chiSquare) };
}
