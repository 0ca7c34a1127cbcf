import { MS_PER_DAY } from '../timestamps.rules.ts';
import { findChangePoints, type ChangePoint } from './change-points.rules.ts';

/** One person's activity, as their own sources record it. */
export interface PersonActivity {
  commits: readonly { at: number; additions: number; deletions: number }[];
  /** Pull requests by others that the person commented on, at their first comment. */
  reviewsGiven: readonly { at: number }[];
  /** The person's merged pull requests: commits pushed after the first review, for reviewed ones. */
  authoredPullRequests: readonly { mergedAt: number; reviewed: boolean; revisionsAfterReview: number }[];
}

export const SIGNALS = ['commits', 'linesChanged', 'reviewsGiven', 'revisionsPerReview'] as const;
export type SignalName = (typeof SIGNALS)[number];

export interface SignalSeries {
  signal: SignalName;
  /** One value per week; revisions per review is null in a week without reviewed PRs. */
  values: (number | null)[];
  changePoints: (ChangePoint & { week: string; label: 'worth a conversation' })[];
}

export interface WeeklySignals {
  /** Monday (UTC) of each week, `YYYY-MM-DD`. */
  weeks: string[];
  series: SignalSeries[];
}

/** The UTC Monday on or before a moment, as epoch ms. */
export function weekStart(ms: number): number {
  const day = Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
  return day - ((new Date(day).getUTCDay() + 6) % 7) * MS_PER_DAY;
}

/**
 * A person's code signals per week from `from` to `to` (whole weeks, quiet ones as 0), each with
 * its change points. Only ever one person's own trend: nothing here compares people.
 */
export function weeklySignals(activity: PersonActivity, range: { from: number; to: number }): WeeklySignals {
  const first = weekStart(range.from);
  const count = Math.floor((weekStart(range.to) - first) / (7 * MS_PER_DAY)) + 1;
  const weeks = Array.from({ length: Math.max(0, count) }, (_, i) => new Date(first + i * 7 * MS_PER_DAY).toISOString().slice(0, 10));
  const index = (ms: number) => {
    const i = Math.floor((weekStart(ms) - first) / (7 * MS_PER_DAY));
    return i >= 0 && i < weeks.length ? i : -1;
  };
  const zeros = () => weeks.map(() => 0);
  const commits = zeros();
  const lines = zeros();
  const reviews = zeros();
  const revisions = zeros();
  const reviewed = zeros();
  for (const c of activity.commits) {
    const i = index(c.at);
    if (i < 0) continue;
    commits[i]! += 1;
    lines[i]! += c.additions + c.deletions;
  }
  for (const r of activity.reviewsGiven) {
    const i = index(r.at);
    if (i >= 0) reviews[i]! += 1;
  }
  for (const pr of activity.authoredPullRequests) {
    const i = index(pr.mergedAt);
    if (i < 0 || !pr.reviewed) continue;
    reviewed[i]! += 1;
    revisions[i]! += pr.revisionsAfterReview;
  }
  const perReview = revisions.map((r, i) => (reviewed[i]! > 0 ? r / reviewed[i]! : null));
  const build = (signal: SignalName, values: (number | null)[]): SignalSeries => ({
    signal,
    values,
    changePoints: findChangePoints(values).map((p) => ({ ...p, week: weeks[p.index]!, label: 'worth a conversation' as const })),
  });
  return {
    weeks,
    series: [build('commits', commits), build('linesChanged', lines), build('reviewsGiven', reviews), build('revisionsPerReview', perReview)],
  };
}
