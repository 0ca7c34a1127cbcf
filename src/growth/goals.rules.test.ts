import { describe, expect, it } from 'vitest';
import { goalProblems, quarterCloseProblems } from './goals.rules.ts';
import { AMAZON_GROWTH, HUMANE_GROWTH } from '../policy/growth-presets.ts';

describe('goalProblems', () => {
  it('asks for a measurable result only where the policy requires one', () => {
    const goal = { objective: 'Make checkout faster', measurableResult: ' ' };
    expect(goalProblems(AMAZON_GROWTH.goals, goal)).toEqual([]);
    expect(goalProblems(HUMANE_GROWTH.goals, goal)).toEqual([{ path: 'body.measurableResult', message: 'is required by the policy: say how you will know the goal is met' }]);
  });
});

describe('quarterCloseProblems', () => {
  const open = [{ id: 1 }, { id: 2 }];
  it('needs a written outcome for every open goal, and only for those', () => {
    const outcome = 'Shipped to every region by November.';
    expect(quarterCloseProblems(HUMANE_GROWTH.goals, open, [{ goalId: 1, status: 'achieved', outcome }, { goalId: 2, status: 'missed', outcome }])).toEqual([]);
    expect(quarterCloseProblems(HUMANE_GROWTH.goals, open, [{ goalId: 1, status: 'achieved', outcome: 'done' }])).toEqual([
      { path: 'body.outcomes.0.outcome', message: 'needs a short written outcome (at least 20 characters)' },
      { path: 'body.outcomes', message: 'goal 2 is open and needs an outcome to close the quarter' },
    ]);
    expect(quarterCloseProblems(HUMANE_GROWTH.goals, open, [{ goalId: 9, status: 'achieved', outcome }, { goalId: 1, status: 'achieved', outcome }, { goalId: 2, status: 'achieved', outcome }]).map((p) => p.message)).toEqual([
      'goal 9 is not an open goal of this quarter',
    ]);
  });
});
