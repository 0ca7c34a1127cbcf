import type { Stage } from './stages.ts';

const DAY_MS = 86_400_000;

/** What a missed deadline at each stage means; stages without a deadline are absent. */
export const DEADLINE_KINDS: Partial<Record<Stage, string>> = {
  focus: 'focus-review-overdue',
  pivot: 'pivot-decision-overdue',
  pip: 'pip-outcome-overdue',
  pip_failed: 'post-failure-decision-overdue',
  appeal: 'jury-verdict-overdue',
};

export interface DeadlineCase {
  id: number;
  stage: Stage;
  dueAt: string | null;
  escalatedAt: string | null;
}

export interface Escalation {
  caseId: number;
  stage: Stage;
  kind: string;
  dueAt: string;
  overdueDays: number;
}

/**
 * The cases whose current deadline has passed and that have not been escalated since they
 * entered the stage (or since the deadline was extended). Escalation is all the job does: a
 * missed decision is never taken on anyone's behalf, a person has to act.
 */
export function dueEscalations(cases: readonly DeadlineCase[], now: Date): Escalation[] {
  const escalations: Escalation[] = [];
  for (const c of cases) {
    const kind = DEADLINE_KINDS[c.stage];
    if (!kind || c.dueAt === null || c.escalatedAt !== null) continue;
    const due = Date.parse(c.dueAt);
    if (now.getTime() <= due) continue;
    escalations.push({ caseId: c.id, stage: c.stage, kind, dueAt: c.dueAt, overdueDays: Math.floor((now.getTime() - due) / DAY_MS) });
  }
  return escalations;
}

/** Whether a deadline has passed. */
export function isOverdue(dueAt: string | null, now: Date): boolean {
  return dueAt !== null && now.getTime() > Date.parse(dueAt);
}
