import type { PipelinePolicy } from '../policy/pipeline.schema.ts';
import { countWords } from '../shared/words.ts';
import type { PipelineCommand } from '../shared/schemas/pipeline.ts';
import { isEndStage, SEVERANCE_OF, TRANSITIONS, transitionsFrom, type Capacity, type SeveranceTier, type Stage, type TransitionType } from './stages.ts';

const DAY_MS = 86_400_000;
const plusDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS).toISOString();

export interface CheckIn {
  at: string;
  stage: 'focus' | 'pip';
  note: string;
  byAccountId: number | null;
}

export interface Juror {
  personId: number;
  vote: 'uphold' | 'overturn' | null;
  votedAt: string | null;
  recordedByAccountId: number | null;
}

interface Extension {
  at: string;
  days: number;
  reason: string;
}

/**
 * Everything the process knows about one case. Times are ISO strings (the state is stored as a
 * JSON document); `dueAt` is the current stage's deadline, `path` the stages visited in order.
 */
export interface CaseState {
  stage: Stage;
  stageEnteredAt: string;
  dueAt: string | null;
  escalatedAt: string | null;
  source: 'rating' | 'manual';
  reason: string;
  focus: null | {
    project: string;
    successCriteria: string;
    goals: string[];
    startsAt: string;
    endsAt: string;
    checkInEveryDays: number | null;
    acknowledgedAt: string | null;
    conclusion: null | { result: 'successful' | 'unsuccessful'; at: string; note: string };
  };
  pivot: null | { enteredAt: string; decisionDueAt: string; pipPlan: { goals: string[]; lengthDays: number }; choice: null | { option: 'tier1' | 'pip'; at: string }; extensions: Extension[] };
  pip: null | { goals: string[]; lengthDays: number; startsAt: string; endsAt: string; checkInEveryDays: number | null; outcome: null | { result: 'pass' | 'fail'; at: string; note: string } };
  postFailure: null | { enteredAt: string; decisionDueAt: string; choice: null | { option: 'tier2' | 'appeal'; at: string }; extensions: Extension[] };
  appeal: null | {
    statement: string;
    filedAt: string;
    verdictDueAt: string;
    empanelledAt: string | null;
    jurors: Juror[];
    verdict: null | { result: 'won' | 'lost'; at: string; overturn: number; uphold: number };
  };
  checkIns: CheckIn[];
  closure: null | { at: string; reason: string };
  severance: SeveranceTier | null;
  closedAt: string | null;
  path: Stage[];
}

export interface Actor {
  capacities: readonly Capacity[];
  personId: number | null;
  accountId: number | null;
}

export interface TransitionContext {
  policy: PipelinePolicy;
  now: Date;
  actor: Actor;
  /** For empanelJury: for each proposed juror, why they may not sit, or null when they may. */
  jurorProblems?: Record<number, { rule: string; message: string } | null>;
}

export interface NextStep {
  transition: TransitionType;
  by: readonly Capacity[];
  summary: string;
}

/** Why a step was refused: at the wrong stage, by the wrong person, or against a rule. */
export interface Refusal {
  kind: 'stage' | 'forbidden' | 'rule';
  rule: string;
  detail: string;
  stage: Stage;
  allowed: NextStep[];
  errors?: { path: string; message: string }[];
}

export interface TransitionEvent {
  type: TransitionType;
  from: Stage;
  to: Stage;
  at: string;
  capacity: Capacity;
  details: Record<string, unknown>;
}

export type TransitionResult = { ok: true; state: CaseState; event: TransitionEvent } | { ok: false; refusal: Refusal };

/** The steps the process allows next from a stage, and who may take each. */
export function allowedNext(stage: Stage): NextStep[] {
  return transitionsFrom(stage).map((transition) => ({ transition, by: TRANSITIONS[transition].by, summary: TRANSITIONS[transition].summary }));
}

/** Whether the employee may see their case at this stage: identification and Focus only when the policy shows them. */
export function visibleToEmployee(stage: Stage, state: Pick<CaseState, 'path'>, policy: PipelinePolicy): boolean {
  if (policy.focus.visibleToEmployee) return true;
  // A case that ended before Pivot was never shown; one that reached Pivot stays visible.
  return stage !== 'identified' && stage !== 'focus' && state.path.includes('pivot');
}

/** A new case at identification, from a rating or by hand with a reason of the policy's minimum length. */
export function openCase(input: { source: 'rating' | 'manual'; reason: string; now: Date; policy: PipelinePolicy }): { ok: true; state: CaseState } | { ok: false; refusal: Refusal } {
  const reason = input.reason.trim();
  const min = input.policy.identification.manualReasonMinWords;
  if (input.source === 'manual' && countWords(reason) < min) {
    return { ok: false, refusal: { kind: 'rule', rule: 'REASON_REQUIRED', detail: `A manual identification needs a reason of at least ${min} words.`, stage: 'identified', allowed: [], errors: [{ path: 'body.reason', message: `at least ${min} words` }] } };
  }
  const at = input.now.toISOString();
  return {
    ok: true,
    state: { stage: 'identified', stageEnteredAt: at, dueAt: null, escalatedAt: null, source: input.source, reason, focus: null, pivot: null, pip: null, postFailure: null, appeal: null, checkIns: [], closure: null, severance: null, closedAt: null, path: ['identified'] },
  };
}

/**
 * Applies one step of the process to a case, or refuses it naming the current stage and the
 * allowed next steps. Pure: the caller supplies the clock, the policy and the actor's capacities.
 */
export function applyTransition(state: CaseState, command: PipelineCommand, context: TransitionContext): TransitionResult {
  const spec = TRANSITIONS[command.type];
  const allowed = allowedNext(state.stage);
  const refuse = (kind: Refusal['kind'], rule: string, detail: string, errors?: Refusal['errors']): TransitionResult => ({ ok: false, refusal: { kind, rule, detail, stage: state.stage, allowed, ...(errors ? { errors } : {}) } });

  if (!spec.from.includes(state.stage)) {
    const next = allowed.map((s) => s.transition).join(', ') || 'none: the case has ended';
    return refuse('stage', 'STEP_NOT_ALLOWED', `The case is at ${state.stage}; ${command.type} is not a step from there. Allowed next: ${next}.`);
  }
  const capacity = capacityFor(command, state, context);
  if (!capacity) return refuse('forbidden', 'NOT_YOUR_STEP', `${command.type} at ${state.stage} is taken by ${spec.by.join(' or ')}.`);

  const { policy, now } = context;
  const at = now.toISOString();
  const next: CaseState = structuredClone(state);
  const moveTo = (stage: Stage, dueAt: string | null) => {
    next.stage = stage;
    next.stageEnteredAt = at;
    next.dueAt = dueAt;
    next.escalatedAt = null;
    next.path.push(stage);
    if (isEndStage(stage)) {
      next.severance = SEVERANCE_OF[stage];
      next.closedAt = at;
      next.dueAt = null;
    }
  };
  const blank = (text: string | undefined) => !text || text.trim() === '';
  const goalsOf = (goals: string[]) => goals.map((g) => g.trim()).filter(Boolean);
  let details: Record<string, unknown> = {};

  switch (command.type) {
    case 'startFocus': {
      const length = command.lengthDays ?? policy.focus.defaultLengthDays;
      const goals = goalsOf(command.goals);
      if (length < policy.focus.minLengthDays || length > policy.focus.maxLengthDays) {
        return refuse('rule', 'FOCUS_LENGTH', `${policy.focus.label} lasts ${policy.focus.minLengthDays} to ${policy.focus.maxLengthDays} days under this policy, not ${length}.`, [{ path: 'body.lengthDays', message: `between ${policy.focus.minLengthDays} and ${policy.focus.maxLengthDays}` }]);
      }
      if (goals.length < policy.focus.minimumGoals) return refuse('rule', 'GOALS_REQUIRED', `${policy.focus.label} needs at least ${policy.focus.minimumGoals} written goal(s).`, [{ path: 'body.goals', message: `at least ${policy.focus.minimumGoals}` }]);
      if (blank(command.project)) return refuse('rule', 'PROJECT_REQUIRED', `${policy.focus.label} needs a defined project.`, [{ path: 'body.project', message: 'is required' }]);
      if (policy.focus.requireSuccessCriteria && blank(command.successCriteria)) {
        return refuse('rule', 'SUCCESS_CRITERIA_REQUIRED', `${policy.focus.label} must state how success will be judged.`, [{ path: 'body.successCriteria', message: 'is required' }]);
      }
      const endsAt = plusDays(now, length);
      next.focus = { project: command.project.trim(), successCriteria: command.successCriteria.trim(), goals, startsAt: at, endsAt, checkInEveryDays: policy.focus.checkInEveryDays, acknowledgedAt: null, conclusion: null };
      moveTo('focus', endsAt);
      details = { lengthDays: length, endsAt, goals: goals.length };
      break;
    }
    case 'closeWithoutAction': {
      if (blank(command.reason)) return refuse('rule', 'REASON_REQUIRED', 'Closing a case without action needs a reason.', [{ path: 'body.reason', message: 'is required' }]);
      next.closure = { at, reason: command.reason.trim() };
      moveTo('kept', null);
      break;
    }
    case 'acknowledgePlan': {
      if (state.focus!.acknowledgedAt) return refuse('rule', 'ALREADY_ACKNOWLEDGED', `The plan was acknowledged on ${state.focus!.acknowledgedAt.slice(0, 10)}.`);
      next.focus!.acknowledgedAt = at;
      break;
    }
    case 'checkIn': {
      if (blank(command.note)) return refuse('rule', 'NOTE_REQUIRED', 'A check-in needs a note of what was discussed.', [{ path: 'body.note', message: 'is required' }]);
      next.checkIns.push({ at, stage: state.stage as 'focus' | 'pip', note: command.note.trim(), byAccountId: context.actor.accountId });
      break;
    }
    case 'concludeFocus': {
      if (blank(command.note)) return refuse('rule', 'NOTE_REQUIRED', `Concluding ${policy.focus.label} needs a note on how it went.`, [{ path: 'body.note', message: 'is required' }]);
      next.focus!.conclusion = { result: 'successful', at, note: command.note.trim() };
      moveTo('kept', null);
      break;
    }
    case 'enterPivot': {
      if (policy.focus.requireAcknowledgement && !state.focus!.acknowledgedAt) {
        return refuse('rule', 'ACKNOWLEDGEMENT_REQUIRED', `The employee has not acknowledged the ${policy.focus.label.toLowerCase()}; it cannot be judged unsuccessful before they have.`);
      }
      if (blank(command.note)) return refuse('rule', 'NOTE_REQUIRED', `Judging ${policy.focus.label} unsuccessful needs a note on why.`, [{ path: 'body.note', message: 'is required' }]);
      const length = command.pipLengthDays ?? policy.pip.defaultDays;
      if (length < policy.pip.minDays || length > policy.pip.maxDays) {
        return refuse('rule', 'PIP_LENGTH', `A PIP lasts ${policy.pip.minDays} to ${policy.pip.maxDays} days under this policy, not ${length}.`, [{ path: 'body.pipLengthDays', message: `between ${policy.pip.minDays} and ${policy.pip.maxDays}` }]);
      }
      const goals = goalsOf(command.pipGoals);
      if (goals.length < policy.pip.minimumGoals) return refuse('rule', 'GOALS_REQUIRED', `The PIP needs at least ${policy.pip.minimumGoals} written goal(s).`, [{ path: 'body.pipGoals', message: `at least ${policy.pip.minimumGoals}` }]);
      const decisionDueAt = plusDays(now, policy.pivot.decisionWindowDays);
      next.focus!.conclusion = { result: 'unsuccessful', at, note: command.note.trim() };
      next.pivot = { enteredAt: at, decisionDueAt, pipPlan: { goals, lengthDays: length }, choice: null, extensions: [] };
      moveTo('pivot', decisionDueAt);
      details = { decisionDueAt, pipLengthDays: length };
      break;
    }
    case 'choosePivotOption': {
      const pivot = state.pivot!;
      if (now.getTime() > Date.parse(pivot.decisionDueAt)) {
        return refuse('rule', 'DEADLINE_PASSED', `The Pivot decision was due by ${pivot.decisionDueAt}; it can no longer be recorded. HR may extend the deadline.`);
      }
      next.pivot!.choice = { option: command.option, at };
      if (command.option === 'tier1') {
        moveTo('left_tier1', null);
      } else {
        const endsAt = plusDays(now, pivot.pipPlan.lengthDays);
        next.pip = { goals: pivot.pipPlan.goals, lengthDays: pivot.pipPlan.lengthDays, startsAt: at, endsAt, checkInEveryDays: policy.pip.checkInEveryDays, outcome: null };
        moveTo('pip', endsAt);
      }
      details = { option: command.option };
      break;
    }
    case 'extendDeadline': {
      const section = state.stage === 'pivot' ? next.pivot! : next.postFailure!;
      const window = state.stage === 'pivot' ? policy.pivot.decisionWindowDays : policy.postFailure.decisionWindowDays;
      if (command.days < 1 || command.days > window) return refuse('rule', 'EXTENSION_TOO_LONG', `An extension runs 1 to ${window} days from today under this policy.`, [{ path: 'body.days', message: `between 1 and ${window}` }]);
      if (blank(command.reason)) return refuse('rule', 'REASON_REQUIRED', 'An extension needs a reason.', [{ path: 'body.reason', message: 'is required' }]);
      const dueAt = plusDays(now, command.days);
      if (Date.parse(dueAt) <= Date.parse(section.decisionDueAt)) return refuse('rule', 'EXTENSION_SHORTENS', `The decision is already due by ${section.decisionDueAt}; an extension must move it later.`);
      section.decisionDueAt = dueAt;
      section.extensions.push({ at, days: command.days, reason: command.reason.trim() });
      next.dueAt = dueAt;
      next.escalatedAt = null;
      details = { decisionDueAt: dueAt, reason: command.reason.trim() };
      break;
    }
    case 'recordPipOutcome': {
      const pip = state.pip!;
      if (blank(command.note)) return refuse('rule', 'NOTE_REQUIRED', 'A PIP outcome needs a note against its goals.', [{ path: 'body.note', message: 'is required' }]);
      if (command.outcome === 'fail' && !policy.pip.failBeforeEnd && now.getTime() < Date.parse(pip.endsAt)) {
        return refuse('rule', 'PIP_NOT_OVER', `The PIP runs until ${pip.endsAt}; under this policy it cannot be judged failed before then.`);
      }
      next.pip!.outcome = { result: command.outcome, at, note: command.note.trim() };
      if (command.outcome === 'pass') {
        moveTo('kept', null);
      } else {
        const decisionDueAt = plusDays(now, policy.postFailure.decisionWindowDays);
        next.postFailure = { enteredAt: at, decisionDueAt, choice: null, extensions: [] };
        moveTo('pip_failed', decisionDueAt);
      }
      details = { outcome: command.outcome };
      break;
    }
    case 'chooseAfterFailure': {
      const post = state.postFailure!;
      if (now.getTime() > Date.parse(post.decisionDueAt)) {
        return refuse('rule', 'DEADLINE_PASSED', `The decision after the failed PIP was due by ${post.decisionDueAt}; it can no longer be recorded. HR may extend the deadline.`);
      }
      if (command.option === 'appeal' && blank(command.statement)) return refuse('rule', 'STATEMENT_REQUIRED', 'An appeal needs the employee’s statement of why the PIP outcome is wrong.', [{ path: 'body.statement', message: 'is required' }]);
      next.postFailure!.choice = { option: command.option, at };
      if (command.option === 'tier2') {
        moveTo('left_tier2', null);
      } else {
        const verdictDueAt = plusDays(now, policy.appeal.verdictWindowDays);
        next.appeal = { statement: command.statement!.trim(), filedAt: at, verdictDueAt, empanelledAt: null, jurors: [], verdict: null };
        moveTo('appeal', verdictDueAt);
      }
      details = { option: command.option };
      break;
    }
    case 'empanelJury': {
      const appeal = next.appeal!;
      if (appeal.empanelledAt) return refuse('rule', 'JURY_ALREADY_EMPANELLED', `The jury was empanelled on ${appeal.empanelledAt.slice(0, 10)}.`);
      const ids = [...new Set(command.jurorIds)];
      if (ids.length !== policy.appeal.jurySize || ids.length !== command.jurorIds.length) {
        return refuse('rule', 'JURY_SIZE', `The jury has exactly ${policy.appeal.jurySize} different people under this policy.`, [{ path: 'body.jurorIds', message: `exactly ${policy.appeal.jurySize} different people` }]);
      }
      const problems = ids.map((id, i) => ({ id, i, problem: context.jurorProblems?.[id] ?? (context.jurorProblems && id in context.jurorProblems ? null : { rule: 'JUROR_UNKNOWN', message: `${id} is not a person who can sit` }) })).filter((p) => p.problem);
      if (problems.length) {
        return refuse('rule', problems[0]!.problem!.rule, `Not every juror may sit: ${problems.map((p) => p.problem!.message).join('; ')}.`, problems.map((p) => ({ path: `body.jurorIds.${p.i}`, message: p.problem!.message })));
      }
      appeal.empanelledAt = at;
      appeal.jurors = ids.map((personId) => ({ personId, vote: null, votedAt: null, recordedByAccountId: null }));
      details = { jurorIds: ids };
      break;
    }
    case 'castJuryVote': {
      const appeal = next.appeal!;
      if (!appeal.empanelledAt) return refuse('rule', 'NO_JURY', 'No jury has been empanelled for this appeal yet.');
      const juror = appeal.jurors.find((j) => j.personId === command.jurorId);
      if (!juror) return refuse('rule', 'NOT_A_JUROR', `Person ${command.jurorId} is not on this jury.`, [{ path: 'body.jurorId', message: 'is not on the jury' }]);
      if (juror.vote) return refuse('rule', 'ALREADY_VOTED', `This juror voted on ${juror.votedAt!.slice(0, 10)}; a vote is final.`);
      juror.vote = command.vote;
      juror.votedAt = at;
      juror.recordedByAccountId = context.actor.accountId;
      details = { jurorId: command.jurorId, vote: command.vote };
      if (appeal.jurors.every((j) => j.vote)) {
        const overturn = appeal.jurors.filter((j) => j.vote === 'overturn').length;
        const uphold = appeal.jurors.length - overturn;
        const result = overturn > uphold ? 'won' : 'lost';
        appeal.verdict = { result, at, overturn, uphold };
        moveTo(result === 'won' ? 'kept' : 'terminated', null);
        details = { ...details, verdict: result, overturn, uphold };
      }
      break;
    }
  }
  return { ok: true, state: next, event: { type: command.type, from: state.stage, to: next.stage, at, capacity, details } };
}

// The capacity in which the actor takes this step, or null when they may not. The employee acts
// only where the policy lets them see the case; a juror casts only their own vote.
function capacityFor(command: PipelineCommand, state: CaseState, context: TransitionContext): Capacity | null {
  const { actor, policy } = context;
  for (const capacity of TRANSITIONS[command.type].by) {
    if (!actor.capacities.includes(capacity)) continue;
    if (capacity === 'employee' && !visibleToEmployee(state.stage, state, policy)) continue;
    if (capacity === 'juror' && (command.type !== 'castJuryVote' || command.jurorId !== actor.personId)) continue;
    return capacity;
  }
  return null;
}
