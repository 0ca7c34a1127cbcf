/**
 * Change points in one person's own weekly series, flagged "worth a conversation" (DOMAIN.md
 * section 7: a drop in commit frequency is a cue to talk, never a rating input). The method is
 * deliberately simple enough to explain in one sentence to the person it is about:
 *
 *   a week is flagged when the mean of the last RECENT_WEEKS weeks (it included) differs from the
 *   mean of the BASELINE_WEEKS weeks before them by more than twice their standard deviation and
 *   by at least half their mean (at least 1), with at least MIN_BASELINE weeks of baseline; only
 *   the first week of a run of flagged weeks is reported.
 *
 * Missing weeks (a null, say revisions per review in a week without reviewed PRs) are left out of
 * both means; a window needs half its weeks present to count.
 */
export const RECENT_WEEKS = 4;
export const BASELINE_WEEKS = 12;
export const MIN_BASELINE = 8;

export interface ChangePoint {
  /** Index of the week in the series. */
  index: number;
  direction: 'drop' | 'rise';
  recentMean: number;
  baselineMean: number;
}

/** Flagged change points of a weekly series, oldest first. */
export function findChangePoints(series: readonly (number | null)[]): ChangePoint[] {
  const points: ChangePoint[] = [];
  let previousFlag: 'drop' | 'rise' | null = null;
  for (let t = 0; t < series.length; t++) {
    const recentStart = t - RECENT_WEEKS + 1;
    const baselineStart = Math.max(0, recentStart - BASELINE_WEEKS);
    let flag: ChangePoint | null = null;
    if (recentStart - baselineStart >= MIN_BASELINE) {
      const recent = present(series.slice(recentStart, t + 1));
      const baseline = present(series.slice(baselineStart, recentStart));
      if (recent.length * 2 >= RECENT_WEEKS && baseline.length * 2 >= recentStart - baselineStart) {
        const recentMean = mean(recent);
        const baselineMean = mean(baseline);
        const diff = recentMean - baselineMean;
        const spread = Math.sqrt(mean(baseline.map((v) => (v - baselineMean) ** 2)));
        if (Math.abs(diff) > 2 * spread && Math.abs(diff) >= 0.5 * Math.max(Math.abs(baselineMean), 1)) {
          flag = { index: t, direction: diff < 0 ? 'drop' : 'rise', recentMean, baselineMean };
        }
      }
    }
    if (flag && flag.direction !== previousFlag) points.push(flag);
    previousFlag = flag?.direction ?? null;
  }
  return points;
}

function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
