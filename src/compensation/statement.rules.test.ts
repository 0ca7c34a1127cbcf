import { describe, expect, it } from 'vitest';
import { compensationStatement } from './statement.rules.ts';
import { grantOnSchedule } from './vesting.rules.ts';
import { orgBudget, type BudgetLine } from './budget.rules.ts';

describe('compensationStatement', () => {
  const grant = grantOnSchedule('hire', '2026-03-02', 4000, [5, 15, 40, 40]);
  const input = {
    asOf: '2026-09-01',
    years: 4,
    currency: 'USD',
    level: 'L5',
    targetTcCents: 25_000_000,
    base: { cents: 15_000_000, since: '2026-03-02', reason: 'hire' },
    bonusBp: 0,
    grants: [grant],
    signOn: [
      { on: '2026-03-02', amountCents: 8_000_000, note: 'fills year 1.' },
      { on: '2027-03-02', amountCents: 4_000_000, note: 'fills year 2.' },
    ],
    sharePriceCents: 10_000,
  };

  it('counts each tranche and payment in the year it falls in, from any date', () => {
    const years = compensationStatement(input);
    expect(years.map((y) => [y.from, y.equityShares, y.signOnCents])).toEqual([
      ['2026-09-01', 200, 4_000_000],
      ['2027-09-01', 600, 0],
      ['2028-09-01', 1600, 0],
      ['2029-09-01', 1600, 0],
    ]);
  });

  it('explains every number', () => {
    const [first] = compensationStatement(input);
    expect(first!.explanations).toEqual([
      'Base salary $150,000.00 a year, as set on 2026-03-02 (hire); future merit increases are not assumed.',
      '200 shares of the hire grant of 2026-03-02 vest on 2027-03-02: $20,000.00 at $100.00 a share.',
      'Sign-on bonus $40,000.00 paid on 2027-03-02: fills year 2.',
      'Total $210,000.00 = base $150,000.00 + equity $20,000.00 + sign-on $40,000.00.',
      'Target total compensation for L5: $250,000.00; this year is $40,000.00 below it.',
    ]);
  });

  it('adds a cash bonus only when the policy pays one', () => {
    const [first] = compensationStatement({ ...input, bonusBp: 1000 });
    expect(first!.bonusCents).toBe(1_500_000);
    expect(first!.totalCents).toBe(15_000_000 + 1_500_000 + 2_000_000 + 4_000_000);
  });
});

describe('orgBudget', () => {
  const line = (level: string, base: number, merit: BudgetLine['merit']): BudgetLine => ({ level, baseCents: base, equityCents: 10, signOnCents: 0, totalCents: base + 10, targetCents: base, refreshCents: 5, merit });
  it('sums the whole and each level, counting the unrated', () => {
    const budget = orgBudget([line('L5', 100, { minCents: 1, maxCents: 3 }), line('L4', 50, null), line('L5', 200, { minCents: 2, maxCents: 6 })], ['L4', 'L5']);
    expect(budget.totals).toMatchObject({ people: 3, baseCents: 350, meritMinCents: 3, meritMaxCents: 9, unrated: 1, refreshCents: 15 });
    expect(budget.byLevel.map((l) => [l.level, l.people, l.baseCents])).toEqual([
      ['L4', 1, 50],
      ['L5', 2, 300],
    ]);
  });
});
