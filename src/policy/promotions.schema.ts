import { z } from 'zod';
import { ovRatingSchema, OV_RATINGS } from './olr.schema.ts';

/** The sections of a promotion packet: the five scopes, then Leadership Principles (DOMAIN.md section 6). */
export const PACKET_SECTIONS = ['scopeAndInfluence', 'ambiguity', 'technicalComplexity', 'execution', 'impact', 'leadershipPrinciples'] as const;
export type PacketSection = (typeof PACKET_SECTIONS)[number];
export const packetSectionSchema = z.enum(PACKET_SECTIONS);

/** The ladder dimensions every level states an expectation for (DOMAIN.md section 1). */
export const LADDER_DIMENSIONS = ['scope', 'autonomy', 'technicalDepth', 'influence', 'mentorship', 'operations'] as const;
export type LadderDimension = (typeof LADDER_DIMENSIONS)[number];

const levelCode = z.string().min(1).max(20);
const enforcement = z.enum(['block', 'warn']);

const transitionSchema = z.object({ from: levelCode, to: levelCode }).strict();

/**
 * Promotions: what a case needs (readiness), how it is written (sections and their guidance) and
 * how the committee decides. Optional in the policy document because versions stored before
 * promotions existed must stay readable; creating a packet under such a version is refused.
 */
export const promotionsSchema = z
  .object({
    readiness: z
      .object({
        /** The share of the next level's expectations the linked evidence must cover. */
        coverage: z.object({ targetPercent: z.number().int().min(0).max(100), enforcement }).strict(),
        /** The latest calibrated rating a candidate usually holds; empty means any rating. */
        rating: z.object({ allowed: z.array(ovRatingSchema).max(OV_RATINGS.length), enforcement }).strict(),
        peerFeedback: z
          .object({
            minimum: z.number().int().min(0).max(50),
            recommended: z.number().int().min(0).max(50),
            /** Submitted peer feedback about the candidate counts when it is at most this old. */
            lookbackMonths: z.number().int().min(1).max(60),
            /** `block`: a packet below the minimum cannot be submitted; `warn`: it is flagged. */
            enforcement,
          })
          .strict(),
        length: z
          .object({
            /** How many words make a page when guidance is stated in pages. */
            wordsPerPage: z.number().int().min(100).max(2000),
            /** Minimum length by transition; transitions not listed have no length guidance. */
            byTransition: z.array(transitionSchema.extend({ minPages: z.number().int().min(1).max(100) }).strict()).max(40),
            /** A section is thin below this share of its part of the guided length (or with no evidence). */
            thinBelowPercent: z.number().int().min(0).max(100),
            enforcement,
          })
          .strict(),
        /** Sections that usually sink a case for a transition: flagged by name when thin. */
        commonBlockers: z.array(transitionSchema.extend({ sections: z.array(packetSectionSchema).min(1).max(PACKET_SECTIONS.length) }).strict()).max(40),
      })
      .strict(),
    /** Each section's weight in the guided length, and the question it answers. */
    sections: z.record(packetSectionSchema, z.object({ label: z.string().min(1).max(80), weight: z.number().int().min(0).max(10), prompt: z.string().max(500) }).strict()),
    committee: z
      .object({
        /** Whether the candidate's own manager (and the packet's author) may vote; they may always speak. */
        managerMayVote: z.boolean(),
        /** Votes needed before the committee can approve. */
        minimumVotes: z.number().int().min(1).max(50),
        /** `majority`: more approvals than other votes; `unanimous`: every vote cast approves. */
        approval: z.enum(['majority', 'unanimous']),
        /** A decision that is not an approval must say what the candidate can do next, in at least this many characters. */
        minimumFeedbackChars: z.number().int().min(0).max(2000),
      })
      .strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.readiness.peerFeedback.recommended < p.readiness.peerFeedback.minimum) {
      ctx.addIssue({ code: 'custom', path: ['readiness', 'peerFeedback', 'recommended'], message: 'must not be below the minimum' });
    }
    for (const key of PACKET_SECTIONS) {
      if (!p.sections[key]) ctx.addIssue({ code: 'custom', path: ['sections', key], message: `missing the ${key} section` });
    }
    if (Object.values(p.sections).every((s) => s.weight === 0)) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'at least one section needs a weight' });
    const seen = new Set<string>();
    p.readiness.length.byTransition.forEach((t, i) => {
      const key = `${t.from}>${t.to}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['readiness', 'length', 'byTransition', i], message: `${t.from} to ${t.to} is listed twice` });
      seen.add(key);
    });
  });

export type PromotionsPolicy = z.infer<typeof promotionsSchema>;
