import { z } from 'zod';
import { idParam, idSchema, versionSchema } from './common.ts';

/** Wire shapes of OLR: proposals, calibration sessions, the board, adjustments and delivery. */

export const OV_VALUES = ['TT', 'HV3', 'HV2', 'HV1', 'LE'] as const;
export const ovSchema = z.enum(OV_VALUES);
const personRef = z.object({ id: z.number().int(), name: z.string() });
const shortText = (max: number) => z.string().trim().max(max);

export const proposalEvidenceSchema = z
  .object({
    /** Items per evidence dimension of the policy (delivery outcomes, collaboration, system impact). */
    byDimension: z.record(z.string().max(60), z.array(shortText(500).min(1)).max(10)),
    /** 2-3 major impact examples. */
    impactExamples: z.array(shortText(1000).min(1)).max(5),
    peerFeedbackThemes: shortText(2000),
    /** Continuous-log notes the manager cites (ids from the feedback log). */
    logNoteIds: z.array(idSchema).max(50),
    /** 1-2 system metrics as context, never as a score. */
    systemMetrics: z.array(shortText(300).min(1)).max(5),
    multiplierImpact: shortText(2000),
  })
  .strict();
export type ProposalEvidence = z.infer<typeof proposalEvidenceSchema>;

export const proposalBodySchema = z
  .object({
    performance: z.number().int().nullable(),
    potential: z.number().int().nullable(),
    /** Leadership Principle ratings by principle name, on the policy's LP scale. */
    principles: z.record(z.string().max(120), z.number().int()),
    justification: shortText(3000),
    evidence: proposalEvidenceSchema,
    version: versionSchema.optional(),
  })
  .strict();

export const proposalSchema = z.object({
  cycleId: z.number().int(),
  person: personRef.extend({ title: z.string().nullable(), level: z.string() }),
  performance: z.number().int().nullable(),
  potential: z.number().int().nullable(),
  principles: z.record(z.string(), z.number().int()),
  justification: z.string(),
  evidence: proposalEvidenceSchema,
  ov: ovSchema.nullable(),
  forteSummary: z.string().nullable(),
  evidenceCheck: z.object({ covered: z.array(z.string()), required: z.number().int(), met: z.boolean() }),
  status: z.enum(['not_started', 'draft', 'submitted']),
  version: z.number().int(),
  locked: z.boolean(),
});

export const teamProposalsSchema = z.object({
  cycleId: z.number().int(),
  scales: z.object({
    performance: z.array(z.object({ value: z.number().int(), label: z.string(), description: z.string() })),
    potential: z.array(z.object({ value: z.number().int(), label: z.string(), description: z.string() })),
    leadershipPrinciples: z.array(z.object({ value: z.number().int(), label: z.string(), description: z.string() })),
  }),
  principles: z.array(z.string()),
  evidenceDimensions: z.array(z.object({ key: z.string(), label: z.string() })),
  proposals: z.array(proposalSchema),
});

export const createSessionBodySchema = z
  .object({
    cycleId: idSchema,
    rootPersonId: idSchema,
    name: z.string().trim().min(1).max(200),
    calibratorAccountIds: z.array(idSchema).min(1).max(50),
    blind: z.boolean().optional(),
  })
  .strict();

/** Who would calibrate an organisation: the form that opens a session starts from this. */
export const calibratorCandidatesQuerySchema = z.object({ cycleId: idParam, rootPersonId: idParam }).strict();
export const calibratorCandidatesSchema = z.object({
  root: z.object({ id: z.number().int(), name: z.string() }),
  candidates: z.array(
    z.object({ accountId: z.number().int(), personId: z.number().int().nullable(), name: z.string(), reason: z.enum(['leads the organisation', 'manages a team in it', 'opens the session']) }),
  ),
  proposalsReady: z.number().int(),
});

export const voteBodySchema = z.object({ personId: idSchema, vote: z.enum(['agree', 'questions', 'abstain']) }).strict();

export const adjustBodySchema = z
  .object({
    personId: idSchema,
    performance: z.number().int(),
    potential: z.number().int(),
    rationale: z.string().trim().max(2000),
    evidenceToChangeMind: z.string().trim().max(2000).optional(),
    /** Calibrators (account ids) who approve a move into a rating that needs a quorum. */
    approvedBy: z.array(idSchema).max(50).optional(),
    version: versionSchema.min(1),
  })
  .strict();

const targetCheckSchema = z.object({ rating: ovSchema, count: z.number().int(), allowedMin: z.number().int(), allowedMax: z.number().int(), ok: z.boolean(), applies: z.boolean() });
export const distributionSchema = z.object({
  size: z.number().int(),
  counts: z.record(ovSchema, z.number().int()),
  targets: z.array(targetCheckSchema),
  violations: z.array(targetCheckSchema),
});

export const boardRowSchema = z.object({
  person: z.object({ id: z.number().int(), name: z.string().nullable(), title: z.string().nullable(), level: z.string(), team: z.string().nullable() }),
  manager: personRef.nullable(),
  proposed: z.object({ performance: z.number().int(), potential: z.number().int(), ov: ovSchema }),
  current: z.object({ performance: z.number().int(), potential: z.number().int(), ov: ovSchema, forteSummary: z.string() }),
  evidence: z.object({ covered: z.array(z.string()), met: z.boolean() }),
  tally: z.object({ agree: z.number().int(), questions: z.number().int(), abstain: z.number().int() }),
  myVote: z.enum(['agree', 'questions', 'abstain']).nullable(),
  flags: z.array(z.string()),
  history: z.array(z.object({ cycle: z.string(), ov: ovSchema, forteSummary: z.string() })),
  version: z.number().int(),
});

export const sessionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  cycle: z.object({ id: z.number().int(), name: z.string() }),
  root: personRef,
  status: z.enum(['open', 'finalised', 'delivered']),
  blind: z.boolean(),
  policy: z.object({
    key: z.string(),
    version: z.number().int(),
    mode: z.enum(['forced', 'guideline']),
    evidence: z.enum(['block', 'warn', 'off']),
    /** What a change must carry under this policy, so a client can ask for it up front. */
    requireEvidenceToChangeMind: z.boolean(),
    noSurprises: z.boolean(),
    quorum: z.object({ ratings: z.array(ovSchema), minimumCalibrators: z.number().int() }),
  }),
  /** `personId` lets a client tell which calibrators are conflicted about a person (themselves, their manager). */
  calibrators: z.array(z.object({ accountId: z.number().int(), name: z.string(), personId: z.number().int().nullable() })),
});

const scaleLevelSchema = z.object({ value: z.number().int(), label: z.string(), description: z.string() });

export const boardSchema = z.object({
  session: sessionSchema,
  /** What the reader may do here: calibrators vote, the people who run the session reveal, finalise, deliver and export. */
  viewer: z.object({ calibrates: z.boolean(), runs: z.boolean() }),
  /** The scales a move chooses from; each performance level with the Forte summary it produces. */
  scales: z.object({ performance: z.array(scaleLevelSchema.extend({ forteSummary: z.string() })), potential: z.array(scaleLevelSchema) }),
  /** The evidence dimensions a row's coverage counts, and how many the threshold asks for. */
  evidenceDimensions: z.object({ dimensions: z.array(z.object({ key: z.string(), label: z.string() })), minimum: z.number().int() }),
  rows: z.array(boardRowSchema),
  missingProposals: z.array(personRef),
  distribution: distributionSchema,
  byManager: z.array(z.object({ manager: personRef, distribution: distributionSchema })),
  grid: z.array(z.object({ performance: z.number().int(), potential: z.number().int(), ov: ovSchema, count: z.number().int() })),
  tally: z.object({ agree: z.number().int(), questions: z.number().int(), abstain: z.number().int(), notVoted: z.number().int() }),
  managerFlags: z.array(z.object({ manager: personRef, rating: ovSchema, share: z.number(), orgShare: z.number(), n: z.number().int() })),
});

export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });

export const finaliseResultSchema = sessionSchema.extend({ warnings: z.array(z.string()) });

export const myRatingSchema = z.object({
  cycle: z.object({ id: z.number().int(), name: z.string() }),
  delivered: z.boolean(),
  forteSummary: z.string().nullable(),
  ov: ovSchema.nullable(),
  performance: z.object({ value: z.number().int(), label: z.string() }).nullable(),
  potential: z.object({ value: z.number().int(), label: z.string() }).nullable(),
  rubric: z.array(z.object({ axis: z.string(), levels: z.array(z.object({ value: z.number().int(), label: z.string(), description: z.string() })) })).nullable(),
  matrix: z.record(z.string(), z.record(z.string(), ovSchema)).nullable(),
  evidence: proposalEvidenceSchema.nullable(),
  moves: z.array(z.object({ from: ovSchema, to: ovSchema, rationale: z.string(), evidenceToChangeMind: z.string().nullable(), at: z.string() })).nullable(),
  policyVersion: z.object({ key: z.string(), version: z.number().int() }).nullable(),
  canRequestReview: z.boolean(),
});

export const ratingHistorySchema = z.object({
  person: personRef,
  ratings: z.array(z.object({ cycle: z.object({ id: z.number().int(), name: z.string() }), ov: ovSchema, forteSummary: z.string(), performance: z.number().int(), potential: z.number().int(), final: z.boolean() })),
  changes: z.array(
    z.object({
      cycle: z.object({ id: z.number().int(), name: z.string() }),
      at: z.string(),
      by: z.string(),
      from: z.object({ performance: z.number().int(), potential: z.number().int(), ov: ovSchema }),
      to: z.object({ performance: z.number().int(), potential: z.number().int(), ov: ovSchema }),
      rationale: z.string(),
      evidenceToChangeMind: z.string().nullable(),
    }),
  ),
});

export const comparisonSchema = z.object({
  policies: z.array(z.object({ key: z.string(), version: z.number().int(), mode: z.enum(['forced', 'guideline']) })),
  people: z.array(z.object({ person: z.object({ id: z.number().int(), name: z.string().nullable() }), ov: z.array(ovSchema), forteSummary: z.array(z.string()), differs: z.boolean() })),
  distributions: z.array(distributionSchema),
  differences: z.number().int(),
});
