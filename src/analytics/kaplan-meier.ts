import { chiSquare1UpperTail } from './chi-square.ts';

/** One person's time until the event, or until observation stopped without it (censored). */
export interface SurvivalObservation {
  time: number;
  /** True when the event (a promotion) happened at `time`; false when the person was censored then. */
  event: boolean;
}

export interface SurvivalStep {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  /** The Kaplan-Meier estimate of still waiting just after `time`. */
  survival: number;
}

export interface KaplanMeierResult {
  n: number;
  events: number;
  steps: SurvivalStep[];
  /**
   * The smallest time at which the estimate falls to one half or below (Kleinbaum and Klein's
   * definition; when it is exactly one half over a stretch, R's `survfit` prints the stretch's midpoint);
   * null when it never does: fewer than half were seen to reach the event, and no honest median
   * exists (the wait is "longer than the longest follow-up" for the median person).
   */
  median: number | null;
}

/**
 * The Kaplan-Meier (product-limit) estimator (Kaplan and Meier 1958): at each event time the
 * estimate is multiplied by (1 - events / at risk). People censored at a time are still at risk at
 * that time (events come first), as in every standard implementation. Censored people are not
 * dropped: they count as waiting for as long as they were watched, which is what keeps a slow
 * group from looking fast because only its quick promotions had happened yet.
 */
export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierResult {
  const byTime = new Map<number, { events: number; censored: number }>();
  for (const o of observations) {
    if (!(o.time >= 0) || !Number.isFinite(o.time)) throw new Error(`survival time must be a finite non-negative number, not ${o.time}`);
    const at = byTime.get(o.time) ?? { events: 0, censored: 0 };
    if (o.event) at.events++;
    else at.censored++;
    byTime.set(o.time, at);
  }
  let atRisk = observations.length;
  let survival = 1;
  let median: number | null = null;
  const steps: SurvivalStep[] = [];
  for (const time of [...byTime.keys()].sort((x, y) => x - y)) {
    const { events, censored } = byTime.get(time)!;
    if (events > 0) survival *= 1 - events / atRisk;
    steps.push({ time, atRisk, events, censored, survival });
    // A small tolerance: 1 - 1/2 computed as a product may land a hair above one half.
    if (median === null && events > 0 && survival <= 0.5 + 1e-12) median = time;
    atRisk -= events + censored;
  }
  return { n: observations.length, events: observations.filter((o) => o.event).length, steps, median };
}

export interface LogRankResult {
  /** Events observed in the compared group, and expected under no difference. */
  observed: number;
  expected: number;
  chiSquare: number;
  p: number;
  /** Strata in which both groups had someone at risk. */
  strata: number;
}

/**
 * The log-rank test of two groups (Mantel 1966; Peto and Peto 1972), stratified: within each
 * stratum (a level) the observed minus expected events of the compared group and their
 * hypergeometric variance are summed over event times, then over strata, so people are only
 * compared with people at the same level. Chi-square with one degree of freedom, as R's
 * `survdiff(Surv(time, event) ~ group + strata(level))`.
 */
export function logRank(strata: readonly { group: readonly SurvivalObservation[]; reference: readonly SurvivalObservation[] }[]): LogRankResult {
  let observed = 0;
  let expected = 0;
  let variance = 0;
  let used = 0;
  for (const stratum of strata) {
    if (stratum.group.length === 0 || stratum.reference.length === 0) continue;
    used++;
    // One sweep over the stratum in time order: at each event time, who is still at risk in each
    // group and how many had the event; then everyone with that time leaves the risk set.
    const all = [...stratum.group.map((o) => ({ ...o, inGroup: true })), ...stratum.reference.map((o) => ({ ...o, inGroup: false }))].sort((x, y) => x.time - y.time);
    let n1 = stratum.group.length;
    let n2 = stratum.reference.length;
    for (let i = 0; i < all.length; ) {
      const t = all[i]!.time;
      let d1 = 0;
      let d = 0;
      let left1 = 0;
      let left2 = 0;
      for (; i < all.length && all[i]!.time === t; i++) {
        const o = all[i]!;
        if (o.event) {
          d++;
          if (o.inGroup) d1++;
        }
        if (o.inGroup) left1++;
        else left2++;
      }
      if (d > 0) {
        const n = n1 + n2;
        observed += d1;
        expected += (d * n1) / n;
        if (n > 1) variance += (d * (n1 / n) * (n2 / n) * (n - d)) / (n - 1);
      }
      n1 -= left1;
      n2 -= left2;
    }
  }
  if (!(variance > 0)) return { observed, expected, chiSquare: 0, p: 1, strata: used };
  const chiSquare = ((observed - expected) * (observed - expected)) / variance;
  return { observed, expected, chiSquare, p: chiSquare1UpperTail(chiSquare), strata: used };
}
