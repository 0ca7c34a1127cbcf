import { z } from 'zod';
import { idParam, idSchema } from './common.ts';
import { CAPACITIES, STAGES, TRANSITION_TYPES } from '../../pipeline/stages.ts';

/** Wire shapes of the attrition pipeline (issue 6): cases, their transitions, URA and transfers. */

const text = (max: number) => z.string().trim().max(max);
const goals = z.array(text(500).min(1)).max(20);
const personId = idSchema;

export const stageSchema = z.enum(STAGES);
export const capacitySchema = z.enum(CAPACITIES);

/** One step of the process, as the client asks for it. The state machine decides whether it may happen. */
export const pipelineCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('startFocus'), project: text(2000), successCriteria: text(2000), goals, lengthDays: z.number().int().min(1).max(365).optional() }).strict(),
  z.object({ type: z.literal('closeWithoutAction'), reason: text(2000) }).strict(),
  z.object({ type: z.literal('acknowledgePlan') }).strict(),
  z.object({ type: z.literal('checkIn'), note: text(2000) }).strict(),
  z.object({ type: z.literal('concludeFocus'), note: text(2000) }).strict(),
  z.object({ type: z.literal('enterPivot'), note: text(2000), pipGoals: goals, pipLengthDays: z.number().int().min(1).max(365).optional() }).strict(),
  z.object({ type: z.literal('choosePivotOption'), option: z.enum(['tier1', 'pip']) }).strict(),
  z.object({ type: z.literal('extendDeadline'), days: z.number().int().min(1).max(365), reason: text(2000) }).strict(),
  z.object({ type: z.literal('recordPipOutcome'), outcome: z.enum(['pass', 'fail']), note: text(2000) }).strict(),
  z.object({ type: z.literal('chooseAfterFailure'), option: z.enum(['tier2', 'appeal']), statement: text(5000).optional() }).strict(),
  z.object({ type: z.literal('empanelJury'), jurorIds: z.array(personId).min(1).max(15) }).strict(),
  z.object({ type: z.literal('castJuryVote'), jurorId: personId, vote: z.enum(['uphold', 'overturn']) }).strict(),
]);
export type PipelineCommand = z.infer<typeof pipelineCommandSchema>;

/** A transition request: the step, and the case version it was decided against. */
export const transitionBodySchema = z.object({ version: z.number().int().min(1), step: pipelineCommandSchema }).strict();

export const openCaseBodySchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('rating'), personId, cycleId: idSchema }).strict(),
  /** By hand: a reason of the policy's minimum length; the policy defaults to the organisation's active one. */
  z.object({ source: z.literal('manual'), personId, reason: text(3000), policy: z.string().min(1).max(60).optional() }).strict(),
]);

export const identifyBodySchema = z.object({ cycleId: idSchema }).strict();

const personRef = z.object({ id: z.number().int(), name: z.string() });
const nextStepSchema = z.object({ transition: z.enum(TRANSITION_TYPES), by: z.array(capacitySchema), summary: z.string() });

export const caseSummarySchema = z.object({
  id: z.number().int(),
  person: personRef.extend({ level: z.string(), team: z.string().nullable(), managerName: z.string().nullable() }),
  stage: stageSchema,
  stageLabel: z.string(),
  stageEnteredAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});

const historySchema = z.object({ type: z.string(), from: stageSchema.nullable(), to: stageSchema, at: z.string(), by: z.string().nullable(), capacity: z.string().nullable(), details: z.record(z.string(), z.unknown()) });

export const caseDetailSchema = caseSummarySchema.extend({
  policy: z.object({ key: z.string(), version: z.number().int(), focusLabel: z.string(), focusVisibleToEmployee: z.boolean() }),
  /** The reader's capacities on this case, and the steps the process allows next. */
  viewer: z.object({ capacities: z.array(capacitySchema), allowedNext: z.array(nextStepSchema) }),
  state: z.record(z.string(), z.unknown()),
  /** Scheduled coaching check-ins of the running plan (Focus / support plan or PIP). */
  timeline: z.array(z.object({ on: z.string(), done: z.boolean() })),
  history: z.array(historySchema),
  /** Names of the appeal's jurors (empty for the employee's own view). */
  jurors: z.array(personRef),
});

export const caseListSchema = z.object({ cases: z.array(caseSummarySchema) });

export const accessLogSchema = z.object({
  entries: z.array(z.object({ at: z.string(), reader: z.object({ accountId: z.number().int(), name: z.string() }), resource: z.string() })),
  /** Who knew about the case, and since when: everyone who has read it, with their first read. */
  knewSince: z.array(z.object({ accountId: z.number().int(), name: z.string(), firstReadAt: z.string() })),
});

export const severanceQuerySchema = z.object({ annualBasePayCents: z.coerce.number().int().min(0).max(100_000_000_000), separationDate: z.iso.date().optional() }).strict();
const offerSchema = z.object({ tier: z.enum(['tier1', 'tier2', 'minimal']), weeks: z.number(), amountCents: z.number().int() });
export const severanceSchema = z.object({
  caseId: z.number().int(),
  hireDate: z.string(),
  separationDate: z.string(),
  tenureYears: z.number().int(),
  band: z.object({ fromYears: z.number().int() }),
  weeklyPayCents: z.number().int(),
  offers: z.array(offerSchema),
  /** The tier that applies at the case's stage (or that it ended with); null when none does. */
  applies: z.enum(['tier1', 'tier2', 'minimal']).nullable(),
});

export const boardQuerySchema = z.object({ rootPersonId: idParam.optional() }).strict();
export const boardSchema = z.object({
  stages: z.array(z.object({ stage: stageSchema, label: z.string(), count: z.number().int(), medianDaysInStage: z.number().nullable(), overdue: z.number().int() })),
  passRates: z.object({
    focus: z.object({ concluded: z.number().int(), successful: z.number().int(), rate: z.number().nullable() }),
    pip: z.object({ concluded: z.number().int(), passed: z.number().int(), rate: z.number().nullable() }),
    appeal: z.object({ decided: z.number().int(), won: z.number().int(), rate: z.number().nullable() }),
  }),
  outcomesByOrganisation: z.array(z.object({ organisation: personRef, open: z.number().int(), kept: z.number().int(), leftTier1: z.number().int(), leftTier2: z.number().int(), terminated: z.number().int() })),
});

export const juryDutySchema = z.object({
  duties: z.array(
    z.object({
      caseId: z.number().int(),
      person: personRef,
      statement: z.string(),
      pipGoals: z.array(z.string()),
      pipOutcomeNote: z.string(),
      verdictDueAt: z.string(),
      myVote: z.enum(['uphold', 'overturn']).nullable(),
      version: z.number().int(),
    }),
  ),
});

// URA

export const exitKindSchema = z.enum(['voluntary', 'involuntary']);
export const exitBodySchema = z.object({ personId, exitDate: z.iso.date(), kind: exitKindSchema, regretted: z.boolean(), reason: text(2000).min(1) }).strict();
export const exitSchema = z.object({ id: z.number().int(), person: personRef, exitDate: z.string(), kind: exitKindSchema, regretted: z.boolean(), reason: z.string(), caseId: z.number().int().nullable() });
export const exitListQuerySchema = z.object({ rootPersonId: idParam.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();

export const uraTargetBodySchema = z.object({ rootPersonId: personId, year: z.number().int().min(2000).max(2100), targetPercent: z.number().min(0).max(100) }).strict();
export const dashboardQuerySchema = z.object({ rootPersonId: idParam.optional(), year: z.coerce.number().int().min(2000).max(2100) }).strict();
const quarterSchema = z.object({
  quarter: z.string(),
  headcount: z.number().int(),
  exits: z.number().int(),
  voluntary: z.number().int(),
  involuntary: z.number().int(),
  regretted: z.number().int(),
  unregretted: z.number().int(),
  /** Unregretted exits so far this year over the headcount at the start of the year, in percent. */
  cumulativeUnregrettedPercent: z.number().nullable(),
  /** The yearly target pro rata to the end of this quarter, in percent. */
  targetToDatePercent: z.number(),
});
export const uraDashboardSchema = z.object({
  year: z.number().int(),
  organisations: z.array(z.object({ organisation: personRef, targetPercent: z.number(), targetSource: z.enum(['policy', 'organisation']), headcountAtStart: z.number().int(), quarters: z.array(quarterSchema), actualPercent: z.number().nullable() })),
});

export const hireToFireQuerySchema = z.object({ cycleId: idParam, rootPersonId: idParam.optional() }).strict();
const groupSchema = z.object({ n: z.number().int(), le: z.number().int(), rate: z.number().nullable() });
export const hireToFireSchema = z.object({
  cycleId: z.number().int(),
  windowMonths: z.number().int(),
  hiredSince: z.string(),
  newHires: groupSchema,
  others: groupSchema,
  organisation: groupSchema,
  test: z.object({ method: z.literal('pearson-chi-square'), chiSquare: z.number(), p: z.number(), alpha: z.number(), smallSample: z.boolean() }),
  flagged: z.boolean(),
  finding: z.string(),
});

// Internal transfers

export const transferBodySchema = z.object({ personId: personId.optional(), toManagerId: personId, note: text(2000) }).strict();
export const transferSchema = z.object({ id: z.number().int(), person: personRef, toManager: personRef, note: z.string(), status: z.string(), createdAt: z.string() });
export const transferListSchema = z.object({ requests: z.array(transferSchema) });
