import { describe, expect, it } from 'vitest';
import { addMonths, isIsoDate, monthsBetween, nextQuarter, quarterOf, quarterRange } from './dates.rules.ts';

describe('quarters and months', () => {
  it('names quarters and their days', () => {
    expect(quarterOf('2026-11-29')).toBe('2026-Q4');
    expect(quarterRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2028-Q1').to).toBe('2028-03-31');
    expect(nextQuarter('2026-Q4')).toBe('2027-Q1');
  });

  it('keeps the day when adding months, or the month end when the day does not exist', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('lists months and checks calendar dates', () => {
    expect(monthsBetween('2026-11-20', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
