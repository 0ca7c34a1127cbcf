import { z } from 'zod';

/**
 * The people-analytics part of a policy (`analytics` in policySchema, optional so that versions
 * stored before it existed still load: they read as DEFAULT_ANALYTICS_POLICY).
 */
export const analyticsPolicySchema = z
  .object({
    /**
     * The smallest group any analytics report may show (bias audits, drift-free reports, promotion
     * velocity, URA governance, sustainable work, team feedback themes). Five is the usual floor
     * for statistical disclosure control; below three a share is a person. A request may ask for
     * a larger minimum, never a smaller one.
     */
    minGroupSize: z.number().int().min(3).max(50),
    /** Sustainable-work signals: the local working day a page or incident is judged against. */
    workingHours: z
      .object({ startHour: z.number().int().min(0).max(23), endHour: z.number().int().min(1).max(24) })
      .strict()
      .refine((h) => h.startHour < h.endHour, { message: 'startHour must be before endHour' }),
    /** Sustainable-work signals: a revert of a commit at most this many days old counts as rework. */
    reworkDays: z.number().int().min(1).max(90),
  })
  .strict();
export type AnalyticsPolicy = z.infer<typeof analyticsPolicySchema>;

/** Amazon's preset: the floor of five the issue and the offline commands use, a 9-to-6 day, a week for rework. */
export const AMAZON_ANALYTICS: AnalyticsPolicy = { minGroupSize: 5, workingHours: { startHour: 9, endHour: 18 }, reworkDays: 7 };

/** The humane preset keeps the same guard rails: protecting people in small groups is not a matter of taste. */
export const HUMANE_ANALYTICS: AnalyticsPolicy = { ...AMAZON_ANALYTICS };

/** What a policy version without an analytics section reads as. */
export const DEFAULT_ANALYTICS_POLICY: AnalyticsPolicy = AMAZON_ANALYTICS;
