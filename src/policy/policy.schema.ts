import { z } from 'zod';
import { olrSchema } from './olr.schema.ts';
import { growthSchema } from './growth.schema.ts';
import { promotionsSchema } from './promotions.schema.ts';
import { compensationSchema } from './compensation.schema.ts';
import { pipelineSchema } from './pipeline.schema.ts';
import { analyticsPolicySchema } from './analytics.schema.ts';
import { privacyPolicySchema } from './privacy.schema.ts';

export const PHASES = ['self_review', 'peer_feedback', 'manager_review', 'calibration', 'delivery'] as const;
export type Phase = (typeof PHASES)[number];

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/u, { message: 'a month and day as MM-DD', abort: true })
  .refine((text) => {
    const [month, day] = text.split('-').map(Number) as [number, number];
    return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
  }, 'not a day of the year');

/**
 * A performance policy: every mechanism reads its numbers and switches from here, never from
 * the preset's name. Organisations copy a preset and edit it; a cycle pins the version it
 * launched with.
 */
export const policySchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/u),
    name: z.string().min(1).max(100),
    description: z.string().max(2000),
    /** The Leadership Principles that feedback is tagged with. */
    leadershipPrinciples: z.array(z.string().min(2).max(80)).min(1).max(40),
    forte: z
      .object({
        /** Default deadlines of a cycle that starts in the autumn, as MM-DD; later ones roll into the next year. */
        schedule: z.object(Object.fromEntries(PHASES.map((p) => [p, monthDay])) as Record<Phase, typeof monthDay>).strict(),
        peers: z
          .object({
            recommendedMinimum: z.number().int().min(0).max(50),
            cap: z.number().int().min(1).max(100),
            wordLimit: z.number().int().min(10).max(1000),
            maxLpChampioned: z.number().int().min(0).max(10),
            maxLpToImprove: z.number().int().min(0).max(10),
          })
          .strict(),
        release: z
          .object({
            /** When recipients may read their peer feedback: as it arrives, or from the delivery phase. */
            when: z.enum(['on-submit', 'at-delivery']),
            /** Peer feedback is withheld until at least this many responses have arrived (0: never withheld). */
            minimumResponses: z.number().int().min(0).max(20),
            /** Recipients see LP tags counted across all responses rather than per response. */
            aggregateLpTags: z.boolean(),
          })
          .strict(),
        /** Whether HR partners in scope see who wrote each piece of peer feedback. */
        hrReadsPeerAuthors: z.boolean(),
        /** Whether employees read the notes their manager logs about them during the year. */
        employeeReadsManagerLog: z.boolean(),
        wordingCheck: z
          .object({
            enabled: z.boolean(),
            /** Words that describe personality rather than behaviour; the writer is asked for an observable example. */
            terms: z.array(z.object({ term: z.string().min(2).max(40), why: z.string().max(200) }).strict()).max(500),
          })
          .strict(),
      })
      .strict()
      .refine((f) => f.peers.recommendedMinimum <= f.peers.cap, { message: 'peers.recommendedMinimum must not exceed peers.cap' }),
    /**
     * Ratings, the OV matrix and calibration (issue 4). Optional because policy versions stored
     * before OLR existed stay readable for the Forte cycles pinned to them; calibrating against
     * such a version is refused with a message instead.
     */
    olr: olrSchema.optional(),
    /** Goals, check-ins, the living document, development plans, the workshop and team health (issue 10); optional for older versions. */
    growth: growthSchema.optional(),
    /** Promotion readiness, packet sections and the committee (issue 7); optional for older versions. */
    promotions: promotionsSchema.optional(),
    /** Pay maths, approvals and who reads pay (issue 7); optional for older versions. */
    compensation: compensationSchema.optional(),
    /** URA, the Focus / Pivot / PIP pipeline, appeals and severance (issue 6); optional for older versions. */
    pipeline: pipelineSchema.optional(),
    /** People analytics: the minimum group size and the sustainable-work settings (issue 8); optional for older versions. */
    analytics: analyticsPolicySchema.optional(),
    /** Retention periods for the scheduled deletion job (issue 9); optional for older versions. */
    privacy: privacyPolicySchema.optional(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    for (const principle of Object.keys(policy.olr?.roleModel.maxPercentByPrinciple ?? {})) {
      if (!policy.leadershipPrinciples.includes(principle)) {
        ctx.addIssue({ code: 'custom', path: ['olr', 'roleModel', 'maxPercentByPrinciple', principle], message: `${JSON.stringify(principle)} is not one of the policy's leadership principles` });
      }
    }
  });

export type Policy = z.infer<typeof policySchema>;
