import type { FieldProblem } from '../shared/errors.ts';
import type { GrowthPolicy } from '../policy/growth.schema.ts';

export const OPEN_GOAL_STATUSES = ['not_started', 'on_track', 'at_risk'] as const;
export const CLOSED_GOAL_STATUSES = ['achieved', 'partly', 'missed', 'dropped'] as const;

/** The problems of a goal against the policy: a measurable result where it is required. */
export function goalProblems(goals: GrowthPolicy['goals'], input: { objective: string; measurableResult: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.objective.trim().length < 3) problems.push({ path: 'body.objective', message: 'says what the goal is (at least 3 characters)' });
  if (goals.requireMeasurableResult && input.measurableResult.trim().length === 0) {
    problems.push({ path: 'body.measurableResult', message: 'is required by the policy: say how you will know the goal is met' });
  }
  return problems;
}

/**
 * Closing a quarter: every open goal of it needs a result status and a written outcome of the
 * policy's minimum length, and nothing else may be named. All or nothing, so a quarter is never
 * half closed.
 */
export function quarterCloseProblems(
  goals: GrowthPolicy['goals'],
  open: readonly { id: number }[],
  outcomes: readonly { goalId: number; status: string; outcome: string }[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const openIds = new Set(open.map((g) => g.id));
  outcomes.forEach((o, i) => {
    if (!openIds.has(o.goalId)) problems.push({ path: `body.outcomes.${i}.goalId`, message: `goal ${o.goalId} is not an open goal of this quarter` });
    if (o.outcome.trim().length < goals.outcomeMinChars) problems.push({ path: `body.outcomes.${i}.outcome`, message: `needs a short written outcome (at least ${goals.outcomeMinChars} characters)` });
  });
  for (const goal of open) {
    if (!outcomes.some((o) => o.goalId === goal.id)) problems.push({ path: 'body.outcomes', message: `goal ${goal.id} is open and needs an outcome to close the quarter` });
  }
  const seen = new Set<number>();
  outcomes.forEach((o, i) => {
    if (seen.has(o.goalId)) problems.push({ path: `body.outcomes.${i}.goalId`, message: `goal ${o.goalId} is named twice` });
    seen.add(o.goalId);
  });
  return problems;
}
