import { EXIT_VALUES, FORTE_GRADES_LOW_FIRST, OV_GRADES_LOW_FIRST, type AppOutcome } from '../shared/schemas/analytics.ts';
import type { InputProblem } from './input-problem.ts';

/** Each outcome's name in a report, its values lowest first (the ordinal view), and whether it is graded. */
export const OUTCOME_SCALES: Record<AppOutcome, { label: string; values: readonly string[]; graded: boolean }> = {
  ov: { label: 'OV rating', values: OV_GRADES_LOW_FIRST, graded: true },
  forte: { label: 'Forte summary', values: FORTE_GRADES_LOW_FIRST, graded: true },
  exit: { label: 'exit', values: EXIT_VALUES, graded: false },
};

/** Favourable values that are not on the outcome's scale, as problems (a typo would otherwise read as "nobody"). */
export function favourableProblems(outcome: AppOutcome, favourable: readonly string[]): InputProblem[] {
  const { label, values } = OUTCOME_SCALES[outcome];
  return favourable
    .filter((v) => !values.includes(v))
    .map((v) => ({ line: null, column: '-', reason: `${JSON.stringify(v)} is not a value of the ${label} (${values.map((x) => JSON.stringify(x)).join(', ')}).` }));
}

