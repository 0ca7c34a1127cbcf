import { describe, expect, it } from 'vitest';
import { formatCents, parseCents } from './compensation.ts';
import { formatMoney } from '../../../src/compensation/money.rules.ts';

describe('money in the browser', () => {
  it('formats exactly as the server does', () => {
    for (const cents of [0, 5, 15_000_000, 12_654_320, -123_456]) expect(formatCents(cents)).toBe(formatMoney(cents));
  });
  it('parses typed amounts to cents without floats', () => {
    expect(parseCents('150,000.10')).toBe(15_000_010);
    expect(parseCents('$0.7')).toBe(70);
    expect(parseCents('100')).toBe(10_000);
    expect(parseCents('-5')).toBeNull();
    expect(parseCents('1.234')).toBeNull();
    expect(parseCents('abc')).toBeNull();
  });
});
