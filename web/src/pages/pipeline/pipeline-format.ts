import type { PipelineCase } from '../../api/pipeline.ts';

/** The plain-language name of each step, as buttons and the history say it. */
export const STEP_NAMES: Record<string, string> = {
  open: 'Identified',
  startFocus: 'Plan started',
  closeWithoutAction: 'Closed without action',
  acknowledgePlan: 'Plan acknowledged',
  checkIn: 'Check-in',
  concludeFocus: 'Judged successful',
  enterPivot: 'Entered Pivot',
  choosePivotOption: 'Pivot choice',
  extendDeadline: 'Deadline extended',
  recordPipOutcome: 'PIP outcome',
  chooseAfterFailure: 'Choice after the PIP',
  empanelJury: 'Jury empanelled',
  castJuryVote: 'Jury vote',
  escalate: 'Deadline missed: escalated',
};

/** The parts of a case's state the pages show; the server sends it as a loose document. */
export interface CaseStateView {
  reason?: string | null;
  focus?: { project: string; successCriteria: string; goals: string[]; startsAt: string; endsAt: string; acknowledgedAt: string | null; conclusion: { result: string; note: string } | null } | null;
  pivot?: { decisionDueAt: string; pipPlan: { goals: string[]; lengthDays: number }; choice: { option: string } | null } | null;
  pip?: { goals: string[]; lengthDays: number; startsAt: string; endsAt: string; outcome: { result: string; note: string } | null } | null;
  postFailure?: { decisionDueAt: string; choice: { option: string } | null } | null;
  appeal?: { statement: string; verdictDueAt: string; empanelledAt: string | null; jurors: { personId: number; vote: string | null }[]; verdict: { result: string; overturn: number; uphold: number } | null } | null;
  checkIns?: { at: string; stage: string; note: string }[];
  severance?: string | null;
}

export function stateOf(c: PipelineCase): CaseStateView {
  return c.state as CaseStateView;
}

export function daysLeft(dueAt: string | null, now = Date.now()): number | null {
  return dueAt === null ? null : Math.ceil((Date.parse(dueAt) - now) / 86_400_000);
}

/** Lines of a textarea as a list, blank lines dropped. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
