import type { CompensationPolicy } from '../policy/compensation.schema.ts';
import { sharesValue } from './money.rules.ts';

/** The named approver of a retention offer, as the service found them. */
export interface Approver {
  name: string;
  title: string | null;
  /** Whether they sit above the person in the management chain. */
  aboveInChain: boolean;
}

function hasTitle(title: string | null, terms: readonly string[]): boolean {
  if (!title) return false;
  // Whole words, so "VP" matches "VP Engineering" but not "MVP Lead".
  return terms.some((term) => new RegExp(`(^|[^\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu').test(title));
}

/** Why the approval of a retention offer is not sufficient under the policy, or null. */
export function retentionApprovalProblem(policy: CompensationPolicy['retention'], approver: Approver | null): string | null {
  if (!policy.requiresApproval) return null;
  if (!approver) return `a retention offer needs the approval of a named ${policy.approverTitles.join(' or ')}`;
  if (!hasTitle(approver.title, policy.approverTitles)) return `${approver.name} (${approver.title ?? 'no title'}) is not a ${policy.approverTitles.join(' or ')}`;
  if (policy.approverInChain && !approver.aboveInChain) return `${approver.name} is not in this person's management chain`;
  return null;
}

/** A retention offer's value as whole shares at the share price (rounded down) and what they are worth. */
export function retentionShares(valueCents: number, sharePriceCents: number): { shares: number; valueCents: number } {
  if (sharePriceCents <= 0) throw new RangeError('the share price must be positive');
  const shares = Math.floor(valueCents / sharePriceCents);
  return { shares, valueCents: sharesValue(shares, sharePriceCents) };
}
