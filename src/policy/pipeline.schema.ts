import { z } from 'zod';
import { ovRatingSchema, OV_RATINGS } from './olr.schema.ts';

const days = (max: number) => z.number().int().min(1).max(max);

// Percentages with at most two decimals, like the rest of the policy: exact in basis points.
const percent = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'a percentage with at most two decimals');

const severanceBandSchema = z
  .object({
    /** The band applies from this many completed years of service (the first band starts at 0). */
    fromYears: z.number().int().min(0).max(60),
    /** Weeks of base pay offered for leaving at the Pivot choice. */
    tier1Weeks: z.number().min(0).max(104),
    /** Weeks of base pay offered for leaving after a failed PIP. */
    tier2Weeks: z.number().min(0).max(104),
    /** Weeks of base pay on termination after a lost appeal. */
    minimalWeeks: z.number().min(0).max(104),
  })
  .strict();
export type SeveranceBand = z.infer<typeof severanceBandSchema>;

/**
 * The attrition machinery (DOMAIN.md section 5, issue 6): the URA target, the hire-to-fire
 * signal, identification, Focus (or the humane support plan), the Pivot choice, the PIP, the
 * appeal jury and the severance tiers. Code reads these fields; it never asks which preset a
 * policy came from.
 */
export const pipelineSchema = z
  .object({
    ura: z
      .object({
        /** Yearly share of employees expected to leave unregretted; organisations may override it per year. */
        targetPercent: percent,
      })
      .strict(),
    hireToFire: z
      .object({
        /** "New hire": hired within this many months before the cycle launched. */
        windowMonths: z.number().int().min(1).max(36),
        /** The test's significance level. */
        alpha: z.number().gt(0).lt(1),
      })
      .strict(),
    identification: z
      .object({
        /** Calibrated OV ratings that identify someone for the pipeline. */
        ratings: z.array(ovRatingSchema).min(1).max(OV_RATINGS.length),
        /** Words a manual identification's reason needs at least. */
        manualReasonMinWords: z.number().int().min(1).max(200),
      })
      .strict(),
    focus: z
      .object({
        /** What the stage is called on screens and in notifications ("Focus", "Support plan"). */
        label: z.string().min(1).max(40),
        /** Whether the employee sees identification and this stage. When false, they learn of the case at Pivot. */
        visibleToEmployee: z.boolean(),
        defaultLengthDays: days(365),
        minLengthDays: days(365),
        maxLengthDays: days(365),
        /** Written goals the plan needs at least. */
        minimumGoals: z.number().int().min(0).max(20),
        /** Whether the plan must state how success will be judged. */
        requireSuccessCriteria: z.boolean(),
        /** Coaching check-ins every so many days make the plan's timeline; null: no scheduled check-ins. */
        checkInEveryDays: days(90).nullable(),
        /** The employee acknowledges the plan before it can be judged unsuccessful. */
        requireAcknowledgement: z.boolean(),
        /** Internal transfer requests are refused while the stage is active. */
        blocksInternalTransfer: z.boolean(),
      })
      .strict(),
    pivot: z
      .object({
        /** Days the employee has to choose between Tier 1 severance and a PIP. */
        decisionWindowDays: days(120),
      })
      .strict(),
    pip: z
      .object({
        minDays: days(365),
        maxDays: days(365),
        defaultDays: days(365),
        minimumGoals: z.number().int().min(1).max(20),
        checkInEveryDays: days(90).nullable(),
        /** Whether a PIP may be judged failed before its end date (a pass is always possible). */
        failBeforeEnd: z.boolean(),
      })
      .strict(),
    postFailure: z
      .object({
        /** Days to choose between Tier 2 severance and an appeal after a failed PIP. */
        decisionWindowDays: days(120),
      })
      .strict(),
    appeal: z
      .object({
        /** Jurors: peers from outside the employee's management chain. Odd, so a majority exists. */
        jurySize: z.number().int().min(1).max(15),
        /** Days the jury has to reach its verdict before the case is escalated. */
        verdictWindowDays: days(120),
      })
      .strict(),
    severance: z
      .object({
        /** Weeks of base pay by completed years of service, lowest band first. */
        bands: z.array(severanceBandSchema).min(1).max(20),
      })
      .strict(),
  })
  .strict()
  .superRefine((pipeline, ctx) => {
    const range = (section: 'focus' | 'pip', min: number, def: number, max: number, names: [string, string, string]) => {
      if (min > max) ctx.addIssue({ code: 'custom', path: [section, names[0]], message: `${names[0]} (${min}) must not exceed ${names[2]} (${max})` });
      else if (def < min || def > max) ctx.addIssue({ code: 'custom', path: [section, names[1]], message: `${names[1]} (${def}) must lie between ${min} and ${max}` });
    };
    const { focus, pip } = pipeline;
    range('focus', focus.minLengthDays, focus.defaultLengthDays, focus.maxLengthDays, ['minLengthDays', 'defaultLengthDays', 'maxLengthDays']);
    range('pip', pip.minDays, pip.defaultDays, pip.maxDays, ['minDays', 'defaultDays', 'maxDays']);
    if (pipeline.appeal.jurySize % 2 === 0) ctx.addIssue({ code: 'custom', path: ['appeal', 'jurySize'], message: `an odd number of jurors, so a majority exists (found ${pipeline.appeal.jurySize})` });
    if (new Set(pipeline.identification.ratings).size !== pipeline.identification.ratings.length) ctx.addIssue({ code: 'custom', path: ['identification', 'ratings'], message: 'a rating is listed twice' });
    pipeline.severance.bands.forEach((band, i) => {
      if (i === 0 && band.fromYears !== 0) ctx.addIssue({ code: 'custom', path: ['severance', 'bands', 0, 'fromYears'], message: 'the first band starts at 0 years, so everyone has one' });
      const previous = pipeline.severance.bands[i - 1];
      if (previous && band.fromYears <= previous.fromYears) ctx.addIssue({ code: 'custom', path: ['severance', 'bands', i, 'fromYears'], message: `bands go up in years: ${band.fromYears} follows ${previous.fromYears}` });
      // Severance falls at each stage (DOMAIN.md section 5): leaving earlier is always worth more.
      if (!(band.tier1Weeks > band.tier2Weeks)) ctx.addIssue({ code: 'custom', path: ['severance', 'bands', i, 'tier2Weeks'], message: `Tier 2 (${band.tier2Weeks} weeks) must be less than Tier 1 (${band.tier1Weeks} weeks)` });
      if (!(band.tier2Weeks > band.minimalWeeks)) ctx.addIssue({ code: 'custom', path: ['severance', 'bands', i, 'minimalWeeks'], message: `minimal severance (${band.minimalWeeks} weeks) must be less than Tier 2 (${band.tier2Weeks} weeks)` });
    });
  });

export type PipelinePolicy = z.infer<typeof pipelineSchema>;
