import { z } from 'zod';
import { idParam, idSchema } from './common.ts';
import { isoDateSchema } from './compensation.ts';
import { dimensionSchema, MIN_GROUP_FLOOR } from './analytics.ts';

/**
 * Wire shapes of the governance analyses (issue 8): promotion velocity, rating against workload
 * complexity, URA governance and sustainable-work signals. Every report is suppressed: no group
 * under the minimum size is ever in a response.
 */

const minGroupQuery = z.coerce.number().int().min(MIN_GROUP_FLOOR).max(100_000).optional();
const attributeName = z.string().trim().regex(/^[^\p{Cc},]{1,100}$/u, 'an attribute name (1-100 characters, no commas)');
const nullableNumber = z.number().nullable();

// Promotion velocity
export const velocityQuerySchema = z
  .object({
    group: dimensionSchema.refine((d) => d !== 'level', 'levels are what groups are compared within; group by something else'),
    rootPersonId: idParam.optional(),
    reference: z.string().trim().min(1).max(200).optional(),
    minGroup: minGroupQuery,
  })
  .strict();
const velocityCellSchema = z.object({
  group: z.string(),
  n: z.number().int(),
  promoted: z.number().int(),
  censored: z.number().int(),
  medianMonths: nullableNumber,
  promotedBy: z.object({ months12: nullableNumber, months24: nullableNumber, months36: nullableNumber }),
});
export const velocitySchema = z.object({
  group: z.string(),
  reference: z.string().nullable(),
  minGroup: z.number().int(),
  asOf: z.string(),
  levels: z.array(z.object({ level: z.string(), groups: z.array(velocityCellSchema), suppressed: z.object({ groups: z.number().int(), people: z.number().int() }) })),
  comparisons: z.array(
    z.object({ group: z.string(), reference: z.string(), observed: z.number().int(), expected: z.number(), chiSquare: z.number(), p: z.number(), pHolm: nullableNumber, levels: z.number().int() }),
  ),
  suppressed: z.object({ cells: z.number().int(), people: z.number().int() }),
  /** Waits whose level could not be told (a promotion on record without its from-level). */
  unknownLevel: z.number().int(),
  findings: z.array(z.string()),
});
export type PromotionVelocity = z.infer<typeof velocitySchema>;

// Rating against workload complexity
export const complexityBodySchema = z
  .object({
    cycleId: idSchema,
    outcome: z.enum(['ov', 'forte']).default('ov'),
    favourable: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
    /** The person attribute holding the complexity of each person's work (scope, project size). */
    complexity: attributeName,
    /** The attribute's values lowest first; needed unless every value is a number. */
    complexityOrder: z.array(z.string().trim().min(1).max(200)).min(2).max(50).optional(),
    group: dimensionSchema,
    /** Controls besides complexity; level by default, so like is compared with like. */
    controls: z.array(dimensionSchema).max(3).default(['level']),
    rootPersonId: idSchema.optional(),
    reference: z.string().trim().min(1).max(200).optional(),
    minGroup: z.number().int().min(MIN_GROUP_FLOOR).max(100_000).optional(),
  })
  .strict();
export type ComplexityBody = z.input<typeof complexityBodySchema>;
const gapSideSchema = z.object({ oddsRatio: nullableNumber, p: nullableNumber, pHolm: nullableNumber });
export const complexitySchema = z.object({
  complexity: z.string(),
  minGroup: z.number().int(),
  /** Rated people with no complexity recorded: left out of everything below. */
  notRecorded: z.number().int(),
  byComplexity: z.object({
    rows: z.array(z.object({ value: z.string(), score: z.number(), n: z.number().int(), favourable: z.number().int(), share: z.number() })),
    suppressed: z.object({ groups: z.number().int(), people: z.number().int() }),
    trend: z.object({ r: nullableNumber, chiSquare: z.number(), p: z.number(), rows: z.number().int() }),
  }),
  gaps: z.array(z.object({ group: z.string(), reference: z.string(), before: gapSideSchema, after: gapSideSchema, verdict: z.enum(['persists', 'explained', 'appears', 'none']) })),
  findings: z.array(z.string()),
});
export type ComplexityAnalysis = z.infer<typeof complexitySchema>;

// URA governance
export const uraGovernanceQuerySchema = z
  .object({
    cycleId: idParam,
    /** The URA year; the year of the cycle's launch by default. */
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    rootPersonId: idParam.optional(),
    minGroup: minGroupQuery,
  })
  .strict();
const spearmanSchema = z.object({ n: z.number().int(), rho: nullableNumber, p: nullableNumber, method: z.enum(['exact', 't-approximation']).nullable() });
const clusterSchema = z
  .object({
    behind: z.object({ n: z.number().int(), outcome: z.number().int() }),
    onTrack: z.object({ n: z.number().int(), outcome: z.number().int() }),
    fisherP: z.number(),
    rankCorrelation: spearmanSchema,
  })
  .nullable();
export const uraGovernanceSchema = z.object({
  cycleId: z.number().int(),
  year: z.number().int(),
  asOf: z.string(),
  minGroup: z.number().int(),
  organisations: z.array(
    z.object({
      name: z.string(),
      targetPercent: z.number(),
      targetToDatePercent: z.number(),
      uraToDatePercent: nullableNumber,
      rated: z.number().int(),
      le: z.number().int(),
      focus: z.number().int(),
      behind: z.boolean().nullable(),
      shortfallPoints: nullableNumber,
      leShare: z.number(),
      focusShare: z.number(),
    }),
  ),
  suppressed: z.object({ organisations: z.number().int(), people: z.number().int() }),
  unrated: z.number().int(),
  le: clusterSchema,
  focus: clusterSchema,
  findings: z.array(z.string()),
});
export type UraGovernance = z.infer<typeof uraGovernanceSchema>;

// Sustainable work
export const sustainableWorkQuerySchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    reworkDays: z.coerce.number().int().min(1).max(90).optional(),
    minGroup: minGroupQuery,
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { path: ['from'], message: 'must be before to' });
export const sustainableWorkSchema = z.object({
  from: z.string(),
  to: z.string(),
  reworkDays: z.number().int(),
  workingHours: z.object({ startHour: z.number().int(), endHour: z.number().int() }),
  minGroup: z.number().int(),
  teams: z.array(
    z.object({
      name: z.string(),
      members: z.number().int(),
      pages: z.object({ total: z.number().int(), outsideHours: z.number().int(), unknownTimeZone: z.number().int() }),
      incidents: z.object({ total: z.number().int(), outsideHours: z.number().int(), unknownTimeZone: z.number().int() }),
      onCall: z.object({ hoursPerPersonWeek: z.number(), membersOnRota: z.number().int(), pagesPerOnCallWeek: nullableNumber }),
      rework: z.object({ commits: z.number().int(), reverts: z.number().int(), quickReverts: z.number().int(), share: nullableNumber }),
    }),
  ),
  suppressed: z.object({ teams: z.number().int(), people: z.number().int() }),
  quietTeams: z.array(z.string()),
  findings: z.array(z.string()),
});
export type SustainableWork = z.infer<typeof sustainableWorkSchema>;
