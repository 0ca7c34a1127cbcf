import { z } from 'zod';
import { idParam, idSchema } from './common.ts';
import { DEFAULT_ANALYTICS_POLICY } from '../../policy/analytics.schema.ts';

/** Wire shapes of people analytics: bias audits, manager drift, datasets, simulation, themes. */

/** The smallest group an in-app report shows when the policy says nothing (DEFAULT_ANALYTICS_POLICY). */
export const MIN_GROUP_SIZE = DEFAULT_ANALYTICS_POLICY.minGroupSize;
/**
 * The lowest minimum a request may name: the policy schema's floor. The services then refuse one
 * below the active policy's `analytics.minGroupSize` (analytics-policy.service.ts).
 */
export const MIN_GROUP_FLOOR = 3;

/** What an in-app audit can compare: a calibrated OV rating, its Forte summary, or leaving. */
export const APP_OUTCOMES = ['ov', 'forte', 'exit'] as const;
export type AppOutcome = (typeof APP_OUTCOMES)[number];
export const OV_GRADES_LOW_FIRST = ['LE', 'HV1', 'HV2', 'HV3', 'TT'] as const;
export const FORTE_GRADES_LOW_FIRST = ['Needs Improvement', 'Meets High Bar', 'Exceeds High Bar'] as const;
export const EXIT_VALUES = ['stayed', 'left'] as const;

/**
 * A way to group people: a record field, the tenure band from the hire date, the manager, or a
 * demographic attribute (`attribute:gender`), which only HR partners in scope may use.
 */
export const BUILT_IN_DIMENSIONS = ['level', 'location', 'jobFunction', 'tenure', 'manager'] as const;
export const dimensionSchema = z
  .string()
  .trim()
  .regex(/^(level|location|jobFunction|tenure|manager|attribute:[^\p{Cc}]{1,100})$/u, 'level, location, jobFunction, tenure, manager or attribute:NAME');

const favourableSchema = z.array(z.string().trim().min(1).max(200)).min(1).max(50);
const minGroupSchema = z.number().int().min(MIN_GROUP_FLOOR).max(100_000);

/** Comma-separated values in a query string, as an array (empty items dropped). */
const commaList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v !== ''))
    .pipe(z.array(item).max(50));

export const appBiasAuditBodySchema = z
  .object({
    outcome: z.enum(APP_OUTCOMES),
    /** The cycle whose calibrated ratings are audited; required for `ov` and `forte`. */
    cycleId: idSchema.optional(),
    /** Only this person's organisation (below them, and them); within the reader's scope. */
    rootPersonId: idSchema.optional(),
    favourable: favourableSchema,
    group: dimensionSchema,
    controls: z.array(dimensionSchema).max(4).default([]),
    reference: z.string().trim().min(1).max(200).optional(),
    minGroup: minGroupSchema.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.outcome !== 'exit' && body.cycleId === undefined) ctx.addIssue({ code: 'custom', path: ['cycleId'], message: `is required to audit the ${body.outcome} outcome of a cycle` });
  });
export type AppBiasAuditBody = z.infer<typeof appBiasAuditBodySchema>;

export const sessionBiasQuerySchema = z
  .object({
    group: dimensionSchema.default('attribute:gender'),
    outcome: z.enum(['ov', 'forte']).default('ov'),
    favourable: commaList(z.string().min(1).max(200)).default(['TT', 'HV3']),
    /** Comma-separated; `controls=` (empty) for none. */
    controls: commaList(dimensionSchema).default(['level']),
    reference: z.string().trim().min(1).max(200).optional(),
    minGroup: z.coerce.number().int().min(MIN_GROUP_FLOOR).max(100_000).optional(),
  })
  .strict();
export type SessionBiasQuery = z.input<typeof sessionBiasQuerySchema>;

export const driftQuerySchema = z
  .object({
    cycleId: idParam,
    outcome: z.enum(['ov', 'forte']).default('ov'),
    favourable: commaList(z.string().min(1).max(200)).pipe(z.array(z.string()).min(1)),
    rootPersonId: idParam.optional(),
    flagProbability: z.coerce.number().gt(0.5).lt(1).optional(),
  })
  .strict();
export type DriftQuery = z.input<typeof driftQuerySchema>;

// The bias audit document: CONTRACTS.md's `highbar audit bias` JSON, field for field.
const groupSummarySchema = z.object({ value: z.string(), n: z.number().int(), favourable: z.number().int(), share: z.number() });
const ordinalComparisonSchema = z.object({
  meanScore: z.number(),
  referenceMeanScore: z.number(),
  unadjusted: z.object({ chiSquare: z.number(), p: z.number() }),
  adjusted: z.object({ chiSquare: z.number(), p: z.number(), strata: z.number().int() }).nullable(),
  pHolm: z.number().nullable(),
});
const comparisonSchema = z.object({
  value: z.string(),
  reference: z.string(),
  unadjusted: z.object({ oddsRatio: z.number().nullable(), chiSquare: z.number(), p: z.number() }),
  adjusted: z
    .object({
      oddsRatio: z.number().nullable(),
      ciLow: z.number().nullable(),
      ciHigh: z.number().nullable(),
      cmh: z.number().nullable(),
      p: z.number().nullable(),
      strata: z.number().int(),
    })
    .nullable(),
  pHolm: z.number().nullable(),
  impactRatio: z.number().nullable(),
  ordinal: ordinalComparisonSchema.nullable(),
});
export const biasReportSchema = z.object({
  outcome: z.string(),
  favourable: z.array(z.string()),
  group: z.string(),
  reference: z.string().nullable(),
  controls: z.array(z.string()),
  minGroup: z.number().int(),
  groups: z.array(groupSummarySchema),
  suppressed: z.object({ groups: z.number().int(), people: z.number().int() }),
  comparisons: z.array(comparisonSchema),
  ordinal: z.object({ grades: z.array(z.string()), scores: z.array(z.number()) }).nullable(),
  findings: z.array(z.string()),
});
export type BiasReport = z.infer<typeof biasReportSchema>;

/** An audit of the app's own data: the report, plus what was hidden because of earlier reports. */
export const appBiasAuditSchema = z.object({
  report: biasReportSchema,
  /** Groups hidden only because, with this reader's earlier reports, they would expose a small group. */
  hiddenAcrossReports: z.number().int(),
  /** How long earlier reports count (days). */
  memoryDays: z.number().int(),
});
export type AppBiasAudit = z.infer<typeof appBiasAuditSchema>;

/** Either a report, or the reasons this cut cannot be audited (too few people, one value only). */
const auditOrProblems = z.union([
  z.object({ ok: z.literal(true), report: biasReportSchema, hiddenAcrossReports: z.number().int() }),
  z.object({ ok: z.literal(false), problems: z.array(z.string()) }),
]);
export const sessionBiasAuditSchema = z.object({
  session: z.object({ id: z.number().int(), name: z.string(), status: z.string() }),
  people: z.number().int(),
  /** Where calibration has the ratings now. */
  current: auditOrProblems,
  /** What the managers proposed before calibration. */
  proposed: auditOrProblems,
  memoryDays: z.number().int(),
});
export type SessionBiasAudit = z.infer<typeof sessionBiasAuditSchema>;

const driftPriorSchema = z.object({ alpha: z.number(), beta: z.number(), strength: z.number(), method: z.string() });
const driftFields = {
  n: z.number().int(),
  favourable: z.number().int(),
  rawRate: z.number(),
  shrunkRate: z.number(),
  probAboveOrg: z.number(),
  flag: z.enum(['high', 'low', 'none']),
};
export const appDriftSchema = z.object({
  orgRate: z.number(),
  prior: driftPriorSchema,
  flagProbability: z.number(),
  rowsWithoutManager: z.number().int(),
  managers: z.array(z.object({ manager: z.object({ id: z.number().int(), name: z.string() }), ...driftFields })),
});
export type AppDrift = z.infer<typeof appDriftSchema>;

/** CONTRACTS.md's `highbar audit managers` JSON, as the CLI prints it. */
export const datasetDriftSchema = z.object({
  orgRate: z.number(),
  prior: driftPriorSchema,
  flagProbability: z.number(),
  managers: z.array(z.object({ manager: z.string(), ...driftFields })),
  rowsWithoutManager: z.number().int(),
});
export type DatasetDrift = z.infer<typeof datasetDriftSchema>;

/** Upload limits: an HR export of a large company fits; a file that would tie up the server does not. */
export const MAX_DATASET_BYTES = 16 * 1024 * 1024;
export const MAX_DATASET_ROWS = 200_000;
export const MAX_DATASETS_PER_ACCOUNT = 20;

export const datasetUploadQuerySchema = z.object({ name: z.string().trim().min(1).max(100).optional() }).strict();
export const datasetColumnSchema = z.object({
  name: z.string(),
  distinct: z.number().int(),
  /** The values, when there are few enough to choose from (30 or fewer). */
  values: z.array(z.string()).nullable(),
});
export const datasetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  fileName: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
  columns: z.array(datasetColumnSchema),
  uploadedAt: z.string(),
  uploadedBy: z.object({ id: z.number().int(), name: z.string() }),
});
export type Dataset = z.infer<typeof datasetSchema>;
export const datasetListSchema = z.object({ datasets: z.array(datasetSchema) });

/** The `highbar audit bias` options, as a body. */
export const datasetBiasBodySchema = z
  .object({
    outcome: z.string().trim().min(1).max(200),
    favourable: favourableSchema,
    group: z.string().trim().min(1).max(200),
    controls: z.array(z.string().trim().min(1).max(200)).max(6).default([]),
    reference: z.string().trim().min(1).max(200).optional(),
    minGroup: minGroupSchema.optional(),
    grades: z.array(z.string().trim().min(1).max(200)).min(3).max(50).optional(),
  })
  .strict();
export type DatasetBiasBody = z.input<typeof datasetBiasBodySchema>;

/** The `highbar audit managers` options, as a body. */
export const datasetDriftBodySchema = z
  .object({
    outcome: z.string().trim().min(1).max(200),
    favourable: favourableSchema,
    manager: z.string().trim().min(1).max(200),
    flagProbability: z.number().gt(0.5).lt(1).optional(),
  })
  .strict();
export type DatasetDriftBody = z.input<typeof datasetDriftBodySchema>;

/**
 * The simulator's work is people x runs normal draws (three per person per run), done while the
 * request waits: the product is capped so one request stays well under a second on a shared core.
 */
export const MAX_SIMULATION_WORK = 2_000_000;
export const simulationBodySchema = z
  .object({
    people: z.number().int().min(2).max(200_000),
    teamSize: z.number().int().min(1).max(200_000),
    teamSd: z.number().min(0).max(10),
    noiseSd: z.number().min(0).max(10),
    policy: z.enum(['forced', 'rubric']),
    leShare: z.number().gt(0).lt(1).default(0.08),
    runs: z.number().int().min(1).max(10_000),
    seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type SimulationBody = z.input<typeof simulationBodySchema>;
export const simulationSchema = z.object({
  runs: z.number().int(),
  leShare: z.number(),
  leAboveMedianShare: z.number().nullable(),
  teamsForcedToLabelAboveMedian: z.number(),
  teams: z.number().int(),
  params: z.object({
    people: z.number().int(),
    teamSize: z.number().int(),
    teamSd: z.number(),
    noiseSd: z.number(),
    policy: z.enum(['forced', 'rubric']),
    leShare: z.number(),
    runs: z.number().int(),
    seed: z.number().int(),
  }),
});
export type Simulation = z.infer<typeof simulationSchema>;

export const attributeListSchema = z.object({ attributes: z.array(z.string()) });

const themeSchema = z.object({ phrase: z.string(), responses: z.number().int(), score: z.number() });
const principleCountSchema = z.object({ principle: z.string(), count: z.number().int() });
/** Feedback themes: LP tags and recurring phrases, never who wrote what. */
export const feedbackThemesSchema = z.object({
  subject: z.object({ kind: z.enum(['person', 'team', 'organisation']), id: z.number().int(), name: z.string() }),
  /** False while the person may not read their feedback yet (the cycle's release rule), or the group is too small. */
  shown: z.boolean(),
  reason: z.string().nullable(),
  people: z.number().int(),
  responses: z.number().int(),
  principles: z.object({ championed: z.array(principleCountSchema), toImprove: z.array(principleCountSchema) }),
  superpowers: z.array(themeSchema),
  improvements: z.array(themeSchema),
});
export type FeedbackThemes = z.infer<typeof feedbackThemesSchema>;
export const teamThemesQuerySchema = z.object({ rootPersonId: idParam.optional() }).strict();
