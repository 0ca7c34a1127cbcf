import type { OlrPolicy, RoundingRule } from '../policy/olr.schema.ts';
import { basisPoints, shareBounds } from './distribution.rules.ts';

/** The cap of one principle as a percentage: its own cap when the policy names one, else the default. */
export function roleModelPercent(roleModel: OlrPolicy['roleModel'], principle: string): number {
  return roleModel.maxPercentByPrinciple[principle] ?? roleModel.maxPercent;
}

/**
 * How many people of a group of n may hold the Role Model grade in one principle. The cap is a
 * maximum share like a distribution target's, so it is rounded the same way (largest remainder
 * of the cap against everyone else: 5% of 10 is 0.5, which allows 1).
 */
export function roleModelAllowed(roleModel: OlrPolicy['roleModel'], principle: string, n: number, rounding: RoundingRule): number {
  return shareBounds([basisPoints(roleModelPercent(roleModel, principle))], n, rounding, 'max')[0]!;
}

export interface RoleModelExcess {
  principle: string;
  count: number;
  allowed: number;
}

/**
 * Principles whose Role Model count in a group of n is over the cap. The cap holds per
 * principle whatever the team's performance: a strong team does not earn more Role Models.
 */
export function checkRoleModelCaps(olr: OlrPolicy, options: { groupSize: number; roleModelsByPrinciple: Readonly<Record<string, number>> }): RoleModelExcess[] {
  return Object.entries(options.roleModelsByPrinciple)
    .map(([principle, count]) => ({ principle, count, allowed: roleModelAllowed(olr.roleModel, principle, options.groupSize, olr.distribution.rounding) }))
    .filter((e) => e.count > e.allowed);
}
