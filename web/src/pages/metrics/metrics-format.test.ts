import { describe, expect, it } from 'vitest';
import { formatMinutes, formatPercent, lastDays } from './metrics-format.ts';

describe('metrics formats', () => {
  it('writes durations the way people say them', () => {
    expect([formatMinutes(45), formatMinutes(60), formatMinutes(390), formatMinutes(1410), formatMinutes(2940), formatMinutes(null)]).toEqual(['45 min', '1 h', '6 h 30 min', '23 h 30 min', '2 d 1 h', '—']);
  });

  it('writes rates as percentages and periods as day bounds', () => {
    expect([formatPercent(0.6667), formatPercent(0.05), formatPercent(null)]).toEqual(['66.7%', '5%', '—']);
    expect(lastDays(90, new Date('2024-03-31T15:00:00Z'))).toEqual({ from: '2024-01-02', to: '2024-03-31' });
  });
});
