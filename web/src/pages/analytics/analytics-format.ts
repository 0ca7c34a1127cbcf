/** Numbers of the analytics pages, written the way the CLI and the findings write them. */

/** A share as a percentage with one decimal: 0.1497 is "15.0%". */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? 'n/a' : `${(100 * share).toFixed(1)}%`;
}

/** Two decimals, or two significant digits for small numbers, so 0.004 does not read as 0.00. */
export function ratio(x: number | null | undefined): string {
  if (x === null || x === undefined) return 'n/a';
  return Math.abs(x) >= 0.1 || x === 0 ? x.toFixed(2) : x.toPrecision(2);
}

/** p to three decimals, with the floor every reader knows. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "0.81 to 1.44", or "n/a" when the interval does not exist. */
export function interval(low: number | null | undefined, high: number | null | undefined): string {
  return low === null || low === undefined || high === null || high === undefined ? 'n/a' : `${ratio(low)} to ${ratio(high)}`;
}

/** Whether a p value after Holm's correction is a gap the findings call significant. */
export function significant(p: number | null | undefined): boolean {
  return p !== null && p !== undefined && p < 0.05;
}
