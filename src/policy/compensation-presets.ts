import type { CompensationPolicy } from './compensation.schema.ts';

const dollars = (n: number) => n * 100;

/**
 * Pay as the sources describe Amazon's: a target total compensation per level, small merit moves
 * (Needs Improvement 0-1%), 30%+ on promotion, refreshes that fill the gap to target (zero when
 * the stock rose), 5/15/40/40 vesting with sign-on cash in years 1-2, no cash bonus, retention
 * ("dive and save") only with a named VP's approval, and boomerangs restored to their old package.
 */
export const AMAZON_COMPENSATION: CompensationPolicy = {
  currency: 'USD',
  targetTotalCompByLevel: {
    L4: dollars(180_000),
    L5: dollars(250_000),
    L6: dollars(380_000),
    L7: dollars(600_000),
    L8: dollars(900_000),
    L10: dollars(2_000_000),
  },
  meritBands: [
    { forteSummary: 'Exceeds High Bar', minPercent: 2, maxPercent: 4 },
    { forteSummary: 'Meets High Bar', minPercent: 1, maxPercent: 3 },
    { forteSummary: 'Needs Improvement', minPercent: 0, maxPercent: 1 },
  ],
  promotionIncrease: { minPercent: 30, defaultPercent: 30 },
  refresh: { horizonYears: 2 },
  vesting: { schedulePercent: [5, 15, 40, 40] },
  signOn: { gapFillYears: 2 },
  cashBonus: { enabled: false, targetPercentOfBase: 0 },
  retention: { requiresApproval: true, approverTitles: ['VP', 'Vice President', 'Chief'], approverInChain: true },
  boomerang: { restorePreviousPackage: true },
  access: { chainReadsPay: true },
  statement: { explainEveryNumber: false },
};

/**
 * The humane preset keeps the same maths and separates growth from pay: managers hold growth
 * conversations without pay in view (pay is the person's, HR's and admins'), and the statement
 * explains every number.
 */
export const HUMANE_COMPENSATION: CompensationPolicy = {
  ...AMAZON_COMPENSATION,
  access: { chainReadsPay: false },
  statement: { explainEveryNumber: true },
};
