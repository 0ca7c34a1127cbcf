import { monthsBetween } from './dates.rules.ts';

export interface RecencyOptions {
  /** The window, inclusive, as ISO dates. */
  from: string;
  to: string;
  /** A month holding less than this percent of an even share is thin. */
  thinMonthPercent: number;
  /** More than this percent of the items in the window's last three months is recency-heavy. */
  recencyHeavyPercent: number;
}

export interface MonthCoverage {
  month: string;
  count: number;
  thin: boolean;
}

export interface RecencyCoverage {
  months: MonthCoverage[];
  /** Items dated inside the window. */
  total: number;
  coveredMonths: number;
  /**
   * How evenly the items spread over the months: Shannon entropy of the monthly counts divided
   * by its maximum, ln(months). 1 is perfectly even; 0 is everything in one month (or nothing).
   */
  evenness: number;
  /** Share (0 to 1) of the items in the window's last three months. */
  lastQuarterShare: number;
  recencyHeavy: boolean;
  /** The longest run of months with nothing, a gap memory will fill with guesses. */
  longestGapMonths: number;
}

/**
 * How evenly a year of evidence is covered: the guard against recency bias the humane playbook
 * asks for. Reviews written from memory lean on the last few weeks; a living document shows
 * where the year is thin before anyone rates anything. Dates outside the window are ignored.
 */
export function recencyCoverage(dates: readonly string[], options: RecencyOptions): RecencyCoverage {
  const keys = monthsBetween(options.from, options.to);
  const counts = new Map(keys.map((k) => [k, 0]));
  let total = 0;
  for (const date of dates) {
    if (date < options.from || date > options.to) continue;
    const key = date.slice(0, 7);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  const k = keys.length;
  // Thin: below the percentage of an even share (count < total / k * p / 100), or empty.
  const months = keys.map((month) => {
    const count = counts.get(month)!;
    return { month, count, thin: count === 0 || count * k * 100 < options.thinMonthPercent * total };
  });
  let entropy = 0;
  for (const m of months) {
    if (m.count > 0) entropy -= (m.count / total) * Math.log(m.count / total);
  }
  const evenness = total === 0 || k < 2 ? 0 : Math.min(1, entropy / Math.log(k));
  const recent = months.slice(-3).reduce((sum, m) => sum + m.count, 0);
  const lastQuarterShare = total === 0 ? 0 : recent / total;
  let longestGapMonths = 0;
  let run = 0;
  for (const m of months) {
    run = m.count === 0 ? run + 1 : 0;
    longestGapMonths = Math.max(longestGapMonths, run);
  }
  return {
    months,
    total,
    coveredMonths: months.filter((m) => m.count > 0).length,
    evenness,
    lastQuarterShare,
    recencyHeavy: total > 0 && lastQuarterShare * 100 > options.recencyHeavyPercent,
    longestGapMonths,
  };
}
