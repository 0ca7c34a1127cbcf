import { z } from 'zod';

/**
 * The people-analytics part of a policy. Not yet part of policySchema (policy.schema.ts belongs to
 * another change): until it is wired in as `analytics`, the app uses DEFAULT_ANALYTICS_POLICY.
 */
export const analyticsPolicySchema = z
  .object({
    /**
     * The smallest group any analytics report may show (bias audits, team feedback themes). Five
     * is the usual floor for statistical disclosure control; below three a share is a person.
     */
    minGroupSize: z.number().int().min(3).max(50),
  })
  .strict();
export type AnalyticsPolicy = z.infer<typeof analyticsPolicySchema>;

/** What both presets would say: the minimum of five the issue and the offline commands use. */
export const DEFAULT_ANALYTICS_POLICY: AnalyticsPolicy = { minGroupSize: 5 };
