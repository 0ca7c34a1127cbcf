import { addYears, type IsoDate } from './dates.rules.ts';
import { sharesValue } from './money.rules.ts';
import { grantOnSchedule, type Grant } from './vesting.rules.ts';

export interface SignOnPayment {
  on: IsoDate;
  amountCents: number;
  /** The year of the grant whose gap it fills. */
  year: number;
}

export interface HireOffer {
  grant: Grant;
  signOn: SignOnPayment[];
  /** Total compensation in each year of the grant: base + bonus + vesting + sign-on. */
  yearlyTotalCents: number[];
}

/**
 * A new hire's package. The grant is sized to the level's target equity over the whole schedule
 * ((target − base − bonus) a year, in whole shares at the offer price); because vesting is
 * back-loaded, the early years fall short of target, and a cash sign-on bonus fills years 1 to
 * `gapFillYears` up to target. Later years run above target and are not clawed back.
 */
export function hireOffer(input: {
  startOn: IsoDate;
  targetTcCents: number;
  baseCents: number;
  bonusCents: number;
  sharePriceCents: number;
  schedulePercent: readonly number[];
  gapFillYears: number;
}): HireOffer {
  if (input.sharePriceCents <= 0) throw new RangeError('the share price must be positive');
  const years = input.schedulePercent.length;
  const equityPerYear = Math.max(0, input.targetTcCents - input.baseCents - input.bonusCents);
  const shares = Math.floor((equityPerYear * years) / input.sharePriceCents);
  const grant = grantOnSchedule('hire', input.startOn, shares, input.schedulePercent);
  const signOn: SignOnPayment[] = [];
  const yearlyTotalCents = grant.tranches.map((tranche, i) => {
    const year = i + 1;
    const cash = input.baseCents + input.bonusCents + sharesValue(tranche.shares, input.sharePriceCents);
    const gap = Math.max(0, input.targetTcCents - cash);
    if (year <= input.gapFillYears && gap > 0) signOn.push({ on: addYears(input.startOn, i), amountCents: gap, year });
    return cash + (year <= input.gapFillYears ? gap : 0);
  });
  return { grant, signOn, yearlyTotalCents };
}
