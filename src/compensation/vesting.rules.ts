import { addYears, type IsoDate } from './dates.rules.ts';

export interface Tranche {
  on: IsoDate;
  shares: number;
}

/** A grant of whole shares and the dates they vest on; built from a schedule by grantOnSchedule. */
export interface Grant {
  id?: number;
  kind: string;
  grantDate: IsoDate;
  shares: number;
  tranches: Tranche[];
}

/** Why a vesting schedule is not usable, or null. The same rule the policy schema applies. */
export function scheduleProblem(schedulePercent: readonly number[]): string | null {
  if (schedulePercent.length === 0) return 'a vesting schedule needs at least one year';
  if (schedulePercent.some((p) => !Number.isInteger(p) || p < 0 || p > 100)) return 'each year vests a whole percentage from 0 to 100';
  const total = schedulePercent.reduce((a, b) => a + b, 0);
  return total === 100 ? null : `the vesting percentages sum to ${total}, not 100`;
}

/**
 * Shares vesting each year. Cumulative rounding down (floor of shares x percent vested so far)
 * puts each fractional share in the first year it completes, so the tranches always add up to
 * the grant exactly: 333 shares at 5/15/40/40 vest 16, 50, 133, 134.
 */
export function vestingTranches(shares: number, schedulePercent: readonly number[]): number[] {
  const problem = scheduleProblem(schedulePercent);
  if (problem) throw new RangeError(problem);
  let cumulativePercent = 0;
  let vested = 0;
  return schedulePercent.map((p) => {
    cumulativePercent += p;
    const through = Math.floor((shares * cumulativePercent) / 100);
    const tranche = through - vested;
    vested = through;
    return tranche;
  });
}

/** A grant vesting on its anniversaries: the k-th tranche on the k-th anniversary of `grantDate`. */
export function grantOnSchedule(kind: string, grantDate: IsoDate, shares: number, schedulePercent: readonly number[]): Grant {
  const tranches = vestingTranches(shares, schedulePercent).map((n, i) => ({ on: addYears(grantDate, i + 1), shares: n }));
  return { kind, grantDate, shares, tranches };
}

/**
 * Shares vesting in (from, to]: vesting happens at the end of a period, so a tranche on the last
 * day counts and one on the first day belongs to the period before.
 */
export function sharesVestingIn(grants: readonly Grant[], from: IsoDate, to: IsoDate): number {
  return grants.flatMap((g) => g.tranches).filter((t) => t.on > from && t.on <= to).reduce((sum, t) => sum + t.shares, 0);
}

/** The tranches still to vest after `asOf`. */
export function unvestedTranches(grants: readonly Grant[], asOf: IsoDate): Tranche[] {
  return grants.flatMap((g) => g.tranches).filter((t) => t.on > asOf);
}
