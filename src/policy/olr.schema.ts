import { z } from 'zod';

/** The internal OLR ratings, highest first (DOMAIN.md section 3). Their names are public contract. */
export const OV_RATINGS = ['TT', 'HV3', 'HV2', 'HV1', 'LE'] as const;
export type OvRating = (typeof OV_RATINGS)[number];
export const ovRatingSchema = z.enum(OV_RATINGS);

/** The employee-facing Forte summaries, highest first. */
export const FORTE_SUMMARIES = ['Exceeds High Bar', 'Meets High Bar', 'Needs Improvement'] as const;
export type ForteSummary = (typeof FORTE_SUMMARIES)[number];

/** How share targets become whole people in a group of n (see src/calibration/distribution.rules.ts). */
export const ROUNDING_RULES = ['largest-remainder', 'nearest', 'outward'] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

// Percentages with at most two decimals, so that every share is a whole number of basis points
// and the distribution arithmetic stays exact (0.35 * 10 is 3.4999999999999996 in floating point).
const percent = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'a percentage with at most two decimals');

const ratingScaleSchema = z
  .object({
    /** Lowest first; `value` is what a roster or a rating form holds (1, 2, 3, ...). */
    levels: z
      .array(z.object({ value: z.number().int(), label: z.string().min(1).max(60), description: z.string().max(500) }).strict())
      .min(2)
      .max(10),
  })
  .strict()
  .superRefine((scale, ctx) => {
    scale.levels.forEach((level, i) => {
      if (level.value !== i + 1) ctx.addIssue({ code: 'custom', path: ['levels', i, 'value'], message: `levels are numbered 1, 2, 3, ... from the lowest: expected ${i + 1}, found ${level.value}` });
    });
  });
export type RatingScale = z.infer<typeof ratingScaleSchema>;

const distributionTargetSchema = z
  .object({
    rating: ovRatingSchema,
    minPercent: percent,
    maxPercent: percent,
    /** Groups smaller than this are not held to the target: a share of a handful of people means little. */
    fromGroupSize: z.number().int().min(1).max(100_000),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.minPercent > t.maxPercent) ctx.addIssue({ code: 'custom', path: ['minPercent'], message: `minPercent (${t.minPercent}) must not exceed maxPercent (${t.maxPercent})` });
  });
export type DistributionTarget = z.infer<typeof distributionTargetSchema>;

const visible = z.boolean();

/**
 * The OLR part of a policy: rating scales, the OV matrix, the Forte summary mapping,
 * distribution targets, the evidence threshold, the calibration quorum and what employees see.
 * The cross-field rules (a full matrix, targets that can be met together) are checked here so a
 * policy that parses can be calibrated against without further guards.
 */
export const olrSchema = z
  .object({
    scales: z.object({ performance: ratingScaleSchema, potential: ratingScaleSchema, leadershipPrinciples: ratingScaleSchema }).strict(),
    /** The LP grade that is capped (Role Model), and the cap as a share of the group, per LP. */
    roleModel: z
      .object({
        level: z.number().int().min(1),
        maxPercent: percent,
        /** Per-principle caps that replace `maxPercent` for that principle. */
        maxPercentByPrinciple: z.record(z.string(), percent),
      })
      .strict(),
    /** OV by performance level, then potential level: `ovMatrix["5"]["1"]` is performance 5 with potential 1. */
    ovMatrix: z.record(z.string(), z.record(z.string(), ovRatingSchema)),
    /** The employee-facing summary by performance level alone. */
    forteSummary: z.record(z.string(), z.enum(FORTE_SUMMARIES)),
    distribution: z
      .object({
        /** `forced`: a group outside its targets cannot be finalised. `guideline`: it is flagged only. */
        mode: z.enum(['forced', 'guideline']),
        rounding: z.enum(ROUNDING_RULES),
        targets: z.array(distributionTargetSchema).max(OV_RATINGS.length),
      })
      .strict(),
    evidence: z
      .object({
        dimensions: z.array(z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/u), label: z.string().min(1).max(80) }).strict()).min(1).max(10),
        minimumDimensions: z.number().int().min(0),
        /** `block`: a rating below the threshold cannot be finalised; `warn`: it is flagged; `off`: not checked. */
        enforcement: z.enum(['block', 'warn', 'off']),
      })
      .strict(),
    quorum: z
      .object({
        /** Moving anyone into one of these ratings needs the quorum. */
        ratings: z.array(ovRatingSchema).max(OV_RATINGS.length),
        minimumCalibrators: z.number().int().min(1).max(50),
      })
      .strict(),
    /** How ratings may move in calibration. */
    adjustments: z
      .object({
        /** Every change must also answer "what evidence would change your mind?". */
        requireEvidenceToChangeMind: z.boolean(),
        /**
         * No surprises: an LE, or any move down, needs a dated continuous-log note or check-in
         * about the person from earlier in the cycle, showing they were told of the concern.
         */
        noSurprises: z.boolean(),
        /** Sessions start with a blind first pass (names hidden; evidence and rubric shown) unless HR opts out. */
        blindFirstPassByDefault: z.boolean(),
      })
      .strict(),
    delivery: z
      .object({
        employeeSees: z
          .object({
            forteSummary: visible,
            ovRating: visible,
            axisRatings: visible,
            rubric: visible,
            matrix: visible,
            evidence: visible,
            calibrationMoves: visible,
            policyVersion: visible,
          })
          .strict(),
        /** Whether the employee can ask for their rating to be reviewed. */
        canRequestReview: z.boolean(),
      })
      .strict(),
  })
  .strict()
  .superRefine((olr, ctx) => {
    // Levels are 1..n (each scale checks its own numbering), so a misnumbered scale is reported
    // once, there, rather than again at every matrix cell.
    const values = (scale: RatingScale) => scale.levels.map((_, i) => String(i + 1));
    const performance = values(olr.scales.performance);
    const potential = values(olr.scales.potential);
    const range = (values: string[]) => `${values[0]} to ${values.at(-1)}`;

    // Every cell, and only cells, of performance x potential: a gap would leave someone without an OV.
    for (const p of performance) {
      const row = olr.ovMatrix[p];
      if (!row) {
        ctx.addIssue({ code: 'custom', path: ['ovMatrix', p], message: `missing row for performance ${p}: every performance level (${range(performance)}) needs an OV for every potential level (${range(potential)})` });
        continue;
      }
      for (const q of potential) {
        if (!row[q]) ctx.addIssue({ code: 'custom', path: ['ovMatrix', p, q], message: `missing cell for performance ${p}, potential ${q}` });
      }
      for (const q of Object.keys(row)) {
        if (!potential.includes(q)) ctx.addIssue({ code: 'custom', path: ['ovMatrix', p, q], message: `${q} is not a potential level (${range(potential)})` });
      }
    }
    for (const p of Object.keys(olr.ovMatrix)) {
      if (!performance.includes(p)) ctx.addIssue({ code: 'custom', path: ['ovMatrix', p], message: `${p} is not a performance level (${range(performance)})` });
    }
    for (const p of performance) {
      if (!olr.forteSummary[p]) ctx.addIssue({ code: 'custom', path: ['forteSummary', p], message: `missing the Forte summary for performance ${p}` });
    }
    for (const p of Object.keys(olr.forteSummary)) {
      if (!performance.includes(p)) ctx.addIssue({ code: 'custom', path: ['forteSummary', p], message: `${p} is not a performance level (${range(performance)})` });
    }

    const lpLevels = olr.scales.leadershipPrinciples.levels.length;
    if (olr.roleModel.level > lpLevels) ctx.addIssue({ code: 'custom', path: ['roleModel', 'level'], message: `${olr.roleModel.level} is not a level of the leadership-principles scale (1 to ${lpLevels})` });

    const seen = new Set<string>();
    let minTotal = 0;
    let maxTotal = 0;
    olr.distribution.targets.forEach((t, i) => {
      if (seen.has(t.rating)) ctx.addIssue({ code: 'custom', path: ['distribution', 'targets', i, 'rating'], message: `${t.rating} has more than one target` });
      seen.add(t.rating);
      minTotal += Math.round(t.minPercent * 100);
      maxTotal += Math.round(t.maxPercent * 100);
    });
    // Targets no group can meet, however the counts are rounded: minimums over everyone, or
    // maximums short of everyone when every rating has one (someone would have nowhere to go).
    if (minTotal > 10_000) ctx.addIssue({ code: 'custom', path: ['distribution', 'targets'], message: `the minimum shares add up to ${minTotal / 100}%, more than the whole group` });
    if (seen.size === OV_RATINGS.length && maxTotal < 10_000) {
      ctx.addIssue({ code: 'custom', path: ['distribution', 'targets'], message: `every rating has a target but the maximum shares add up to ${maxTotal / 100}%, less than the whole group` });
    }

    const keys = olr.evidence.dimensions.map((d) => d.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) ctx.addIssue({ code: 'custom', path: ['evidence', 'dimensions', i, 'key'], message: `${key} is listed twice` });
    });
    if (olr.evidence.minimumDimensions > keys.length) {
      ctx.addIssue({ code: 'custom', path: ['evidence', 'minimumDimensions'], message: `${olr.evidence.minimumDimensions} dimensions cannot be required when only ${keys.length} exist` });
    }
    if (new Set(olr.quorum.ratings).size !== olr.quorum.ratings.length) ctx.addIssue({ code: 'custom', path: ['quorum', 'ratings'], message: 'a rating is listed twice' });
  });

export type OlrPolicy = z.infer<typeof olrSchema>;
