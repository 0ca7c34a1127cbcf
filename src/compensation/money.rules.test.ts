import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { basisPoints, formatMoney, formatPercent, percentOfCents } from './money.rules.ts';
import { addYears } from './dates.rules.ts';

describe('money', () => {
  it('turns two-decimal percentages into basis points and refuses more decimals', () => {
    expect(basisPoints(2.5)).toBe(250);
    expect(basisPoints(0.07)).toBe(7);
    expect(basisPoints(30)).toBe(3000);
    expect(() => basisPoints(1.005)).toThrow(RangeError);
  });

  it('rounds half up to the cent, without float drift', () => {
    expect(percentOfCents(12_345_678, 250)).toBe(308_642); // 308,641.95
    expect(percentOfCents(10, 500)).toBe(1); // 0.5 cent rounds up
    expect(percentOfCents(9, 500)).toBe(0); // 0.45 cent rounds down
    // 0.1 + 0.2 style drift cannot happen: the sum of parts equals the whole computed once.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), fc.integer({ min: 0, max: 10_000 }), (cents, bp) => {
        const exact = (cents * bp) / 10_000;
        const got = percentOfCents(cents, bp);
        expect(Number.isInteger(got)).toBe(true);
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('formats for people', () => {
    expect(formatMoney(15_000_000)).toBe('$150,000.00');
    expect(formatMoney(5)).toBe('$0.05');
    expect(formatMoney(-123_456)).toBe('-$1,234.56');
    expect(formatMoney(100, 'EUR')).toBe('EUR 1.00');
    expect(formatPercent(250)).toBe('2.50%');
    expect(formatPercent(3000)).toBe('30.00%');
  });

  it('adds years to dates, landing 29 February on the 28th in common years', () => {
    expect(addYears('2026-03-02', 1)).toBe('2027-03-02');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});
