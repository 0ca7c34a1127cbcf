import { z } from 'zod';
import { idParam, idSchema } from './common.ts';
import { LIVING_SECTIONS, CHECK_IN_CADENCES, pulseQuestionSchema, pulseQuestionsSchema } from '../../policy/growth.schema.ts';
import { proposalEvidenceSchema } from './calibration.ts';

/** Wire shapes of growth between cycles: goals, check-ins, the living document, plans, the workshop, team health. */

const personRef = z.object({ id: z.number().int(), name: z.string() });
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/u, 'a quarter written as 2026-Q4');
const isoDate = z.iso.date();
const line = (max: number) => z.string().trim().max(max);
export const evidenceLinkSchema = z.object({ label: z.string().trim().min(1).max(200), url: z.url().max(2000) }).strict();

export const OPEN_STATUSES = ['not_started', 'on_track', 'at_risk'] as const;
export const CLOSED_STATUSES = ['achieved', 'partly', 'missed', 'dropped'] as const;
export const GOAL_STATUSES = [...OPEN_STATUSES, ...CLOSED_STATUSES] as const;

export const quarterQuerySchema = z.object({ quarter: quarter.optional() }).strict();

export const goalBodySchema = z
  .object({
    quarter,
    objective: line(500).min(1),
    measurableResult: line(500),
    status: z.enum(OPEN_STATUSES).optional(),
    evidenceLinks: z.array(evidenceLinkSchema).max(20).optional(),
  })
  .strict();

export const goalUpdateBodySchema = z
  .object({
    objective: line(500).min(1).optional(),
    measurableResult: line(500).optional(),
    status: z.enum(OPEN_STATUSES).optional(),
    evidenceLinks: z.array(evidenceLinkSchema).max(20).optional(),
    version: z.number().int().min(1),
  })
  .strict();

export const goalSchema = z.object({
  id: z.number().int(),
  owner: z.discriminatedUnion('kind', [z.object({ kind: z.literal('person'), person: personRef }), z.object({ kind: z.literal('team'), team: personRef })]),
  quarter: z.string(),
  objective: z.string(),
  measurableResult: z.string(),
  status: z.enum(GOAL_STATUSES),
  evidenceLinks: z.array(z.object({ label: z.string(), url: z.string() })),
  outcome: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  canEdit: z.boolean(),
});
export const goalListSchema = z.object({
  quarter: z.string(),
  goals: z.array(goalSchema),
  /** The policy's rules, so a form can ask for them up front. */
  rules: z.object({ requireMeasurableResult: z.boolean(), outcomeMinChars: z.number().int() }),
});

export const closeQuarterBodySchema = z
  .object({ quarter, outcomes: z.array(z.object({ goalId: idSchema, status: z.enum(CLOSED_STATUSES), outcome: line(2000) }).strict()).max(50) })
  .strict();

export const agendaItemSchema = z.object({ kind: z.enum(['goal', 'note', 'plan', 'theme']), ref: z.string(), text: z.string() });
export const agendaSchema = z.object({
  person: personRef,
  since: z.string().nullable(),
  items: z.array(agendaItemSchema),
  openPlan: z.object({ id: z.number().int(), skill: z.string(), systemBehaviour: z.string(), measurableOutcome: z.string() }).nullable(),
  defaultCadence: z.enum(CHECK_IN_CADENCES),
});

export const checkInBodySchema = z
  .object({
    heldOn: isoDate,
    cadence: z.enum(CHECK_IN_CADENCES),
    notes: line(10_000).min(1),
    concern: z.boolean().optional(),
    agenda: z.array(agendaItemSchema.strict()).max(60).optional(),
    planFollowUp: z.object({ planId: idSchema, note: line(2000).min(1) }).strict().optional(),
  })
  .strict();

export const checkInSchema = z.object({
  id: z.number().int(),
  person: personRef,
  manager: personRef,
  heldOn: z.string(),
  cadence: z.enum(CHECK_IN_CADENCES),
  notes: z.string(),
  concern: z.boolean(),
  agenda: z.array(agendaItemSchema),
  planFollowUp: z.object({ planId: z.number().int(), note: z.string() }).nullable(),
});
export const checkInListSchema = z.object({
  person: personRef,
  checkIns: z.array(checkInSchema),
  due: z.object({ dueOn: z.string(), overdue: z.boolean(), daysOverdue: z.number().int() }),
});

export const growthOverviewSchema = z.object({
  /** The manager's page: each direct report's check-in state, open goals and whether a plan is owed. */
  reports: z.array(
    z.object({
      person: personRef,
      lastCheckIn: z.string().nullable(),
      dueOn: z.string(),
      overdue: z.boolean(),
      daysOverdue: z.number().int(),
      openGoals: z.number().int(),
      plansToWrite: z.array(z.object({ cycle: personRef, deliveredAt: z.string() })),
    }),
  ),
  /** My own check-in state with my manager, when I have one. */
  mine: z.object({ manager: personRef, lastCheckIn: z.string().nullable(), dueOn: z.string(), overdue: z.boolean() }).nullable(),
});

export const livingItemSchema = z.object({
  key: z.string(),
  section: z.enum(LIVING_SECTIONS),
  occurredOn: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  source: z.enum(['goal', 'log', 'check-in', 'plan', 'manual', 'peer-feedback', 'metrics']),
  highlight: z.boolean(),
  private: z.boolean(),
  excluded: z.boolean(),
});
export const recencySchema = z.object({
  months: z.array(z.object({ month: z.string(), count: z.number().int(), thin: z.boolean() })),
  total: z.number().int(),
  coveredMonths: z.number().int(),
  evenness: z.number(),
  lastQuarterShare: z.number(),
  recencyHeavy: z.boolean(),
  longestGapMonths: z.number().int(),
});
export const livingDocumentSchema = z.object({
  person: personRef,
  from: z.string(),
  to: z.string(),
  sections: z.array(z.object({ key: z.enum(LIVING_SECTIONS), items: z.array(livingItemSchema) })),
  recency: recencySchema,
  canEdit: z.boolean(),
  /** Sources not connected on this installation (for example SLO data before metrics are imported). */
  unavailable: z.array(z.string()),
});
export const windowQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();
export const livingItemBodySchema = z
  .object({ section: z.enum(LIVING_SECTIONS), occurredOn: isoDate, text: line(1000).min(1), link: z.url().max(2000).optional(), highlight: z.boolean().optional() })
  .strict();
export const exclusionBodySchema = z.object({ key: z.string().min(1).max(80), excluded: z.boolean() }).strict();
export const evidencePacketSchema = z.object({ person: personRef, from: z.string(), to: z.string(), evidence: proposalEvidenceSchema });

export const planBodySchema = z
  .object({ cycleId: idSchema, skill: line(500).min(1), systemBehaviour: line(500).min(1), measurableOutcome: line(500).min(1) })
  .strict();
export const planUpdateBodySchema = z
  .object({ skill: line(500).min(1).optional(), systemBehaviour: line(500).min(1).optional(), measurableOutcome: line(500).min(1).optional(), status: z.enum(['open', 'done']).optional(), version: z.number().int().min(1) })
  .strict();
export const planSchema = z.object({
  id: z.number().int(),
  person: personRef,
  /** The delivered review the plan ends; under a policy that keeps growth apart from pay, never a rating. */
  review: z.object({ cycle: personRef, forteSummary: z.string().optional() }),
  skill: z.string(),
  systemBehaviour: z.string(),
  measurableOutcome: z.string(),
  quarter: z.string(),
  status: z.enum(['open', 'done']),
  followUps: z.array(z.object({ checkInId: z.number().int(), heldOn: z.string(), note: z.string() })),
  version: z.number().int(),
  canEdit: z.boolean(),
});
export const planListSchema = z.object({
  person: personRef,
  plans: z.array(planSchema),
  /** Delivered reviews that still need a plan (for the writer). */
  toWrite: z.array(z.object({ cycle: personRef, deliveredAt: z.string() })),
});

export const workshopBodySchema = z
  .object({
    name: line(200).min(1),
    /** The scale managers rate on, lowest first; the active policy's performance scale when absent. */
    scale: z.array(z.object({ value: z.number().int(), label: line(60).min(1) }).strict()).min(2).max(10).optional(),
    packets: z.array(z.object({ title: line(200).min(1), body: line(10_000).min(1) }).strict()).min(2).max(40),
    raterAccountIds: z.array(idSchema).min(2).max(100),
  })
  .strict();
export const workshopRatingsBodySchema = z.object({ ratings: z.array(z.object({ packetId: idSchema, value: z.number().int() }).strict()).min(1).max(40) }).strict();
const spreadSchema = z.object({
  packetId: z.number().int(),
  n: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  range: z.number(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  counts: z.record(z.string(), z.number().int()),
  flagged: z.boolean(),
});
export const workshopSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['open', 'revealed']),
  metric: z.enum(['ordinal', 'interval']),
  scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
  packets: z.array(z.object({ id: z.number().int(), title: z.string(), body: z.string(), myRating: z.number().int().nullable() })),
  raters: z.array(z.object({ accountId: z.number().int(), name: z.string(), done: z.boolean() })),
  viewer: z.object({ rates: z.boolean(), runs: z.boolean() }),
  /** Present once revealed: until then nobody sees another manager's ratings. */
  results: z
    .object({ packets: z.array(spreadSchema), alpha: z.number().nullable(), pairable: z.number().int(), metric: z.enum(['ordinal', 'interval']), aligned: z.boolean(), alignedAlpha: z.number() })
    .nullable(),
});
export const workshopListSchema = z.object({ workshops: z.array(z.object({ id: z.number().int(), name: z.string(), status: z.enum(['open', 'revealed']), packets: z.number().int(), runs: z.boolean() })) });

export const pulseBodySchema = z
  .object({ title: line(200).min(1), teamIds: z.array(idSchema).min(1).max(200), closesOn: isoDate, questions: pulseQuestionsSchema.optional() })
  .strict();
export const pulseAnswerBodySchema = z.object({ answers: z.record(z.string().max(60), z.number()) }).strict();
export const pulseSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  closesOn: z.string(),
  open: z.boolean(),
  questions: z.array(pulseQuestionSchema),
  teams: z.array(personRef),
  minGroupSize: z.number().int(),
  canAnswer: z.boolean(),
  answered: z.boolean(),
  canReadResults: z.boolean(),
});
export const pulseListSchema = z.object({ pulses: z.array(pulseSchema) });
const questionResultSchema = z.object({ key: z.string(), answered: z.number().int(), mean: z.number().nullable(), distribution: z.array(z.object({ value: z.number().int(), n: z.number().int() })) });
export const pulseResultsSchema = z.object({
  pulse: z.object({ id: z.number().int(), title: z.string(), closesOn: z.string(), minGroupSize: z.number().int() }),
  questions: z.array(pulseQuestionSchema),
  teams: z.array(z.object({ team: personRef, respondents: z.number().int(), questions: z.array(questionResultSchema) })),
  suppressedTeams: z.array(personRef),
  total: z.object({ respondents: z.number().int(), questions: z.array(questionResultSchema) }).nullable(),
});
export const pulseResultsQuerySchema = z.object({ teamId: idParam.optional() }).strict();
export const teamHealthSchema = z.object({
  team: personRef,
  points: z.array(z.object({ pulse: z.object({ id: z.number().int(), title: z.string(), closesOn: z.string() }), suppressed: z.boolean(), respondents: z.number().int().nullable(), questions: z.array(questionResultSchema) })),
});

export const skipLevelBodySchema = z.object({ heldOn: isoDate, notes: line(10_000).min(1) }).strict();
export const skipLevelListSchema = z.object({ person: personRef, notes: z.array(z.object({ id: z.number().int(), heldOn: z.string(), notes: z.string(), leader: personRef })) });

export const growthRemindersSchema = z.object({ overdueCheckIns: z.number().int(), plansToWrite: z.number().int(), notified: z.number().int() });
