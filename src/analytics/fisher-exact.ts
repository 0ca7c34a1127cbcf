import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import type { TwoByTwo } from './contingency.ts';

/**
 * Fisher's exact test of a 2x2 table, two-sided (Fisher 1935; Agresti, Categorical Data Analysis
 * section 3.5): with the margins fixed, `a` follows the hypergeometric distribution; the p value
 * sums the probabilities of every table no more likely than the one observed, as R's
 * `fisher.test` does (with its relative tolerance of 1e-7 so that ties in floating point count).
 * Exact, so it stays right for the handful of organisations and people a governance check sees,
 * where the chi-square approximation would not.
 */
export function fisherExact(t: TwoByTwo): { p: number } {
  const rows = t.a + t.b;
  const favourable = t.a + t.c;
  const n = rows + t.c + t.d;
  if (n === 0) return { p: 1 };
  const low = Math.max(0, rows + favourable - n);
  const high = Math.min(rows, favourable);
  const observed = hypergeometricPmf(t.a, n, favourable, rows);
  let p = 0;
  for (let a = low; a <= high; a++) {
    const probability = hypergeometricPmf(a, n, favourable, rows);
    if (probability <= observed * (1 + 1e-7)) p += probability;
  }
  return { p: Math.min(1, p) };
}
