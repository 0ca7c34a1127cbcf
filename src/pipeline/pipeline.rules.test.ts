import { describe, expect, it } from 'vitest';
import { AMAZON_PIPELINE, HUMANE_PIPELINE } from '../policy/pipeline-presets.ts';
import type { PipelineCommand } from '../shared/schemas/pipeline.ts';
import { allowedNext, applyTransition, openCase, visibleToEmployee, type CaseState, type TransitionContext, type TransitionResult } from './pipeline.rules.ts';
import type { Capacity } from './stages.ts';

const DAY = 86_400_000;
const T0 = new Date('2027-03-01T09:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const HR = { capacities: ['hr'] as Capacity[], personId: null, accountId: 1 };
const MANAGER = { capacities: ['chain'] as Capacity[], personId: 10, accountId: 2 };
const EMPLOYEE = { capacities: ['employee'] as Capacity[], personId: 20, accountId: 3 };
const ELIGIBLE = { 31: null, 32: null, 33: null, 34: null, 35: null };

function ctx(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return { policy: AMAZON_PIPELINE, now: T0, actor: HR, jurorProblems: ELIGIBLE, ...overrides };
}

function opened(policy = AMAZON_PIPELINE): CaseState {
  const result = openCase({ source: 'rating', reason: 'LE in the 2026 OLR', now: T0, policy });
  if (!result.ok) throw new Error(result.refusal.detail);
  return result.state;
}

function ok(result: TransitionResult): CaseState {
  if (!result.ok) throw new Error(`${result.refusal.rule}: ${result.refusal.detail}`);
  return result.state;
}

const FOCUS: PipelineCommand = { type: 'startFocus', project: 'Own the ledger reconciliation job', successCriteria: 'Runs nightly without paging', goals: ['Ship the retry path', 'Write the runbook'] };
const PIVOT: PipelineCommand = { type: 'enterPivot', note: 'Reconciliation still pages nightly.', pipGoals: ['Close the three open incidents', 'Lead one design review'], pipLengthDays: 60 };

/** Walks a case from identification to a failed PIP under `policy`, the employee choosing the PIP. */
function toFailedPip(policy = AMAZON_PIPELINE): CaseState {
  let s = ok(applyTransition(opened(policy), FOCUS, ctx({ policy })));
  if (policy.focus.requireAcknowledgement) s = ok(applyTransition(s, { type: 'acknowledgePlan' }, ctx({ policy, actor: EMPLOYEE, now: at(1) })));
  s = ok(applyTransition(s, PIVOT, ctx({ policy, now: at(30) })));
  s = ok(applyTransition(s, { type: 'choosePivotOption', option: 'pip' }, ctx({ policy, actor: EMPLOYEE, now: at(35) })));
  return ok(applyTransition(s, { type: 'recordPipOutcome', outcome: 'fail', note: 'Two of three incidents still open.' }, ctx({ policy, actor: MANAGER, now: at(96) })));
}

describe('the pipeline state machine', () => {
  it('walks LE → Focus → Pivot → PIP → failure → appeal won, ending kept', () => {
    let s = toFailedPip();
    expect(s.stage).toBe('pip_failed');
    s = ok(applyTransition(s, { type: 'chooseAfterFailure', option: 'appeal', statement: 'The goals moved twice during the PIP.' }, ctx({ actor: EMPLOYEE, now: at(97) })));
    s = ok(applyTransition(s, { type: 'empanelJury', jurorIds: [31, 32, 33] }, ctx({ now: at(98) })));
    s = ok(applyTransition(s, { type: 'castJuryVote', jurorId: 31, vote: 'overturn' }, ctx({ actor: { capacities: ['juror'], personId: 31, accountId: 9 }, now: at(99) })));
    s = ok(applyTransition(s, { type: 'castJuryVote', jurorId: 32, vote: 'uphold' }, ctx({ now: at(99) })));
    expect(s.stage).toBe('appeal');
    s = ok(applyTransition(s, { type: 'castJuryVote', jurorId: 33, vote: 'overturn' }, ctx({ now: at(100) })));
    expect(s.stage).toBe('kept');
    expect(s.appeal!.verdict).toMatchObject({ result: 'won', overturn: 2, uphold: 1 });
    expect(s.severance).toBeNull();
    expect(s.path).toEqual(['identified', 'focus', 'pivot', 'pip', 'pip_failed', 'appeal', 'kept']);
  });

  it('ends a lost appeal in termination with minimal severance', () => {
    let s = ok(applyTransition(toFailedPip(), { type: 'chooseAfterFailure', option: 'appeal', statement: 'Unfair goals.' }, ctx({ now: at(97) })));
    s = ok(applyTransition(s, { type: 'empanelJury', jurorIds: [31, 32, 33] }, ctx({ now: at(98) })));
    for (const jurorId of [31, 32, 33]) s = ok(applyTransition(s, { type: 'castJuryVote', jurorId, vote: 'uphold' }, ctx({ now: at(99) })));
    expect([s.stage, s.severance]).toEqual(['terminated', 'minimal']);
  });

  it('takes Tier 1 at the Pivot choice and Tier 2 after a failed PIP', () => {
    let s = ok(applyTransition(ok(applyTransition(opened(), FOCUS, ctx())), PIVOT, ctx({ now: at(30) })));
    expect(ok(applyTransition(s, { type: 'choosePivotOption', option: 'tier1' }, ctx({ actor: EMPLOYEE, now: at(31) }))).severance).toBe('tier1');
    s = ok(applyTransition(toFailedPip(), { type: 'chooseAfterFailure', option: 'tier2' }, ctx({ now: at(97) })));
    expect([s.stage, s.severance]).toEqual(['left_tier2', 'tier2']);
  });

  it('refuses a PIP outcome before Pivot, naming the stage and the allowed next steps', () => {
    const s = ok(applyTransition(opened(), FOCUS, ctx()));
    const result = applyTransition(s, { type: 'recordPipOutcome', outcome: 'fail', note: 'x' }, ctx());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal).toMatchObject({ kind: 'stage', rule: 'STEP_NOT_ALLOWED', stage: 'focus' });
    expect(result.refusal.allowed.map((a) => a.transition)).toEqual(['acknowledgePlan', 'checkIn', 'concludeFocus', 'enterPivot']);
    expect(result.refusal.detail).toContain('The case is at focus');
  });

  it('refuses an appeal without a failed PIP, and a second outcome', () => {
    const inPip = ok(applyTransition(ok(applyTransition(ok(applyTransition(opened(), FOCUS, ctx())), PIVOT, ctx())), { type: 'choosePivotOption', option: 'pip' }, ctx()));
    const appeal = applyTransition(inPip, { type: 'chooseAfterFailure', option: 'appeal', statement: 'No.' }, ctx());
    expect(!appeal.ok && appeal.refusal.rule).toBe('STEP_NOT_ALLOWED');
    const failed = toFailedPip();
    const second = applyTransition(failed, { type: 'recordPipOutcome', outcome: 'pass', note: 'On reflection' }, ctx({ now: at(97) }));
    expect(!second.ok && second.refusal).toMatchObject({ rule: 'STEP_NOT_ALLOWED', stage: 'pip_failed' });
  });

  it('refuses a decision after its deadline until HR extends it', () => {
    const pivot = ok(applyTransition(ok(applyTransition(opened(), FOCUS, ctx())), PIVOT, ctx({ now: at(30) })));
    expect(pivot.dueAt).toBe(at(60).toISOString());
    const late = applyTransition(pivot, { type: 'choosePivotOption', option: 'pip' }, ctx({ actor: EMPLOYEE, now: at(61) }));
    expect(!late.ok && late.refusal.rule).toBe('DEADLINE_PASSED');
    const onTime = applyTransition(pivot, { type: 'choosePivotOption', option: 'pip' }, ctx({ actor: EMPLOYEE, now: at(60) }));
    expect(onTime.ok).toBe(true);
    const extended = ok(applyTransition({ ...pivot, escalatedAt: at(61).toISOString() }, { type: 'extendDeadline', days: 7, reason: 'Employee on sick leave' }, ctx({ now: at(61) })));
    expect([extended.dueAt, extended.escalatedAt]).toEqual([at(68).toISOString(), null]);
    expect(applyTransition(extended, { type: 'choosePivotOption', option: 'pip' }, ctx({ actor: EMPLOYEE, now: at(62) })).ok).toBe(true);
    const byManager = applyTransition(pivot, { type: 'extendDeadline', days: 7, reason: 'x' }, ctx({ actor: MANAGER, now: at(61) }));
    expect(!byManager.ok && byManager.refusal.kind).toBe('forbidden');
  });

  it('refuses a PIP shorter than 30 or longer than 90 days', () => {
    const focus = ok(applyTransition(opened(), FOCUS, ctx()));
    for (const days of [29, 91]) {
      const result = applyTransition(focus, { ...PIVOT, pipLengthDays: days } as PipelineCommand, ctx());
      expect(!result.ok && result.refusal.rule, String(days)).toBe('PIP_LENGTH');
    }
    for (const days of [30, 90]) expect(applyTransition(focus, { ...PIVOT, pipLengthDays: days } as PipelineCommand, ctx()).ok).toBe(true);
  });

  it('refuses a jury member the caller marks as in the chain, and a jury of the wrong size', () => {
    const appeal = ok(applyTransition(toFailedPip(), { type: 'chooseAfterFailure', option: 'appeal', statement: 'Unfair.' }, ctx({ now: at(97) })));
    const chain = applyTransition(appeal, { type: 'empanelJury', jurorIds: [10, 31, 32] }, ctx({ jurorProblems: { ...ELIGIBLE, 10: { rule: 'JUROR_IN_CHAIN', message: '10 is in the employee’s management chain' } } }));
    expect(!chain.ok && chain.refusal).toMatchObject({ rule: 'JUROR_IN_CHAIN', errors: [{ path: 'body.jurorIds.0', message: '10 is in the employee’s management chain' }] });
    const size = applyTransition(appeal, { type: 'empanelJury', jurorIds: [31, 32] }, ctx());
    expect(!size.ok && size.refusal.rule).toBe('JURY_SIZE');
    const duplicate = applyTransition(appeal, { type: 'empanelJury', jurorIds: [31, 31, 32] }, ctx());
    expect(!duplicate.ok && duplicate.refusal.rule).toBe('JURY_SIZE');
  });

  it('lets a juror cast only their own vote, once', () => {
    let s = ok(applyTransition(toFailedPip(), { type: 'chooseAfterFailure', option: 'appeal', statement: 'Unfair.' }, ctx({ now: at(97) })));
    s = ok(applyTransition(s, { type: 'empanelJury', jurorIds: [31, 32, 33] }, ctx()));
    const juror31 = { capacities: ['juror'] as Capacity[], personId: 31, accountId: 9 };
    expect(applyTransition(s, { type: 'castJuryVote', jurorId: 32, vote: 'uphold' }, ctx({ actor: juror31 })).ok).toBe(false);
    s = ok(applyTransition(s, { type: 'castJuryVote', jurorId: 31, vote: 'uphold' }, ctx({ actor: juror31 })));
    const again = applyTransition(s, { type: 'castJuryVote', jurorId: 31, vote: 'overturn' }, ctx({ actor: juror31 }));
    expect(!again.ok && again.refusal.rule).toBe('ALREADY_VOTED');
  });

  it('hides identification and Focus from the employee under amazon, never under humane', () => {
    const focus = ok(applyTransition(opened(), FOCUS, ctx()));
    expect(visibleToEmployee('focus', focus, AMAZON_PIPELINE)).toBe(false);
    const ack = applyTransition(focus, { type: 'acknowledgePlan' }, ctx({ actor: EMPLOYEE }));
    expect(!ack.ok && ack.refusal.kind).toBe('forbidden');
    expect(visibleToEmployee('focus', focus, HUMANE_PIPELINE)).toBe(true);
    expect(visibleToEmployee('identified', opened(HUMANE_PIPELINE), HUMANE_PIPELINE)).toBe(true);
    const pivot = ok(applyTransition(focus, PIVOT, ctx()));
    expect(visibleToEmployee(pivot.stage, pivot, AMAZON_PIPELINE)).toBe(true);
    const keptAtFocus = ok(applyTransition(focus, { type: 'concludeFocus', note: 'Improved' }, ctx()));
    expect(visibleToEmployee(keptAtFocus.stage, keptAtFocus, AMAZON_PIPELINE)).toBe(false);
  });

  it('requires the humane support plan to be acknowledged before it is judged unsuccessful', () => {
    const policy = HUMANE_PIPELINE;
    const plan = ok(applyTransition(opened(policy), FOCUS, ctx({ policy })));
    const early = applyTransition(plan, { ...PIVOT, pipLengthDays: 90 } as PipelineCommand, ctx({ policy }));
    expect(!early.ok && early.refusal.rule).toBe('ACKNOWLEDGEMENT_REQUIRED');
    const acked = ok(applyTransition(plan, { type: 'acknowledgePlan' }, ctx({ policy, actor: EMPLOYEE })));
    expect(applyTransition(acked, { ...PIVOT, pipLengthDays: 90 } as PipelineCommand, ctx({ policy })).ok).toBe(true);
    const twice = applyTransition(acked, { type: 'acknowledgePlan' }, ctx({ policy, actor: EMPLOYEE }));
    expect(!twice.ok && twice.refusal.rule).toBe('ALREADY_ACKNOWLEDGED');
  });

  it('lets a PIP be failed early only where the policy allows', () => {
    const policy = HUMANE_PIPELINE;
    let s = ok(applyTransition(opened(policy), FOCUS, ctx({ policy })));
    s = ok(applyTransition(s, { type: 'acknowledgePlan' }, ctx({ policy, actor: EMPLOYEE })));
    s = ok(applyTransition(s, PIVOT, ctx({ policy })));
    s = ok(applyTransition(s, { type: 'choosePivotOption', option: 'pip' }, ctx({ policy, now: at(1) })));
    const early = applyTransition(s, { type: 'recordPipOutcome', outcome: 'fail', note: 'x' }, ctx({ policy, now: at(30) }));
    expect(!early.ok && early.refusal.rule).toBe('PIP_NOT_OVER');
    expect(applyTransition(s, { type: 'recordPipOutcome', outcome: 'pass', note: 'Met the goals' }, ctx({ policy, now: at(30) })).ok).toBe(true);
    expect(applyTransition(s, { type: 'recordPipOutcome', outcome: 'fail', note: 'x' }, ctx({ policy, now: at(61) })).ok).toBe(true);
  });

  it('requires a manual identification to carry a reason', () => {
    const result = openCase({ source: 'manual', reason: 'Not good', now: T0, policy: AMAZON_PIPELINE });
    expect(!result.ok && result.refusal.rule).toBe('REASON_REQUIRED');
    expect(openCase({ source: 'manual', reason: 'Missed three quarterly commitments in a row', now: T0, policy: AMAZON_PIPELINE }).ok).toBe(true);
  });

  it('allows nothing after an end state', () => {
    expect(allowedNext('kept')).toEqual([]);
    const closed = ok(applyTransition(opened(), { type: 'closeWithoutAction', reason: 'Rating was a data error' }, ctx()));
    const result = applyTransition(closed, FOCUS, ctx());
    expect(!result.ok && result.refusal.detail).toContain('none: the case has ended');
  });
});
