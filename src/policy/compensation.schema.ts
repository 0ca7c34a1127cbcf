import { z } from 'zod';
import { FORTE_SUMMARIES } from './olr.schema.ts';

/**
 * A percentage with at most two decimals, so it is a whole number of basis points and the pay
 * arithmetic stays in integers (see src/compensation/money.rules.ts).
 */
export const percentSchema = z
  .number()
  .min(0)
  .max(1000)
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'a percentage with at most two decimals');

/** Whole cents: money is never a float. */
export const centsSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Percent per year of a grant, first year first; whole percents summing to 100. */
export const vestingScheduleSchema = z
  .array(z.number().int().min(0).max(100))
  .min(1)
  .max(10)
  .refine((years) => years.reduce((a, b) => a + b, 0) === 100, { message: 'the vesting percentages must sum to 100' });

/**
 * Pay: target total compensation per level, merit bands, the promotion increase, equity
 * refreshes, vesting, sign-on gap fill, bonuses, retention and boomerangs, and who reads pay.
 * Optional in the policy document for versions stored before compensation existed.
 */
export const compensationSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/u),
    /** Target total compensation a year (base, vesting and sign-on), in cents, by level code. */
    targetTotalCompByLevel: z.record(z.string().min(1).max(20), centsSchema),
    /** Merit increase bands by the Forte summary the employee was told (never the hidden OV). */
    meritBands: z.array(z.object({ forteSummary: z.enum(FORTE_SUMMARIES), minPercent: percentSchema, maxPercent: percentSchema }).strict()).max(FORTE_SUMMARIES.length),
    promotionIncrease: z.object({ minPercent: percentSchema, defaultPercent: percentSchema }).strict(),
    refresh: z
      .object({
        /** The refresh fills the level's target equity over this many years ahead. */
        horizonYears: z.number().int().min(1).max(10),
      })
      .strict(),
    vesting: z.object({ schedulePercent: vestingScheduleSchema }).strict(),
    signOn: z
      .object({
        /** Years of a new grant in which a cash sign-on bonus fills the gap to target (1 and 2 by default). */
        gapFillYears: z.number().int().min(0).max(10),
      })
      .strict(),
    cashBonus: z.object({ enabled: z.boolean(), targetPercentOfBase: percentSchema }).strict(),
    retention: z
      .object({
        /** Whether a retention offer needs a named approver. */
        requiresApproval: z.boolean(),
        /** The approver's title must contain one of these words (a VP). */
        approverTitles: z.array(z.string().min(1).max(60)).max(20),
        /** The approver must sit above the person in their management chain. */
        approverInChain: z.boolean(),
      })
      .strict(),
    boomerang: z
      .object({
        /** A returning employee gets the package they had before: base, level and unvested shares. */
        restorePreviousPackage: z.boolean(),
      })
      .strict(),
    access: z
      .object({
        /** Whether the management chain reads pay; when false, pay is the person's, HR's and admins' only. */
        chainReadsPay: z.boolean(),
      })
      .strict(),
    statement: z.object({ explainEveryNumber: z.boolean() }).strict(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.meritBands.forEach((band, i) => {
      if (seen.has(band.forteSummary)) ctx.addIssue({ code: 'custom', path: ['meritBands', i, 'forteSummary'], message: `${band.forteSummary} has more than one band` });
      seen.add(band.forteSummary);
      if (band.minPercent > band.maxPercent) ctx.addIssue({ code: 'custom', path: ['meritBands', i, 'minPercent'], message: `minPercent (${band.minPercent}) must not exceed maxPercent (${band.maxPercent})` });
    });
    if (c.promotionIncrease.defaultPercent < c.promotionIncrease.minPercent) {
      ctx.addIssue({ code: 'custom', path: ['promotionIncrease', 'defaultPercent'], message: 'must not be below minPercent' });
    }
    if (c.signOn.gapFillYears > c.vesting.schedulePercent.length) {
      ctx.addIssue({ code: 'custom', path: ['signOn', 'gapFillYears'], message: `cannot exceed the ${c.vesting.schedulePercent.length} years of the vesting schedule` });
    }
    if (c.retention.requiresApproval && c.retention.approverTitles.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['retention', 'approverTitles'], message: 'name at least one approver title when approval is required' });
    }
  });

export type CompensationPolicy = z.infer<typeof compensationSchema>;
