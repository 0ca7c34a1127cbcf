import { PHASES, type Phase, type Policy } from '../policy/policy.schema.ts';

export type CyclePhase = 'draft' | Phase | 'closed';

/** What people do in a cycle, and the phases in which each is open. */
export const ACTION_PHASES = {
  writeSelfReview: ['self_review'],
  requestPeers: ['self_review', 'peer_feedback'],
  respondToRequest: ['self_review', 'peer_feedback'],
  writePeerFeedback: ['self_review', 'peer_feedback'],
  writeManagerReview: ['peer_feedback', 'manager_review'],
} as const satisfies Record<string, readonly Phase[]>;
export type CycleAction = keyof typeof ACTION_PHASES;

export type Deadlines = Record<Phase, string>;

/**
 * Default deadlines for a cycle launched on `start`: each phase's MM-DD from the policy, at the
 * end of that day (UTC), in the first year that keeps them after `start` and in order.
 */
export function defaultDeadlines(start: Date, schedule: Policy['forte']['schedule']): Deadlines {
  let previous = start.getTime();
  let year = start.getUTCFullYear();
  const deadlines = {} as Deadlines;
  for (const phase of PHASES) {
    const [month, day] = schedule[phase].split('-').map(Number) as [number, number];
    let at = endOfDay(year, month, day);
    if (at <= previous) at = endOfDay(++year, month, day);
    deadlines[phase] = new Date(at).toISOString();
    previous = at;
  }
  return deadlines;
}

// The last millisecond of the day, UTC; 29 February becomes the 28th in other years.
function endOfDay(year: number, month: number, day: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Date.UTC(year, month - 1, Math.min(day, lastDay), 23, 59, 59, 999);
}

/** Problems with a set of deadlines: each must be a date and later than the one before. */
export function deadlineProblems(deadlines: Deadlines): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  let previous = -Infinity;
  for (const phase of PHASES) {
    const at = Date.parse(deadlines[phase]);
    if (Number.isNaN(at)) problems.push({ path: `deadlines.${phase}`, message: 'is not a date-time' });
    else if (at <= previous) problems.push({ path: `deadlines.${phase}`, message: 'must be after the previous phase’s deadline' });
    else previous = at;
  }
  return problems;
}

/** The phase a cycle is in at `now`: a phase runs from the previous deadline to its own. */
export function currentPhase(cycle: { status: 'draft' | 'launched' | 'closed'; deadlines: Deadlines }, now: Date): CyclePhase {
  if (cycle.status === 'draft') return 'draft';
  if (cycle.status === 'closed') return 'closed';
  for (const phase of PHASES) if (now.getTime() <= Date.parse(cycle.deadlines[phase])) return phase;
  return 'closed';
}

/** Whether an action is open now; when not, a sentence that says why. */
export function actionWindow(
  action: CycleAction,
  cycle: { status: 'draft' | 'launched' | 'closed'; deadlines: Deadlines },
  now: Date,
): { open: true } | { open: false; reason: string } {
  const phase = currentPhase(cycle, now);
  const allowed: readonly Phase[] = ACTION_PHASES[action];
  if ((allowed as readonly string[]).includes(phase)) return { open: true };
  const last = allowed[allowed.length - 1]!;
  if (phase === 'draft') return { open: false, reason: 'The cycle has not been launched yet.' };
  const beforeFirst = phase !== 'closed' && PHASES.indexOf(phase) < PHASES.indexOf(allowed[0]!);
  if (beforeFirst) return { open: false, reason: `This opens in the ${label(allowed[0]!)} phase.` };
  return { open: false, reason: `This closed with the ${label(last)} phase on ${cycle.deadlines[last]}.` };
}

/** After a phase's deadline passes early by HR's decision, the cycle moves on: the current deadline becomes now. */
export function advanceDeadlines(deadlines: Deadlines, now: Date): Deadlines {
  const next = { ...deadlines };
  for (const phase of PHASES) {
    if (Date.parse(next[phase]) >= now.getTime()) {
      next[phase] = new Date(now.getTime() - 1).toISOString();
      break;
    }
  }
  return next;
}

export function label(phase: Phase | CyclePhase): string {
  return phase.replace('_', ' ');
}
