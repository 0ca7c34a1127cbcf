import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { chiSquare1UpperTail } from './chi-square.ts';
import type { TwoByTwo } from './contingency.ts';

export interface MantelHaenszelResult {
  /** Mantel-Haenszel common odds ratio; null when no stratum has any variation in the outcome. */
  oddsRatio: number | null;
  /** Robins-Breslow-Greenland confidence interval of the common odds ratio. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Cochran-Mantel-Haenszel statistic without continuity correction, 1 degree of freedom. */
  cmh: number;
  p: number;
  /** Strata used: those holding both groups. */
  strata: number;
}

/**
 * Stratified comparison of two groups over control strata (Mantel and Haenszel 1959; Robins,
 * Breslow and Greenland 1986). Strata lacking either group carry no information about the difference
 * and are dropped, as CONTRACTS.md says.
 */
export function mantelHaenszel(tables: readonly TwoByTwo[], confidence = 0.95): MantelHaenszelResult {
  const strata = tables.filter((t) => t.a + t.b > 0 && t.c + t.d > 0);
  const { cmh, p } = cochranMantelHaenszel(strata);
  const estimate = commonOddsRatio(strata, confidence);
  return { ...estimate, cmh, p, strata: strata.length };
}

/**
 * CMH = (sum(a - E[a]))^2 / sum(Var a), with E[a] = r1 c1 / n and the hypergeometric
 * Var a = r1 r2 c1 c2 / (n^2 (n - 1)). The audit uses it without continuity correction, as
 * CONTRACTS.md says; the corrected form (|sum(a - E[a])| - 1/2)^2 is R's default and is offered so
 * the published R examples can be checked too. Strata whose outcome does not vary add nothing;
 * when none varies there is nothing to test (CMH 0, p 1).
 */
export function cochranMantelHaenszel(strata: readonly TwoByTwo[], continuityCorrection = false): { cmh: number; p: number } {
  let deviation = 0;
  let variance = 0;
  for (const t of strata) {
    const n = t.a + t.b + t.c + t.d;
    if (n < 2) continue;
    const r1 = t.a + t.b;
    const r2 = t.c + t.d;
    const c1 = t.a + t.c;
    const c2 = t.b + t.d;
    deviation += t.a - (r1 * c1) / n;
    variance += (r1 * r2 * c1 * c2) / (n * n * (n - 1));
  }
  if (!(variance > 0)) return { cmh: 0, p: 1 };
  const distance = continuityCorrection ? Math.max(0, Math.abs(deviation) - 0.5) : Math.abs(deviation);
  const cmh = (distance * distance) / variance;
  return { cmh, p: chiSquare1UpperTail(cmh) };
}

/**
 * The Mantel-Haenszel estimator sum(ad/n) / sum(bc/n) and its Robins-Breslow-Greenland (1986)
 * variance of the log estimate. When it is 0 or infinite (every stratum has a zero on the same
 * diagonal) we add 0.5 to each cell of the strata holding a zero, as statsmodels'
 * `StratifiedTable(shift_zeros=True)` does, so the estimate and its interval stay finite.
 */
function commonOddsRatio(strata: readonly TwoByTwo[], confidence: number): Pick<MantelHaenszelResult, 'oddsRatio' | 'ciLow' | 'ciHigh'> {
  let sums = rbgSums(strata);
  if (sums.r === 0 && sums.s === 0) return { oddsRatio: null, ciLow: null, ciHigh: null };
  if (sums.r === 0 || sums.s === 0) sums = rbgSums(strata.map(shiftZeros));
  const oddsRatio = sums.r / sums.s;
  const variance =
    sums.pr / (2 * sums.r * sums.r) + sums.psqr / (2 * sums.r * sums.s) + sums.qs / (2 * sums.s * sums.s);
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const halfWidth = z * Math.sqrt(variance);
  const log = Math.log(oddsRatio);
  return { oddsRatio, ciLow: Math.exp(log - halfWidth), ciHigh: Math.exp(log + halfWidth) };
}

function rbgSums(strata: readonly TwoByTwo[]) {
  const sums = { r: 0, s: 0, pr: 0, psqr: 0, qs: 0 };
  for (const t of strata) {
    const n = t.a + t.b + t.c + t.d;
    const p = (t.a + t.d) / n;
    const q = (t.b + t.c) / n;
    const r = (t.a * t.d) / n;
    const s = (t.b * t.c) / n;
    sums.r += r;
    sums.s += s;
    sums.pr += p * r;
    sums.psqr += p * s + q * r;
    sums.qs += q * s;
  }
  return sums;
}

function shiftZeros(t: TwoByTwo): TwoByTwo {
  return t.a === 0 || t.b === 0 || t.c === 0 || t.d === 0 ? { a: t.a + 0.5, b: t.b + 0.5, c: t.c + 0.5, d: t.d + 0.5 } : t;
}
