import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { activePolicy } from '../policy/policy.service.ts';
import type { GrowthPolicy } from '../policy/growth.schema.ts';
import type { Policy } from '../policy/policy.schema.ts';

/**
 * Growth runs between cycles, so it reads the organisation's active policy (not a cycle's pinned
 * one). A stored version older than the growth section is refused with a message rather than
 * guessed at.
 */
export async function growthPolicy(db: Kysely<DB> | Transaction<DB>): Promise<{ growth: GrowthPolicy; policy: Policy }> {
  const { policy } = await activePolicy(db as Kysely<DB>);
  if (!policy.growth) {
    throw new AppError('CONFLICT', { detail: `The active policy (${policy.key}) has no growth section; choose a policy version that has one.`, extra: { rule: 'POLICY_WITHOUT_GROWTH' } });
  }
  return { growth: policy.growth, policy };
}
