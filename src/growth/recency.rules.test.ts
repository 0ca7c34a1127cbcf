import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recencyCoverage } from './recency.rules.ts';
import { addDays } from './dates.rules.ts';

const YEAR = { from: '2026-01-01', to: '2026-12-31', thinMonthPercent: 34, recencyHeavyPercent: 50 };
const monthly = (day: string) => Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-${day}`);

describe('recencyCoverage', () => {
  it('calls a year with one item a month perfectly even', () => {
    const result = recencyCoverage(monthly('15'), YEAR);
    expect(result.total).toBe(12);
    expect(result.coveredMonths).toBe(12);
    expect(result.evenness).toBeCloseTo(1, 12);
    expect(result.lastQuarterShare).toBeCloseTo(0.25, 12);
    expect(result.recencyHeavy).toBe(false);
    expect(result.months.every((m) => !m.thin)).toBe(true);
    expect(result.longestGapMonths).toBe(0);
  });

  it('flags a year remembered only from its last weeks', () => {
    const result = recencyCoverage(['2026-02-03', '2026-11-20', '2026-12-01', '2026-12-05', '2026-12-10'], YEAR);
    expect(result.recencyHeavy).toBe(true);
    expect(result.lastQuarterShare).toBeCloseTo(0.8, 12);
    expect(result.longestGapMonths).toBe(8); // March to October
    // One note in February is above a third of an even share (5 / 12); the empty months are thin.
    expect(result.months.find((m) => m.month === '2026-02')).toEqual({ month: '2026-02', count: 1, thin: false });
    expect(result.months.filter((m) => m.thin)).toHaveLength(9);
    expect(result.months.find((m) => m.month === '2026-12')).toEqual({ month: '2026-12', count: 3, thin: false });
  });

  it('ignores dates outside the window and reports an empty document as uncovered', () => {
    const result = recencyCoverage(['2025-12-31', '2027-01-01'], YEAR);
    expect(result).toMatchObject({ total: 0, coveredMonths: 0, evenness: 0, lastQuarterShare: 0, recencyHeavy: false, longestGapMonths: 12 });
    expect(result.months.every((m) => m.thin)).toBe(true);
  });

  it('covers windows that do not start on the first of a month', () => {
    const result = recencyCoverage(['2026-03-20'], { ...YEAR, from: '2026-03-15', to: '2027-03-14' });
    expect(result.months).toHaveLength(13);
    expect(result.months[0]).toEqual({ month: '2026-03', count: 1, thin: false });
  });

  const dates = fc.array(fc.integer({ min: -30, max: 400 }).map((d) => addDays('2026-01-01', d)), { maxLength: 60 });

  it('counts each date in the window once, in any order, with evenness between 0 and 1', () => {
    fc.assert(
      fc.property(dates, (list) => {
        const result = recencyCoverage(list, YEAR);
        expect(result.months.reduce((s, m) => s + m.count, 0)).toBe(result.total);
        expect(result.total).toBe(list.filter((d) => d >= YEAR.from && d <= YEAR.to).length);
        expect(result.evenness).toBeGreaterThanOrEqual(0);
        expect(result.evenness).toBeLessThanOrEqual(1);
        expect(recencyCoverage([...list].reverse(), YEAR)).toEqual(result);
      }),
    );
  });

  it('only grows more recency-heavy when evidence moves into the last quarter', () => {
    fc.assert(
      fc.property(dates, (list) => {
        const before = recencyCoverage(list, YEAR);
        const after = recencyCoverage([...list, '2026-12-20'], YEAR);
        expect(after.lastQuarterShare).toBeGreaterThanOrEqual(before.lastQuarterShare);
      }),
    );
  });
});
