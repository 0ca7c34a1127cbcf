/**
 * The stages of the attrition pipeline (DOMAIN.md section 5) and the transitions between them,
 * with who may take each. Shared by the rules, the services, the API schemas and the web app.
 */
export const STAGES = ['identified', 'focus', 'pivot', 'pip', 'pip_failed', 'appeal', 'kept', 'left_tier1', 'left_tier2', 'terminated'] as const;
export type Stage = (typeof STAGES)[number];

/** Where a case ends; nothing moves it again. */
export const END_STAGES = ['kept', 'left_tier1', 'left_tier2', 'terminated'] as const satisfies readonly Stage[];
export type EndStage = (typeof END_STAGES)[number];
export const OPEN_STAGES = STAGES.filter((s): s is Exclude<Stage, EndStage> => !(END_STAGES as readonly Stage[]).includes(s));

export function isEndStage(stage: Stage): stage is EndStage {
  return (END_STAGES as readonly Stage[]).includes(stage);
}

/**
 * In what capacity someone acts on a case: the employee's management chain, an HR partner in
 * scope, the employee themself, or a juror of the case's appeal.
 */
export const CAPACITIES = ['chain', 'hr', 'employee', 'juror'] as const;
export type Capacity = (typeof CAPACITIES)[number];

export const TRANSITION_TYPES = [
  'startFocus',
  'closeWithoutAction',
  'acknowledgePlan',
  'checkIn',
  'concludeFocus',
  'enterPivot',
  'choosePivotOption',
  'extendDeadline',
  'recordPipOutcome',
  'chooseAfterFailure',
  'empanelJury',
  'castJuryVote',
] as const;
export type TransitionType = (typeof TRANSITION_TYPES)[number];

/** Each transition: the stages it starts from, the stages it can lead to, and who may take it. */
export const TRANSITIONS: Record<TransitionType, { from: readonly Stage[]; to: readonly Stage[]; by: readonly Capacity[]; summary: string }> = {
  startFocus: { from: ['identified'], to: ['focus'], by: ['chain', 'hr'], summary: 'start Focus (or the support plan) with its project, goals and success criteria' },
  closeWithoutAction: { from: ['identified'], to: ['kept'], by: ['hr'], summary: 'close the case without action, with a reason' },
  acknowledgePlan: { from: ['focus'], to: ['focus'], by: ['employee'], summary: 'acknowledge the plan (the employee)' },
  checkIn: { from: ['focus', 'pip'], to: ['focus', 'pip'], by: ['chain', 'hr'], summary: 'record a coaching check-in' },
  concludeFocus: { from: ['focus'], to: ['kept'], by: ['chain', 'hr'], summary: 'judge Focus successful: the case closes and the employee stays' },
  enterPivot: { from: ['focus'], to: ['pivot'], by: ['chain', 'hr'], summary: 'judge Focus unsuccessful and enter Pivot, presenting the PIP it would be' },
  choosePivotOption: { from: ['pivot'], to: ['left_tier1', 'pip'], by: ['employee', 'hr'], summary: 'record the Pivot choice before its deadline: Tier 1 severance or the PIP' },
  extendDeadline: { from: ['pivot', 'pip_failed'], to: ['pivot', 'pip_failed'], by: ['hr'], summary: 'extend the decision deadline, with a reason' },
  recordPipOutcome: { from: ['pip'], to: ['kept', 'pip_failed'], by: ['chain', 'hr'], summary: 'record the PIP outcome: pass or fail' },
  chooseAfterFailure: { from: ['pip_failed'], to: ['left_tier2', 'appeal'], by: ['employee', 'hr'], summary: 'record the choice after a failed PIP before its deadline: Tier 2 severance or an appeal' },
  empanelJury: { from: ['appeal'], to: ['appeal'], by: ['hr'], summary: 'empanel the jury: peers from outside the employee’s chain' },
  castJuryVote: { from: ['appeal'], to: ['appeal', 'kept', 'terminated'], by: ['juror', 'hr'], summary: 'a juror’s vote (HR may record it); the last vote decides the appeal' },
};

/** The transitions that start from a stage. */
export function transitionsFrom(stage: Stage): TransitionType[] {
  return TRANSITION_TYPES.filter((t) => TRANSITIONS[t].from.includes(stage));
}

/** Every stage-to-stage move the process allows; actions within a stage (check-ins, votes) stay put. */
export const EDGES: ReadonlySet<string> = new Set([
  'identified>focus',
  'identified>kept',
  'focus>kept',
  'focus>pivot',
  'pivot>left_tier1',
  'pivot>pip',
  'pip>kept',
  'pip>pip_failed',
  'pip_failed>left_tier2',
  'pip_failed>appeal',
  'appeal>kept',
  'appeal>terminated',
]);

export type SeveranceTier = 'tier1' | 'tier2' | 'minimal';

/** The severance each end stage carries: it falls at each stage. */
export const SEVERANCE_OF: Record<EndStage, SeveranceTier | null> = { kept: null, left_tier1: 'tier1', left_tier2: 'tier2', terminated: 'minimal' };

/** What each stage is called on screens; Focus takes the policy's own name for it. */
export function stageLabel(stage: Stage, focusLabel: string): string {
  const labels: Record<Stage, string> = {
    identified: 'Identified',
    focus: focusLabel,
    pivot: 'Pivot',
    pip: 'PIP',
    pip_failed: 'PIP failed',
    appeal: 'Appeal',
    kept: 'Kept',
    left_tier1: 'Left with Tier 1 severance',
    left_tier2: 'Left with Tier 2 severance',
    terminated: 'Terminated with minimal severance',
  };
  return labels[stage];
}
