import { describe, expect, it } from 'vitest';
import { hireToFire, windowStart, type RatedPerson } from './hire-to-fire.rules.ts';

const rated = (n: number, hireDate: string, le: number): RatedPerson[] => Array.from({ length: n }, (_, i) => ({ hireDate, le: i < le }));

describe('hire to fire', () => {
  it('starts the window the given months back, clamped to the month', () => {
    expect(windowStart('2027-02-15', 12)).toBe('2026-02-15');
    expect(windowStart('2027-03-31', 1)).toBe('2027-02-28');
    expect(windowStart('2027-01-10', 13)).toBe('2025-12-10');
  });

  it('flags new hires rated LE far more often than everyone else', () => {
    // 24 of 80 new hires against 20 of 400 others: chi-square 480 × 8000² / (80 × 400 × 44 × 436) = 50.04.
    const result = hireToFire({ rated: [...rated(80, '2026-09-01', 24), ...rated(400, '2019-01-01', 20)], asOf: '2027-02-01', windowMonths: 12, alpha: 0.05 });
    expect(result.newHires).toEqual({ n: 80, le: 24, rate: 0.3 });
    expect(result.others).toEqual({ n: 400, le: 20, rate: 0.05 });
    expect(result.organisation.le).toBe(44);
    expect(result.test.chiSquare).toBeCloseTo(50.04, 2);
    expect(result.flagged).toBe(true);
    expect(result.test.smallSample).toBe(false);
    expect(result.finding).toContain('significant');
  });

  it('does not flag a difference chance explains, nor new hires who fare better', () => {
    const even = hireToFire({ rated: [...rated(40, '2026-09-01', 3), ...rated(200, '2019-01-01', 12)], asOf: '2027-02-01', windowMonths: 12, alpha: 0.05 });
    expect(even.flagged).toBe(false);
    const better = hireToFire({ rated: [...rated(40, '2026-09-01', 0), ...rated(200, '2019-01-01', 40)], asOf: '2027-02-01', windowMonths: 12, alpha: 0.05 });
    expect(better.test.p).toBeLessThan(0.05);
    expect(better.flagged).toBe(false);
  });

  it('warns when the counts are too small for the chi-square approximation', () => {
    const small = hireToFire({ rated: [...rated(4, '2026-09-01', 2), ...rated(20, '2019-01-01', 1)], asOf: '2027-02-01', windowMonths: 12, alpha: 0.05 });
    expect(small.test.smallSample).toBe(true);
    expect(small.finding).toContain('caution');
  });
});
