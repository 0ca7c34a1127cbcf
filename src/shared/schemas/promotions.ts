import { z } from 'zod';
import { idParam, idSchema } from './common.ts';
import { LADDER_DIMENSIONS, PACKET_SECTIONS } from '../../policy/promotions.schema.ts';

/** Wire shapes of career ladders and promotion packets, shared by the routes and the web app. */

export const ladderDimensionSchema = z.enum(LADDER_DIMENSIONS);
export const packetSectionKeySchema = z.enum(PACKET_SECTIONS);
export const EVIDENCE_KINDS = ['log_note', 'peer_feedback', 'shipped_work', 'design_doc', 'incident'] as const;
export const PACKET_SECTION_MAX_CHARS = 60_000;

const personRef = z.object({ id: z.number().int(), name: z.string() });
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https?:\/\/\S+$/u.test(u), 'a web address starting with http:// or https://');

/** Evidence linked to a section: a log note or peer feedback by id, or shipped work, a design document or an incident by link. */
export const evidenceItemSchema = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    refId: idSchema.optional(),
    url: httpUrl.optional(),
    title: z.string().trim().min(1).max(200),
    /** The next level's expectations this evidence shows. */
    expectations: z.array(ladderDimensionSchema).max(LADDER_DIMENSIONS.length),
  })
  .strict()
  .superRefine((e, ctx) => {
    const internal = e.kind === 'log_note' || e.kind === 'peer_feedback';
    if (internal && e.refId === undefined) ctx.addIssue({ code: 'custom', path: ['refId'], message: `a ${e.kind.replace('_', ' ')} is linked by its id` });
    if (!internal && e.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: `${e.kind.replace('_', ' ')} evidence needs a link` });
  });
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const sectionBodySchema = z
  .object({
    text: z.string().max(PACKET_SECTION_MAX_CHARS),
    evidence: z.array(evidenceItemSchema).max(30),
    /** The version the writer started from; a newer one on the server answers 409 with the latest text. */
    version: z.number().int().min(0),
  })
  .strict();

export const createPacketBodySchema = z.object({ candidateId: idSchema }).strict();
/** Committee members by account, or by person (people with an account), or both. */
export const committeeBodySchema = z
  .object({ memberAccountIds: z.array(idSchema).max(20).optional(), memberPersonIds: z.array(idSchema).max(20).optional() })
  .strict()
  .refine((b) => (b.memberAccountIds?.length ?? 0) + (b.memberPersonIds?.length ?? 0) > 0, { message: 'name at least one member', path: ['memberAccountIds'] });
export const promotionVoteBodySchema = z.object({ vote: z.enum(['approve', 'not_yet', 'abstain']), feedback: z.string().trim().max(3000) }).strict();
export const decisionBodySchema = z.object({ outcome: z.enum(['approved', 'not_approved']), feedback: z.string().trim().max(5000) }).strict();
export const packetSectionParamsSchema = z.object({ id: idParam, section: packetSectionKeySchema }).strict();

const checkSchema = z.object({ key: z.enum(['coverage', 'rating', 'peerFeedback', 'length', 'commonBlockers']), status: z.enum(['met', 'warn', 'blocked']), message: z.string() });
export const readinessSchema = z.object({
  canSubmit: z.boolean(),
  checks: z.array(checkSchema),
  coverage: z.object({ covered: z.array(ladderDimensionSchema), missing: z.array(ladderDimensionSchema), percent: z.number().int(), targetPercent: z.number().int() }),
  length: z.object({ words: z.number().int(), targetWords: z.number().int().nullable(), wordsPerPage: z.number().int() }),
  sections: z.array(
    z.object({ key: packetSectionKeySchema, label: z.string(), words: z.number().int(), evidenceCount: z.number().int(), targetWords: z.number().int().nullable(), thin: z.boolean(), commonBlocker: z.boolean() }),
  ),
});

const shownEvidenceSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  refId: z.number().int().optional(),
  url: z.string().optional(),
  title: z.string(),
  expectations: z.array(ladderDimensionSchema),
  /** The linked note or feedback, where this reader may read it. */
  excerpt: z.string().nullable(),
});

export const sectionSchema = z.object({
  key: packetSectionKeySchema,
  label: z.string(),
  prompt: z.string(),
  weight: z.number().int(),
  text: z.string(),
  evidence: z.array(shownEvidenceSchema),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const PACKET_STATUS_VALUES = ['draft', 'submitted', 'committee_review', 'approved', 'not_approved'] as const;

export const packetSchema = z.object({
  id: z.number().int(),
  candidate: personRef.extend({ level: z.string(), title: z.string().nullable() }),
  author: personRef,
  manager: personRef.nullable(),
  fromLevel: z.string(),
  toLevel: z.string(),
  toTitle: z.string(),
  status: z.enum(PACKET_STATUS_VALUES),
  policy: z.object({ key: z.string(), version: z.number().int() }),
  sections: z.array(sectionSchema),
  readiness: readinessSchema,
  committee: z.object({
    /** Who sits on it; empty for the candidate, who sees only how many reviewed their case. */
    members: z.array(z.object({ accountId: z.number().int(), name: z.string(), mayVote: z.boolean() })),
    memberCount: z.number().int(),
    tally: z.object({ approve: z.number().int(), not_yet: z.number().int(), abstain: z.number().int() }),
    /** Votes with names for members, HR and admins; the written feedback without names for the candidate and chain once decided. */
    votes: z.array(z.object({ name: z.string().nullable(), vote: z.enum(['approve', 'not_yet', 'abstain']).nullable(), feedback: z.string(), at: z.string().nullable() })),
    minimumVotes: z.number().int(),
    approval: z.enum(['majority', 'unanimous']),
  }),
  decision: z.object({ outcome: z.enum(['approved', 'not_approved']), feedback: z.string(), decidedAt: z.string() }).nullable(),
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), note: z.string(), at: z.string(), actor: z.string().nullable() })),
  viewer: z.object({
    role: z.enum(['candidate', 'chain', 'committee', 'hr', 'admin']),
    canEdit: z.boolean(),
    canSubmit: z.boolean(),
    canWithdraw: z.boolean(),
    canStartCommittee: z.boolean(),
    canVote: z.boolean(),
    canDecide: z.boolean(),
    myVote: z.object({ vote: z.enum(['approve', 'not_yet', 'abstain']), feedback: z.string() }).nullable(),
  }),
  evidenceOptions: z
    .object({
      logNotes: z.array(z.object({ id: z.number().int(), occurredOn: z.string(), kind: z.string(), excerpt: z.string() })),
      peerFeedback: z.array(z.object({ id: z.number().int(), cycle: z.string(), excerpt: z.string(), submittedAt: z.string() })),
    })
    .nullable(),
});
export type Packet = z.infer<typeof packetSchema>;

export const packetListSchema = z.object({
  packets: z.array(
    z.object({
      id: z.number().int(),
      candidate: personRef,
      fromLevel: z.string(),
      toLevel: z.string(),
      status: z.enum(PACKET_STATUS_VALUES),
      updatedAt: z.string(),
      relation: z.enum(['candidate', 'chain', 'committee', 'hr', 'admin']),
    }),
  ),
});

const levelExpectationSchema = z.object({ dimension: ladderDimensionSchema, label: z.string(), expectation: z.string(), behaviours: z.array(z.string()) });
export const careerLevelSchema = z.object({ code: z.string(), title: z.string(), rank: z.number().int(), expectations: z.array(levelExpectationSchema), exampleBehaviours: z.array(z.string()) });
export const careerSchema = z.object({
  person: personRef.extend({ level: z.string(), title: z.string().nullable() }),
  ladder: z.object({ key: z.string(), name: z.string() }).nullable(),
  current: careerLevelSchema.nullable(),
  next: careerLevelSchema.nullable(),
});

const expectationText = z.string().trim().min(1).max(1000);
const behaviours = z.array(z.string().trim().min(1).max(300)).max(20);
export const ladderLevelBodySchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    expectations: z
      .object({
        scope: expectationText,
        autonomy: expectationText,
        technicalDepth: expectationText,
        influence: expectationText,
        mentorship: expectationText,
        operations: expectationText,
        exampleBehaviours: behaviours,
        /** Example behaviours per dimension. */
        behaviours: z.partialRecord(ladderDimensionSchema, behaviours).optional(),
      })
      .strict(),
    version: z.number().int().min(1),
  })
  .strict();
export const ladderLevelParamsSchema = z.object({ key: z.string().min(1).max(60), code: z.string().min(1).max(20) }).strict();
export const ladderLevelSchema = z.object({ key: z.string(), code: z.string(), title: z.string(), rank: z.number().int(), version: z.number().int(), expectations: careerLevelSchema.shape.expectations });
