import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * Upper tail P(X > x) of the chi-square distribution with one degree of freedom.
 * `1 - chisquareCdf(x, 1)` cancels to exactly 0 beyond x of about 75, which would report
 * p = 0 and tie the strongest results in Holm's ordering. The identity
 * P(chi-square(1) > x) = 2 * Phi(-sqrt(x)) keeps the tail to full precision.
 */
export function chiSquare1UpperTail(x: number): number {
  if (!(x > 0)) return 1;
  return Math.min(1, 2 * normalCdf(-Math.sqrt(x), 0, 1));
}
