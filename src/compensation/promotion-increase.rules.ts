import type { CompensationPolicy } from '../policy/compensation.schema.ts';
import { basisPoints, formatPercent, percentOfCents } from './money.rules.ts';

export type PromotionIncreaseResult = { ok: true; increaseCents: number; newBaseCents: number; bp: number } | { ok: false; rule: 'BELOW_PROMOTION_MINIMUM'; message: string };

/** The base increase on promotion: the policy's default unless another is given, never below its minimum. */
export function promotionIncrease(policy: CompensationPolicy['promotionIncrease'], input: { baseCents: number; percent?: number }): PromotionIncreaseResult {
  const bp = basisPoints(input.percent ?? policy.defaultPercent);
  const minBp = basisPoints(policy.minPercent);
  if (bp < minBp) return { ok: false, rule: 'BELOW_PROMOTION_MINIMUM', message: `${formatPercent(bp)} is below the promotion minimum of ${formatPercent(minBp)}` };
  const increaseCents = percentOfCents(input.baseCents, bp);
  return { ok: true, increaseCents, newBaseCents: input.baseCents + increaseCents, bp };
}
