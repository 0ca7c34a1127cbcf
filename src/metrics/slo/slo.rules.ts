/**
 * Service level objectives over SLI samples (DOMAIN.md section 7): compliance per window, the
 * error budget left and burn rates over a fast and a slow pair of windows, after the Google SRE
 * workbook's multiwindow, multi-burn-rate alerts. Pure: samples and `now` are parameters.
 */

/** An SLO of one service. Two forms cover latency (P90, TM95) and success-rate objectives. */
export type SloDefinition =
  | {
      name: string;
      /** Each sample is one time slice, good when its value meets the threshold. */
      kind: 'threshold';
      metric: string;
      comparison: 'lte' | 'lt' | 'gte' | 'gt';
      threshold: number;
      objective: number;
      windowDays: number;
    }
  | {
      name: string;
      /** Samples count events: good events over all events (requests that succeeded, say). */
      kind: 'events';
      goodMetric: string;
      totalMetric: string;
      objective: number;
      windowDays: number;
    };

export interface SliSample {
  metric: string;
  /** Epoch ms. */
  at: number;
  value: number;
}

export interface WindowCounts {
  good: number;
  total: number;
}

export const MS_PER_HOUR = 3_600_000;

/**
 * The burn-rate windows: the fast pair pages (2% of the budget spent in an hour), the slow pair
 * opens a ticket (5% in six hours). Each long window has a short one that must agree, so an alert
 * stops soon after the burning does.
 */
export const BURN_WINDOWS = {
  fast: { longMs: MS_PER_HOUR, shortMs: 5 * 60_000, budgetShare: 0.02 },
  slow: { longMs: 6 * MS_PER_HOUR, shortMs: 30 * 60_000, budgetShare: 0.05 },
} as const;

/**
 * Good and total counts of the samples in the window `(end - length, end]`. A threshold SLO
 * counts slices; an events SLO sums the good and total metrics.
 */
export function countWindow(definition: SloDefinition, samples: readonly SliSample[], end: number, lengthMs: number): WindowCounts {
  const start = end - lengthMs;
  let good = 0;
  let total = 0;
  for (const s of samples) {
    if (s.at <= start || s.at > end) continue;
    if (definition.kind === 'threshold') {
      if (s.metric !== definition.metric) continue;
      total += 1;
      if (meetsThreshold(definition.comparison, s.value, definition.threshold)) good += 1;
    } else if (s.metric === definition.goodMetric) good += s.value;
    else if (s.metric === definition.totalMetric) total += s.value;
  }
  return { good, total };
}

function meetsThreshold(comparison: 'lte' | 'lt' | 'gte' | 'gt', value: number, threshold: number): boolean {
  switch (comparison) {
    case 'lte':
      return value <= threshold;
    case 'lt':
      return value < threshold;
    case 'gte':
      return value >= threshold;
    case 'gt':
      return value > threshold;
  }
}

/** Good over total; null without any events (no data is not 100%). */
export function compliance(counts: WindowCounts): number | null {
  return counts.total > 0 ? counts.good / counts.total : null;
}

/**
 * The share of the window's error budget still unspent: 1 untouched, 0 spent, negative
 * overspent. The budget is `(1 - objective) * total` bad events; null without events.
 */
export function errorBudgetRemaining(counts: WindowCounts, objective: number): number | null {
  if (counts.total <= 0) return null;
  const budget = (1 - objective) * counts.total;
  const bad = counts.total - counts.good;
  if (budget <= 0) return bad > 0 ? Number.NEGATIVE_INFINITY : 1;
  return 1 - bad / budget;
}

/** How fast the budget burns: the bad share of the window over the allowed bad share (1 = exactly on budget). */
export function burnRate(counts: WindowCounts, objective: number): number | null {
  if (counts.total <= 0) return null;
  return (counts.total - counts.good) / counts.total / (1 - objective);
}

/**
 * The burn rate that spends `budgetShare` of a `windowDays` budget within `longMs`: 14.4 for the
 * fast pair and 6 for the slow pair of a 30-day SLO, as the SRE workbook tabulates.
 */
export function burnThreshold(windowDays: number, pair: { longMs: number; budgetShare: number }): number {
  return (pair.budgetShare * windowDays * 24 * MS_PER_HOUR) / pair.longMs;
}

export interface BurnStatus {
  longRate: number | null;
  shortRate: number | null;
  threshold: number;
  /** Both windows burn faster than the threshold. */
  alerting: boolean;
}

export interface SloStatus {
  name: string;
  objective: number;
  windowDays: number;
  good: number;
  total: number;
  compliance: number | null;
  met: boolean | null;
  errorBudgetRemaining: number | null;
  burn: { fast: BurnStatus; slow: BurnStatus };
}

/** An SLO's state at `now`: its rolling window, budget and both burn-rate pairs. */
export function sloStatus(definition: SloDefinition, samples: readonly SliSample[], now: number): SloStatus {
  const counts = countWindow(definition, samples, now, definition.windowDays * 24 * MS_PER_HOUR);
  const ratio = compliance(counts);
  const burn = (pair: (typeof BURN_WINDOWS)['fast' | 'slow']): BurnStatus => {
    const longRate = burnRate(countWindow(definition, samples, now, pair.longMs), definition.objective);
    const shortRate = burnRate(countWindow(definition, samples, now, pair.shortMs), definition.objective);
    const threshold = burnThreshold(definition.windowDays, pair);
    return { longRate, shortRate, threshold, alerting: longRate !== null && shortRate !== null && longRate > threshold && shortRate > threshold };
  };
  return {
    name: definition.name,
    objective: definition.objective,
    windowDays: definition.windowDays,
    good: counts.good,
    total: counts.total,
    compliance: ratio,
    met: ratio === null ? null : ratio >= definition.objective,
    errorBudgetRemaining: errorBudgetRemaining(counts, definition.objective),
    burn: { fast: burn(BURN_WINDOWS.fast), slow: burn(BURN_WINDOWS.slow) },
  };
}

/** Compliance in consecutive periods (a trend): each `[start, end)` window on its own. */
export function complianceByPeriod(
  definition: SloDefinition,
  samples: readonly SliSample[],
  periods: readonly { start: number; end: number }[],
): { start: number; end: number; compliance: number | null; met: boolean | null }[] {
  return periods.map(({ start, end }) => {
    // countWindow takes (end - length, end]; a period is [start, end), so shift by one millisecond.
    const ratio = compliance(countWindow(definition, samples, end - 1, end - start));
    return { start, end, compliance: ratio, met: ratio === null ? null : ratio >= definition.objective };
  });
}
