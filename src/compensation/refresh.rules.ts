import { addYears, type IsoDate } from './dates.rules.ts';
import { sharesValue } from './money.rules.ts';
import { grantOnSchedule, sharesVestingIn, type Grant } from './vesting.rules.ts';

export interface RefreshInput {
  targetTcCents: number;
  baseCents: number;
  /** Cash bonus a year, when the policy pays one (0 by default). */
  bonusCents: number;
  grants: readonly Grant[];
  asOf: IsoDate;
  sharePriceCents: number;
  horizonYears: number;
  schedulePercent: readonly number[];
}

export interface Refresh {
  /** What the level's target expects in equity over the horizon: (target − base − bonus) a year, times the years. */
  targetEquityCents: number;
  /** Shares of existing grants vesting in the horizon, and their value at the share price. */
  projectedShares: number;
  projectedCents: number;
  /** max(0, target equity − projected value). */
  gapCents: number;
  /** Whole shares: the gap divided by the share price, rounded down. */
  shares: number;
  valueCents: number;
  grant: Grant | null;
}

/**
 * The annual equity refresh: the gap between the level's target equity over the horizon and the
 * projected value of unvested grants vesting in it, at today's share price. When the stock has
 * risen, existing grants cover the target and the refresh is zero.
 */
export function equityRefresh(input: RefreshInput): Refresh {
  if (input.sharePriceCents <= 0) throw new RangeError('the share price must be positive');
  const targetEquityCents = Math.max(0, input.targetTcCents - input.baseCents - input.bonusCents) * input.horizonYears;
  const projectedShares = sharesVestingIn(input.grants, input.asOf, addYears(input.asOf, input.horizonYears));
  const projectedCents = sharesValue(projectedShares, input.sharePriceCents);
  const gapCents = Math.max(0, targetEquityCents - projectedCents);
  const shares = Math.floor(gapCents / input.sharePriceCents);
  return {
    targetEquityCents,
    projectedShares,
    projectedCents,
    gapCents,
    shares,
    valueCents: sharesValue(shares, input.sharePriceCents),
    grant: shares > 0 ? grantOnSchedule('refresh', input.asOf, shares, input.schedulePercent) : null,
  };
}
