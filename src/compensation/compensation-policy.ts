import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, type FieldProblem } from '../shared/errors.ts';
import { activePolicy } from '../policy/policy.service.ts';
import type { CompensationPolicy } from '../policy/compensation.schema.ts';
import { basisPoints, percentOfCents } from './money.rules.ts';

/** Pay follows the organisation's active policy: there is no cycle to pin it to. */
export async function activeCompensationPolicy(db: Kysely<DB>): Promise<CompensationPolicy> {
  const { policy, version } = await activePolicy(db);
  if (!policy.compensation) {
    throw new AppError('CONFLICT', { detail: `The active policy (${policy.key} version ${version}) has no compensation rules.`, extra: { rule: 'POLICY_HAS_NO_COMPENSATION' } });
  }
  return policy.compensation;
}

/** The yearly cash bonus on a base, when the policy pays one. */
export function bonusOf(policy: CompensationPolicy, baseCents: number): number {
  return policy.cashBonus.enabled ? percentOfCents(baseCents, basisPoints(policy.cashBonus.targetPercentOfBase)) : 0;
}

/** A compensation rule refusal: 422 with the rule named, nothing stored. */
export function payRuleViolated(rule: string, message: string, path = 'body'): AppError {
  const errors: FieldProblem[] = [{ path, message }];
  return new AppError('COMPENSATION_RULE_VIOLATED', { detail: message, errors, extra: { rule } });
}
