import { AppError } from '../shared/errors.ts';
import type { LoadedCycle } from '../cycles/cycle-loader.ts';
import type { OlrPolicy } from '../policy/olr.schema.ts';
import { isOnScale } from './ov-matrix.rules.ts';

/**
 * The OLR part of the policy a cycle pinned. Policy versions stored before OLR existed have none;
 * calibrating under them is refused with a sentence rather than guessed.
 */
export function olrOf(cycle: LoadedCycle): OlrPolicy {
  const olr = cycle.policy.olr;
  if (!olr) {
    throw new AppError('CONFLICT', {
      detail: `The policy this cycle runs under (${cycle.policyKey} version ${cycle.policyVersion}) has no ratings or calibration rules; start a cycle under a current policy to calibrate.`,
      extra: { rule: 'POLICY_HAS_NO_OLR' },
    });
  }
  return olr;
}

/** Field problems for performance and potential values that are not on the policy's scales. */
export function scaleProblems(olr: OlrPolicy, values: { performance: number | null; potential: number | null }, prefix = 'body'): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const check = (axis: 'performance' | 'potential', value: number | null) => {
    if (value === null || isOnScale(olr.scales[axis], value)) return;
    problems.push({ path: `${prefix}.${axis}`, message: `${value} is not on the ${axis} scale (1 to ${olr.scales[axis].levels.length})` });
  };
  check('performance', values.performance);
  check('potential', values.potential);
  return problems;
}
