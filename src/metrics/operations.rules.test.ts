import { describe, expect, it } from 'vitest';
import { itemStats, pagesPerWeek } from './operations.rules.ts';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('itemStats', () => {
  const from = day('2024-03-01');
  const end = day('2024-04-01');
  const items = [
    { severity: 'High', openedAt: day('2024-02-20'), resolvedAt: day('2024-03-02') }, // resolved in the period after 11 days
    { severity: 'high', openedAt: day('2024-03-05'), resolvedAt: null }, // open at the end
    { severity: null, openedAt: day('2024-03-10'), resolvedAt: day('2024-03-13') }, // 3 days
    { severity: 'low', openedAt: day('2024-03-20'), resolvedAt: day('2024-04-03') }, // resolved after the end: open at the end
    { severity: 'critical', openedAt: day('2024-04-02'), resolvedAt: null }, // after the period: not counted
  ];

  it('counts what was open at the end, opened and resolved in the period, and open per severity', () => {
    expect(itemStats(items, from, end)).toEqual({
      open: 2,
      openedInPeriod: 3,
      resolvedInPeriod: 2,
      medianDaysToResolve: 3,
      openBySeverity: [{ severity: 'high', open: 1 }, { severity: 'low', open: 1 }],
    });
  });

  it('takes the lower middle of an even count and has no median without resolutions', () => {
    expect(itemStats(items.slice(0, 1), from, end).medianDaysToResolve).toBe(11);
    expect(itemStats([], from, end)).toEqual({ open: 0, openedInPeriod: 0, resolvedInPeriod: 0, medianDaysToResolve: null, openBySeverity: [] });
  });
});

describe('pagesPerWeek', () => {
  it('buckets pages into Monday-started weeks, quiet weeks as zero, ignoring pages outside the period', () => {
    const weeks = pagesPerWeek([day('2024-03-04') + 3_600_000, day('2024-03-10') + 1, day('2024-03-20'), day('2024-02-01')], day('2024-03-04'), day('2024-03-25'));
    expect(weeks.map((w) => [new Date(w.week).toISOString().slice(0, 10), w.pages])).toEqual([
      ['2024-03-04', 2],
      ['2024-03-11', 0],
      ['2024-03-18', 1],
    ]);
  });
});
