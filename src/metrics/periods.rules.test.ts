import { describe, expect, it } from 'vitest';
import { dayText, periodsOf, rangeFrom } from './periods.rules.ts';
import { parseDay } from './timestamps.rules.ts';

const NOW = new Date('2024-03-15T10:00:00Z');

describe('periods', () => {
  it('defaults to the last N days up to today', () => {
    const range = rangeFrom({}, NOW, 90);
    if ('problem' in range) throw new Error(range.problem);
    expect([dayText(range.from), dayText(range.to)]).toEqual(['2023-12-17', '2024-03-15']);
  });

  it('refuses reversed and over-long ranges', () => {
    expect(rangeFrom({ from: '2024-02-01', to: '2024-01-01' }, NOW, 90)).toEqual({ problem: 'from is after to' });
    expect(rangeFrom({ from: '2019-01-01', to: '2024-01-01' }, NOW, 90)).toEqual({ problem: 'a range spans at most three years' });
  });

  it('splits a range into calendar months and quarters, clipped at both ends', () => {
    const range = { from: parseDay('2024-01-20')!, to: parseDay('2024-04-10')! };
    expect(periodsOf(range, 1).map((p) => `${dayText(p.from)}..${dayText(p.to)}`)).toEqual(['2024-01-20..2024-01-31', '2024-02-01..2024-02-29', '2024-03-01..2024-03-31', '2024-04-01..2024-04-10']);
    expect(periodsOf(range, 3).map((p) => `${dayText(p.from)}..${dayText(p.to)}`)).toEqual(['2024-01-20..2024-03-31', '2024-04-01..2024-04-10']);
  });
});
