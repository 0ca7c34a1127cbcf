import { chiSquare1UpperTail } from './chi-square.ts';

/** One stratum of an ordinal outcome: how many of each group got each grade (same order as the scores). */
export interface GradeCounts {
  group: readonly number[];
  reference: readonly number[];
}

/**
 * The Cochran-Mantel-Haenszel "row mean scores differ" statistic for two groups and an ordered
 * outcome (Mantel 1963; Landis, Heyman and Koch 1978): whether the group's mean grade differs from
 * the reference's within strata, 1 degree of freedom. With one stratum it is Mantel's
 * M^2 = (n - 1) r^2 (Agresti, An Introduction to Categorical Data Analysis, chapter 2); with two
 * grades it is the CMH statistic of the dichotomy. Strata lacking either group are dropped; when
 * no stratum has any spread in grades there is nothing to test (statistic 0, p 1).
 */
export function meanScoreTest(strata: readonly GradeCounts[], scores: readonly number[]): { chiSquare: number; p: number; strata: number } {
  let deviation = 0;
  let variance = 0;
  let used = 0;
  for (const stratum of strata) {
    const n1 = sum(stratum.group);
    const n2 = sum(stratum.reference);
    if (n1 === 0 || n2 === 0) continue;
    used++;
    const n = n1 + n2;
    // A stratum where everyone got the same grade has no spread and no deviation; skipping it
    // spares rounding noise (a mean of 0.1s is not exactly 0.1) from posing as a signal.
    const occupied = scores.filter((_, j) => (stratum.group[j] ?? 0) + (stratum.reference[j] ?? 0) > 0).length;
    if (occupied < 2) continue;
    let total = 0;
    let groupTotal = 0;
    scores.forEach((score, j) => {
      total += score * ((stratum.group[j] ?? 0) + (stratum.reference[j] ?? 0));
      groupTotal += score * (stratum.group[j] ?? 0);
    });
    const mean = total / n;
    let spread = 0;
    scores.forEach((score, j) => {
      spread += (score - mean) ** 2 * ((stratum.group[j] ?? 0) + (stratum.reference[j] ?? 0));
    });
    deviation += groupTotal - n1 * mean;
    // Sampling n1 without replacement from the stratum: variance n1 n2 / (n - 1) times the
    // stratum's population variance of the scores.
    variance += ((n1 * n2) / (n - 1)) * (spread / n);
  }
  if (!(variance > 0)) return { chiSquare: 0, p: 1, strata: used };
  const chiSquare = (deviation * deviation) / variance;
  return { chiSquare, p: chiSquare1UpperTail(chiSquare), strata: used };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
