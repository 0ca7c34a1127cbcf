import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { activePolicy } from '../policy/policy.service.ts';
import { DEFAULT_ANALYTICS_POLICY, type AnalyticsPolicy } from '../policy/analytics.schema.ts';
import { analysisRefused } from './analysis-problems.ts';

/**
 * The analytics section of the organisation's active policy. Analytics read across cycles, so
 * they follow the active policy, not a cycle's pinned version; a version stored before the
 * section existed reads as the presets' values.
 */
export async function activeAnalyticsPolicy(db: Kysely<DB>): Promise<AnalyticsPolicy> {
  const { policy } = await activePolicy(db);
  return policy.analytics ?? DEFAULT_ANALYTICS_POLICY;
}

/**
 * The minimum group size a report uses: the policy's, or a larger one the request asks for. A
 * smaller one is refused rather than quietly raised, so the reader knows why the number differs.
 */
export function minGroupFor(policy: AnalyticsPolicy, requested: number | undefined): number {
  if (requested === undefined) return policy.minGroupSize;
  if (requested < policy.minGroupSize) {
    throw analysisRefused([{ line: null, column: '-', reason: `A minimum group size of ${requested} is below the policy's ${policy.minGroupSize} (analytics.minGroupSize): reports never show smaller groups.` }]);
  }
  return requested;
}
