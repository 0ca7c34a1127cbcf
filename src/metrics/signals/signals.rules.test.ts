import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findChangePoints } from './change-points.rules.ts';
import { weeklySignals, weekStart } from './weekly-signals.rules.ts';

const WEEK = 7 * 86_400_000;
const MONDAY = Date.UTC(2024, 0, 1); // a Monday

describe('findChangePoints (the worked example of docs/metrics.md, "Code signals")', () => {
  it('flags the week a steady 10 commits a week falls to 2, once, as a drop', () => {
    const series = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 2, 2, 2, 2, 3, 2];
    // Week 12 (the first at 2): recent [10, 11, 9, 2] has mean 8 against a baseline of 10.22
    // (sd 0.92): more than 2 sd, but not half the baseline. Week 13: 6 against 10.2, still not.
    // Week 14: recent [9, 2, 2, 2] = 3.75 against 10.27 (sd 0.86): flagged.
    const points = findChangePoints(series);
    expect(points.map((p) => [p.index, p.direction])).toEqual([[14, 'drop']]);
    expect(points[0]!.recentMean).toBe(3.75);
    expect(points[0]!.baselineMean).toBeCloseTo(10.2727, 3);
  });

  it('flags a rise too, and nothing before eight weeks of baseline', () => {
    expect(findChangePoints([1, 1, 1, 1, 9, 9, 9, 9])).toEqual([]);
    const rise = findChangePoints([3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 12, 12, 12, 12]);
    expect(rise.map((p) => [p.index, p.direction])).toEqual([[11, 'rise']]);
  });

  it('ignores wobbles within the usual spread and tiny changes of tiny counts', () => {
    expect(findChangePoints([5, 9, 4, 10, 6, 8, 3, 9, 5, 10, 4, 9, 7, 6, 5, 8])).toEqual([]);
    expect(findChangePoints([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.4])).toEqual([]);
  });

  it('skips missing weeks in both means', () => {
    const series = [2, null, 2, 2, null, 2, 2, 2, 2, 2, null, 2, 6, 6, null, 6];
    expect(findChangePoints(series).map((p) => p.direction)).toEqual(['rise']);
  });

  it('never flags a constant series, whatever its level', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 0, max: 60 }), (level, weeks) => {
        expect(findChangePoints(Array<number>(weeks).fill(level))).toEqual([]);
      }),
    );
  });
});

describe('weeklySignals', () => {
  it('counts commits, lines, reviews and revisions per reviewed PR in UTC Monday weeks', () => {
    const signals = weeklySignals(
      {
        commits: [{ at: MONDAY + 1000, additions: 10, deletions: 2 }, { at: MONDAY + WEEK - 1, additions: 1, deletions: 0 }, { at: MONDAY + WEEK, additions: 5, deletions: 5 }],
        reviewsGiven: [{ at: MONDAY + WEEK + 5 }],
        authoredPullRequests: [
          { mergedAt: MONDAY + 2, reviewed: true, revisionsAfterReview: 3 },
          { mergedAt: MONDAY + 3, reviewed: true, revisionsAfterReview: 0 },
          { mergedAt: MONDAY + 4, reviewed: false, revisionsAfterReview: 0 },
        ],
      },
      { from: MONDAY + 3 * 86_400_000, to: MONDAY + WEEK + 1 },
    );
    expect(signals.weeks).toEqual(['2024-01-01', '2024-01-08']);
    expect(Object.fromEntries(signals.series.map((s) => [s.signal, s.values]))).toEqual({
      commits: [2, 1],
      linesChanged: [13, 10],
      reviewsGiven: [0, 1],
      revisionsPerReview: [1.5, null],
    });
  });

  it('labels each change point "worth a conversation" with its week', () => {
    const commits = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 2, 2, 2, 2].flatMap((n, w) => Array.from({ length: n }, () => ({ at: MONDAY + w * WEEK + 3600_000, additions: 1, deletions: 0 })));
    const signals = weeklySignals({ commits, reviewsGiven: [], authoredPullRequests: [] }, { from: MONDAY, to: MONDAY + 15 * WEEK });
    expect(signals.series.find((s) => s.signal === 'commits')!.changePoints).toMatchObject([{ week: '2024-04-08', direction: 'drop', label: 'worth a conversation' }]);
  });

  it('starts weeks on Monday 00:00 UTC', () => {
    expect(new Date(weekStart(Date.UTC(2024, 0, 7, 23, 59))).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(new Date(weekStart(Date.UTC(2024, 0, 8))).toISOString()).toBe('2024-01-08T00:00:00.000Z');
  });
});
