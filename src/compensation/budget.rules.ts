/** One person's part of an organisation's pay budget, computed by the service from their statement. */
export interface BudgetLine {
  level: string;
  baseCents: number;
  /** Year 1 of the person's statement. */
  equityCents: number;
  signOnCents: number;
  totalCents: number;
  targetCents: number;
  /** The refresh the policy would grant today, at the same share price. */
  refreshCents: number;
  /** The merit budget for the person's band, or null without a calibrated rating. */
  merit: { minCents: number; maxCents: number } | null;
}

export interface BudgetTotals {
  people: number;
  baseCents: number;
  equityCents: number;
  signOnCents: number;
  totalCents: number;
  targetCents: number;
  refreshCents: number;
  meritMinCents: number;
  meritMaxCents: number;
  /** People whose merit could not be budgeted (no calibrated rating). */
  unrated: number;
}

function sum(lines: readonly BudgetLine[]): BudgetTotals {
  return lines.reduce<BudgetTotals>(
    (t, l) => ({
      people: t.people + 1,
      baseCents: t.baseCents + l.baseCents,
      equityCents: t.equityCents + l.equityCents,
      signOnCents: t.signOnCents + l.signOnCents,
      totalCents: t.totalCents + l.totalCents,
      targetCents: t.targetCents + l.targetCents,
      refreshCents: t.refreshCents + l.refreshCents,
      meritMinCents: t.meritMinCents + (l.merit?.minCents ?? 0),
      meritMaxCents: t.meritMaxCents + (l.merit?.maxCents ?? 0),
      unrated: t.unrated + (l.merit ? 0 : 1),
    }),
    { people: 0, baseCents: 0, equityCents: 0, signOnCents: 0, totalCents: 0, targetCents: 0, refreshCents: 0, meritMinCents: 0, meritMaxCents: 0, unrated: 0 },
  );
}

/** An organisation's pay for the coming year: the whole, and by level in the order given. */
export function orgBudget(lines: readonly BudgetLine[], levelOrder: readonly string[]): { totals: BudgetTotals; byLevel: ({ level: string } & BudgetTotals)[] } {
  const levels = [...new Set(lines.map((l) => l.level))].sort((a, b) => rank(levelOrder, a) - rank(levelOrder, b) || (a < b ? -1 : 1));
  return { totals: sum(lines), byLevel: levels.map((level) => ({ level, ...sum(lines.filter((l) => l.level === level)) })) };
}

function rank(order: readonly string[], level: string): number {
  const i = order.indexOf(level);
  return i === -1 ? order.length : i;
}
