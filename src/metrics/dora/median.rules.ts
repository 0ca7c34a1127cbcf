/**
 * Medians as the dashboards compute them.
 *
 * DevLake's Grafana panels never call a median function: they rank rows with MySQL's
 * `percent_rank()` ((rank - 1) / (n - 1), ties sharing the lowest rank, 0 for a single row) and
 * keep `max(x) where rank <= 0.5`. That is the lower median of an even count. The six-monthly
 * deployment-day median uses the mirror image, `min(x) where rank >= 0.5`, which is empty (NULL)
 * for a single row or when every value ties.
 */
export type MedianConvention = 'lower' | 'upper' | 'interpolated';
export const MEDIAN_CONVENTIONS: readonly MedianConvention[] = ['lower', 'upper', 'interpolated'];

/** MySQL's `percent_rank()` of each value (in input order) within the list. */
export function percentRanks(values: readonly number[]): number[] {
  const n = values.length;
  if (n <= 1) return values.map(() => 0);
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((v) => lowerBound(sorted, v) / (n - 1));
}

/** DevLake's `max(x) where percent_rank <= 0.5`; null for no values. */
export function devLakeMedian(values: readonly number[]): number | null {
  const ranks = percentRanks(values);
  let best: number | null = null;
  values.forEach((v, i) => {
    if (ranks[i]! <= 0.5 && (best === null || v > best)) best = v;
  });
  return best;
}

/** DevLake's six-monthly `min(x) where percent_rank >= 0.5`; null when no row qualifies. */
export function devLakeUpperRankMedian(values: readonly number[]): number | null {
  const ranks = percentRanks(values);
  let best: number | null = null;
  values.forEach((v, i) => {
    if (ranks[i]! >= 0.5 && (best === null || v < best)) best = v;
  });
  return best;
}

/** The median under a convention; `lower` is exactly DevLake's percent-rank median. */
export function median(values: readonly number[], convention: MedianConvention): number | null {
  if (values.length === 0) return null;
  if (convention === 'lower') return devLakeMedian(values);
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[Math.ceil((sorted.length - 1) / 2)]!;
  if (convention === 'upper') return upper;
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + upper) / 2;
}

/** The six-monthly median: DevLake's rank form under `lower`, the plain convention otherwise. */
export function sixMonthMedian(values: readonly number[], convention: MedianConvention): number | null {
  return convention === 'lower' ? devLakeUpperRankMedian(values) : median(values, convention);
}

// Count of values strictly below v in an ascending list.
function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
