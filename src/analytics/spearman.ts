import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** Ranks 1..n with ties given their average rank (as R's `rank`). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

export interface SpearmanResult {
  n: number;
  /** Null when either variable does not vary: there is no order to correlate. */
  rho: number | null;
  /** Two-sided; exact by permutation for up to 8 pairs, else the t approximation. */
  p: number | null;
  method: 'exact' | 't-approximation' | null;
}

const EXACT_UP_TO = 8;

/**
 * Spearman's rank correlation (Spearman 1904): Pearson's correlation of the ranks, ties averaged.
 * Its p value is exact for up to 8 pairs (every one of the n! orderings of y is equally likely
 * when there is no association: at most 40,320), and otherwise from t = rho sqrt((n-2)/(1-rho^2))
 * on n - 2 degrees of freedom, as R's `cor.test(method = "spearman", exact = FALSE)`.
 */
export function spearman(x: readonly number[], y: readonly number[]): SpearmanResult {
  if (x.length !== y.length) throw new Error('spearman: x and y differ in length');
  const n = x.length;
  if (n < 3) return { n, rho: null, p: null, method: null };
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const rho = pearson(rx, ry);
  if (rho === null) return { n, rho: null, p: null, method: null };
  if (n <= EXACT_UP_TO) {
    let asExtreme = 0;
    let total = 0;
    permute(ry, (perm) => {
      total++;
      const r = pearson(rx, perm) ?? 0;
      if (Math.abs(r) >= Math.abs(rho) - 1e-12) asExtreme++;
    });
    return { n, rho, p: asExtreme / total, method: 'exact' };
  }
  if (Math.abs(rho) >= 1) return { n, rho, p: 0, method: 't-approximation' };
  const t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
  return { n, rho, p: Math.min(1, 2 * tCdf(-Math.abs(t), n - 2)), method: 't-approximation' };
}

/** Heap's algorithm: every ordering of `values`, in place. */
function permute(values: readonly number[], visit: (perm: readonly number[]) => void): void {
  const a = [...values];
  const c = a.map(() => 0);
  visit(a);
  let i = 1;
  while (i < a.length) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      [a[j], a[i]] = [a[i]!, a[j]!];
      visit(a);
      c[i]!++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}
