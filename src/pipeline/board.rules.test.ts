import { describe, expect, it } from 'vitest';
import { AMAZON_PIPELINE } from '../policy/pipeline-presets.ts';
import { applyTransition, openCase, type CaseState } from './pipeline.rules.ts';
import { pipelineBoard } from './board.rules.ts';
import { isOverdue } from './deadlines.rules.ts';
import type { PipelineCommand } from '../shared/schemas/pipeline.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2027-03-01T00:00:00Z');
const HR = { capacities: ['hr' as const], personId: null, accountId: 1 };

function walk(days: number[], steps: PipelineCommand[]): CaseState {
  const opened = openCase({ source: 'rating', reason: 'LE', now: new Date(T0), policy: AMAZON_PIPELINE });
  if (!opened.ok) throw new Error('open');
  let state = opened.state;
  steps.forEach((step, i) => {
    const result = applyTransition(state, step, { policy: AMAZON_PIPELINE, now: new Date(T0 + days[i]! * DAY), actor: HR, jurorProblems: {} });
    if (!result.ok) throw new Error(result.refusal.detail);
    state = result.state;
  });
  return state;
}

const FOCUS: PipelineCommand = { type: 'startFocus', project: 'P', successCriteria: 'C', goals: ['G'] };
const PIVOT: PipelineCommand = { type: 'enterPivot', note: 'N', pipGoals: ['G'], pipLengthDays: 30 };

describe('the pipeline board', () => {
  const cases = [
    { path: '/1/2/10/', state: walk([2], [FOCUS]) },
    { path: '/1/2/11/', state: walk([4], [FOCUS]) },
    { path: '/1/3/12/', state: walk([1, 5], [FOCUS, PIVOT]) },
    { path: '/1/3/13/', state: walk([1, 5, 6, 20], [FOCUS, PIVOT, { type: 'choosePivotOption', option: 'pip' }, { type: 'recordPipOutcome', outcome: 'pass', note: 'ok' }]) },
    { path: '/1/3/14/', state: walk([1], [{ type: 'closeWithoutAction', reason: 'error' }]) },
    { path: '/1/3/15/', state: walk([1, 2], [FOCUS, { type: 'concludeFocus', note: 'improved' }]) },
  ];
  const board = pipelineBoard({ cases, organisations: [{ id: 2, name: 'Two', path: '/1/2/' }, { id: 3, name: 'Three', path: '/1/3/' }], now: new Date(T0 + 40 * DAY), focusLabel: 'Focus', isOverdue });

  it('counts cases per stage with their median days there and how many are past their deadline', () => {
    const focus = board.stages.find((s) => s.stage === 'focus')!;
    expect(focus).toEqual({ stage: 'focus', label: 'Focus', count: 2, medianDaysInStage: 37, overdue: 2 });
    expect(board.stages.find((s) => s.stage === 'pivot')).toMatchObject({ count: 1, medianDaysInStage: 35, overdue: 1 });
    expect(board.stages.find((s) => s.stage === 'kept')!.count).toBe(3);
  });

  it('gives pass rates among decided cases only', () => {
    expect(board.passRates).toEqual({
      focus: { concluded: 3, successful: 1, rate: 0.333 },
      pip: { concluded: 1, passed: 1, rate: 1 },
      appeal: { decided: 0, won: 0, rate: null },
    });
  });

  it('puts each case in its organisation', () => {
    expect(board.outcomesByOrganisation).toEqual([
      { organisation: { id: 2, name: 'Two' }, open: 2, kept: 0, leftTier1: 0, leftTier2: 0, terminated: 0 },
      { organisation: { id: 3, name: 'Three' }, open: 1, kept: 3, leftTier1: 0, leftTier2: 0, terminated: 0 },
    ]);
  });
});
