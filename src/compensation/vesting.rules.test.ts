import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { grantOnSchedule, scheduleProblem, sharesVestingIn, unvestedTranches, vestingTranches } from './vesting.rules.ts';

const schedule = fc
  .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 })
  .map((weights) => {
    // Whole percentages summing to exactly 100, the last year taking the rounding.
    const total = weights.reduce((a, b) => a + b, 0);
    const parts = weights.map((w) => Math.floor((w * 100) / total));
    parts[parts.length - 1]! += 100 - parts.reduce((a, b) => a + b, 0);
    return parts;
  });

describe('vesting', () => {
  it('refuses schedules that do not sum to 100', () => {
    expect(scheduleProblem([5, 15, 40, 40])).toBeNull();
    expect(scheduleProblem([5, 15, 40, 30])).toBe('the vesting percentages sum to 90, not 100');
    expect(scheduleProblem([50, 50.5])).toMatch(/whole percentage/u);
    expect(scheduleProblem([])).toMatch(/at least one year/u);
    expect(() => vestingTranches(100, [60, 60])).toThrow(RangeError);
  });

  it('always vests exactly the grant, never a negative tranche, never early', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), schedule, (shares, percents) => {
        const tranches = vestingTranches(shares, percents);
        expect(tranches.reduce((a, b) => a + b, 0)).toBe(shares);
        let vested = 0;
        let percent = 0;
        tranches.forEach((t, i) => {
          expect(t).toBeGreaterThanOrEqual(0);
          vested += t;
          percent += percents[i]!;
          // Never more than the schedule allows by then.
          expect(vested * 100).toBeLessThanOrEqual(shares * percent);
        });
      }),
    );
  });

  it('vests on anniversaries and counts a tranche on the last day of a window, not the first', () => {
    const grant = grantOnSchedule('hire', '2024-02-29', 1000, [5, 15, 40, 40]);
    expect(grant.tranches.map((t) => t.on)).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
    expect(sharesVestingIn([grant], '2025-02-28', '2026-02-28')).toBe(150);
    expect(sharesVestingIn([grant], '2024-02-29', '2025-02-28')).toBe(50);
    expect(unvestedTranches([grant], '2026-02-28').map((t) => t.shares)).toEqual([400, 400]);
  });
});
