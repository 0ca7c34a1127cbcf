import { z } from 'zod';

/** The sections of a person's living evidence document (the humane source's one-page evidence template). */
export const LIVING_SECTIONS = ['goals', 'shipped', 'incidents', 'slo', 'peerThemes', 'growth', 'multiplier'] as const;
export type LivingSection = (typeof LIVING_SECTIONS)[number];
export const livingSectionSchema = z.enum(LIVING_SECTIONS);

export const CHECK_IN_CADENCES = ['monthly', 'quarterly'] as const;
export type CheckInCadence = (typeof CHECK_IN_CADENCES)[number];

const questionKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/u);

/** One question of a pulse: a statement answered on a whole-number scale. */
export const pulseQuestionSchema = z
  .object({
    key: questionKey,
    text: z.string().trim().min(3).max(300),
    scale: z
      .object({
        min: z.number().int().min(0).max(10),
        max: z.number().int().min(1).max(10),
        minLabel: z.string().trim().min(1).max(60),
        maxLabel: z.string().trim().min(1).max(60),
      })
      .strict()
      .refine((s) => s.max > s.min, { message: 'max must be above min', path: ['max'] }),
  })
  .strict();
export type PulseQuestion = z.infer<typeof pulseQuestionSchema>;

/** Question keys are unique: answers and trends are matched by key. */
export const pulseQuestionsSchema = z
  .array(pulseQuestionSchema)
  .min(1)
  .max(20)
  .superRefine((questions, ctx) => {
    questions.forEach((q, i) => {
      if (questions.findIndex((other) => other.key === q.key) !== i) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `${q.key} is listed twice` });
    });
  });

/**
 * Between cycles (issue 10): goals, check-ins, the living evidence document, development plans,
 * the manager calibration workshop and team health. Optional in the policy document because
 * versions stored before it existed stay readable; growth features refuse such a version with a
 * message (src/growth/growth-policy.ts) rather than guess at its rules.
 */
export const growthSchema = z
  .object({
    goals: z
      .object({
        /** A goal needs a measurable result to be saved. */
        requireMeasurableResult: z.boolean(),
        /** Who reads a person's goals besides the person, their chain and HR in scope: nobody (`chain`) or everyone signed in (`organisation`). */
        visibility: z.enum(['chain', 'organisation']),
        /** Closing a quarter asks every open goal for a written outcome of at least this many characters. */
        outcomeMinChars: z.number().int().min(1).max(2000),
        maxPerQuarter: z.number().int().min(1).max(50),
      })
      .strict(),
    checkIns: z
      .object({
        /** The cadence a pair starts with; each check-in may set the next one's. */
        defaultCadence: z.enum(CHECK_IN_CADENCES),
        /** Days past the due date before a check-in shows as overdue on the manager's page. */
        graceDays: z.number().int().min(0).max(60),
        /** HR partners in scope read check-in notes; otherwise they stay with the pair. */
        hrReadsNotes: z.boolean(),
        /** The agenda brings log notes from at least this many days back (or since the last check-in, if longer). */
        agendaLookbackDays: z.number().int().min(7).max(400),
      })
      .strict(),
    livingDocument: z
      .object({
        /** Months the document and its recency view cover, ending today. */
        windowMonths: z.number().int().min(3).max(24),
        /** A month holding less than this share of an even spread is flagged as thin. */
        thinMonthPercent: z.number().int().min(0).max(100),
        /** The document is flagged as recency-heavy when its last quarter holds more than this share of the items. */
        recencyHeavyPercent: z.number().int().min(1).max(100),
        /** The evidence dimension (a key of `olr.evidence.dimensions`) each section counts toward in a calibration packet; null for none. */
        sectionDimensions: z.record(livingSectionSchema, z.string().max(40).nullable()),
      })
      .strict(),
    developmentPlans: z
      .object({
        /** Plan pages carry no rating and no pay: growth conversations kept apart from compensation. */
        separateFromPay: z.boolean(),
        /** Days after delivery before a missing plan is reminded to the manager. */
        dueDaysAfterDelivery: z.number().int().min(1).max(120),
      })
      .strict(),
    workshop: z
      .object({
        /** The difference function of Krippendorff's alpha: ratings as ranks, or as equally spaced numbers. */
        metric: z.enum(['ordinal', 'interval']),
        /** A sample packet whose ratings span at least this many scale steps is flagged for discussion. */
        flagSpread: z.number().int().min(1).max(10),
        /** Alpha from which standards count as aligned (Krippendorff: 0.8, and 0.667 for tentative conclusions). */
        alignedAlpha: z.number().min(0).max(1),
      })
      .strict(),
    teamHealth: z
      .object({
        /** Results of a team with fewer respondents are never shown, and complementary suppression guards sums. */
        minGroupSize: z.number().int().min(3).max(50),
        /** Leaders keep notes of skip-level conversations (private to the leader and HR in scope). */
        skipLevelNotes: z.boolean(),
        defaultQuestions: pulseQuestionsSchema,
      })
      .strict(),
  })
  // A record keyed by the section enum is exhaustive in zod 4: a missing section is refused by name.
  .strict();

export type GrowthPolicy = z.infer<typeof growthSchema>;
