import { z } from 'zod';
import { idSchema, versionSchema } from './common.ts';

const phaseKeys = ['self_review', 'peer_feedback', 'manager_review', 'calibration', 'delivery'] as const;
export const phaseSchema = z.enum(['draft', ...phaseKeys, 'closed']);
const deadlinesSchema = z.object(Object.fromEntries(phaseKeys.map((k) => [k, z.iso.datetime({ offset: true })])) as Record<(typeof phaseKeys)[number], z.ZodISODateTime>).strict();
const personRef = z.object({ id: z.number().int(), name: z.string() });
const readersSchema = z.array(z.object({ who: z.string(), attributed: z.boolean() }));

/** Long-form limits: generous, but bounded so nobody can store megabytes in one field. */
export const MAX_TEXT = 20_000;
const text = z.string().max(MAX_TEXT);

/** The questions of a cycle, fixed at launch; each tells the writer who will read the answer. */
export const cycleQuestionsSchema = z.object({
  leadershipPrinciples: z.array(z.string()),
  peer: z.object({
    wordLimit: z.number().int(),
    maxLpChampioned: z.number().int(),
    maxLpToImprove: z.number().int(),
    recommendedMinimum: z.number().int(),
    cap: z.number().int(),
    questions: z.array(z.object({ key: z.enum(['superpowers', 'improvements']), label: z.string(), help: z.string() })),
    readers: readersSchema,
  }),
  self: z.object({ prompt: z.string(), readers: readersSchema }),
  manager: z.object({ readers: readersSchema }),
});
export type CycleQuestions = z.infer<typeof cycleQuestionsSchema>;

export const createCycleBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    rootPersonId: idSchema,
    policy: z.string().min(1).max(60),
    deadlines: deadlinesSchema.optional(),
  })
  .strict();

export const updateCycleBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    deadlines: deadlinesSchema.optional(),
  })
  .strict();

export const cycleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['draft', 'launched', 'closed']),
  phase: phaseSchema,
  deadlines: z.record(z.string(), z.string()),
  root: personRef,
  policy: z.object({ key: z.string(), version: z.number().int(), name: z.string() }),
  launchedAt: z.string().nullable(),
  canAdminister: z.boolean(),
  questions: cycleQuestionsSchema.nullable(),
});
export const cycleListSchema = z.object({ cycles: z.array(cycleSchema) });

export const selfReviewBodySchema = z
  .object({
    body: text,
    principles: z.array(z.object({ principle: z.string().max(80), example: text }).strict()).max(40),
    version: versionSchema.optional(),
  })
  .strict();
export const selfReviewSchema = z.object({
  body: z.string(),
  principles: z.array(z.object({ principle: z.string(), example: z.string() })),
  status: z.enum(['not_started', 'draft', 'submitted']),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
});

export const peerRequestsBodySchema = z
  .object({ subjectId: idSchema.optional(), reviewerIds: z.array(idSchema).min(1).max(100) })
  .strict();
export const approveNominationsBodySchema = z.object({ subjectId: idSchema, reviewerIds: z.array(idSchema).max(100).optional() }).strict();
export const respondBodySchema = z.object({ accept: z.boolean(), reason: z.string().max(500).optional() }).strict();
export const peerRequestListSchema = z.object({
  subject: personRef,
  requests: z.array(
    z.object({
      id: z.number().int(),
      reviewer: z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable() }),
      status: z.enum(['nominated', 'requested', 'accepted', 'declined', 'withdrawn', 'submitted']),
      declineReason: z.string().nullable(),
    }),
  ),
  /** Requests the manager made that the subject does not see by name. */
  askedByManager: z.number().int(),
  responses: z.number().int().optional(),
});

export const peerFeedbackBodySchema = z
  .object({
    superpowers: text,
    improvements: text,
    lpsChampioned: z.array(z.string().max(80)).max(40),
    lpsToImprove: z.array(z.string().max(80)).max(40),
    version: versionSchema.optional(),
  })
  .strict();
export const peerFeedbackDraftSchema = z.object({
  requestId: z.number().int(),
  cycleId: z.number().int(),
  subject: personRef,
  superpowers: z.string(),
  improvements: z.string(),
  lpsChampioned: z.array(z.string()),
  lpsToImprove: z.array(z.string()),
  status: z.enum(['not_started', 'draft', 'submitted']),
  version: z.number().int(),
  wordCounts: z.object({ superpowers: z.number().int(), improvements: z.number().int() }),
  wordingConcerns: z.array(z.object({ field: z.enum(['superpowers', 'improvements']), term: z.string(), match: z.string(), why: z.string() })),
});

const principleCounts = z.array(z.object({ principle: z.string(), count: z.number().int() }));
/** What the recipient gets: no author, no timestamps, nothing that orders responses by time. */
export const receivedFeedbackSchema = z.object({
  released: z.boolean(),
  reason: z.string().nullable(),
  responses: z.array(
    z.object({
      id: z.string(),
      superpowers: z.string(),
      improvements: z.string(),
      lpsChampioned: z.array(z.string()).optional(),
      lpsToImprove: z.array(z.string()).optional(),
    }),
  ),
  principles: z.object({ championed: principleCounts, toImprove: principleCounts }).nullable(),
});
export const feedbackAboutSchema = z.object({
  person: personRef,
  authorsShown: z.boolean(),
  responses: z.array(
    z.object({
      id: z.string(),
      superpowers: z.string(),
      improvements: z.string(),
      lpsChampioned: z.array(z.string()),
      lpsToImprove: z.array(z.string()),
      author: z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable() }).optional(),
      submittedAt: z.string().nullable().optional(),
    }),
  ),
});

export const managerReviewBodySchema = z
  .object({
    narrative: text,
    strengths: text,
    growthAreas: text,
    evidenceLinks: z.array(z.object({ label: z.string().min(1).max(200), url: z.url().max(2000) }).strict()).max(20),
    version: versionSchema.optional(),
  })
  .strict();
export const managerReviewSchema = z.object({
  narrative: z.string(),
  strengths: z.string(),
  growthAreas: z.string(),
  evidenceLinks: z.array(z.object({ label: z.string(), url: z.string() })),
  status: z.enum(['not_started', 'draft', 'submitted', 'not_delivered']),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
});

export const LOG_KINDS = ['decision', 'win', 'miss', 'support', 'feedback'] as const;
export const logEntryBodySchema = z
  .object({ kind: z.enum(LOG_KINDS), occurredOn: z.iso.date(), body: z.string().trim().min(1).max(5000) })
  .strict();
export const logSchema = z.object({
  person: personRef,
  entries: z.array(z.object({ id: z.number().int(), kind: z.enum(LOG_KINDS), occurredOn: z.string(), body: z.string(), author: personRef, createdAt: z.string() })),
});

export const tasksSchema = z.object({
  cycle: z.object({ id: z.number().int(), name: z.string(), phase: phaseSchema, deadlines: z.record(z.string(), z.string()) }),
  selfReview: z.object({ status: z.enum(['not_started', 'draft', 'submitted']) }),
  peerRequestsMade: z.number().int(),
  recommendedPeers: z.number().int(),
  feedbackToWrite: z.array(
    z.object({
      requestId: z.number().int(),
      subject: z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable() }),
      status: z.enum(['nominated', 'requested', 'accepted', 'declined', 'withdrawn', 'submitted']),
      feedbackStatus: z.enum(['not_started', 'draft', 'submitted']),
    }),
  ),
  reports: z.array(
    z.object({
      person: z.object({ id: z.number().int(), name: z.string(), title: z.string().nullable() }),
      managerReview: z.enum(['not_started', 'draft', 'submitted']),
      nominationsAwaitingApproval: z.number().int(),
    }),
  ),
});

export const progressSchema = z.object({
  cycle: z.object({ id: z.number().int(), name: z.string(), phase: phaseSchema }),
  summary: z.object({
    participants: z.number().int(),
    selfReviewsSubmitted: z.number().int(),
    withEnoughPeerResponses: z.number().int(),
    managerReviewsSubmitted: z.number().int(),
    recommendedPeerResponses: z.number().int(),
    left: z.number().int(),
    joinedAfterLaunch: z.number().int(),
  }),
  people: z.array(
    z.object({
      person: personRef,
      manager: personRef.nullable(),
      left: z.boolean(),
      managerChanged: z.boolean(),
      selfReview: z.enum(['not_started', 'draft', 'submitted']),
      peersRequested: z.number().int(),
      peerResponses: z.number().int(),
      tooFewPeerResponses: z.boolean(),
      managerReview: z.enum(['not_started', 'draft', 'submitted']),
    }),
  ),
  joinedAfterLaunch: z.array(personRef),
});

export const notificationListSchema = z.object({
  notifications: z.array(z.object({ id: z.number().int(), kind: z.string(), title: z.string(), link: z.string().nullable(), createdAt: z.string(), read: z.boolean() })),
});
export const markReadBodySchema = z.object({ ids: z.array(idSchema).max(500) }).strict();
