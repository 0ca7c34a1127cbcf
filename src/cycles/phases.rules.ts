import { PHASES, type Phase, type Policy } from '../policy/policy.schema.ts';

export type CyclePhase = 'draft' | Phase | 'closed';

/** What people do in a cycle, and the phases in which each is open. */
export const ACTION_PHASES = {
  writeSelfReview: ['self_review'],
  requestPeers: ['self_review', 'peer_feedback'],
  respondToRequest: ['self_review', 'peer_feedback'],
  writePeerFeedback: ['self_review', 'peer_feedback'],
  writeManagerReview: ['peer_feedback', 'manager_review'],
  proposeRating: ['peer_feedback', 'manager_review', 'calibration'],
} as const satisfies Record<string, readonly Phase[]>;
export type CycleAction = keyof typeof ACTION_PHASES;

export type Deadlines = Record<Phase, string>;

/** A cycle created after its season's first deadline still gets this long for that first phase. */
export const LATE_START_FIRST_PHASE_DAYS = 7;

/**
 * Default deadlines for a cycle created on `start`: each phase's MM-DD from the policy, at the end
 * of that day (UTC), in order. A cycle created after the season's first deadline joins the season
 * under way (HR creating "Forte 2026" on 23 November means this season, not one a year out) with a
 * first phase of LATE_START_FIRST_PHASE_DAYS, as long as that leaves as long again before the
 * second deadline; later than that, the cycle runs in the next season.
 */
export function defaultDeadlines(start: Date, schedule: Policy['forte']['schedule']): Deadlines {
  const running = seasonFrom(latestFirstDeadlineUpTo(start, schedule) - 1, schedule);
  const firstPhaseEnd = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + LATE_START_FIRST_PHASE_DAYS, 23, 59, 59, 999);
  const secondDeadline = Date.parse(running[PHASES[1]]);
  if (firstPhaseEnd + LATE_START_FIRST_PHASE_DAYS * DAY_MS <= secondDeadline) {
    return { ...running, [PHASES[0]]: new Date(firstPhaseEnd).toISOString() };
  }
  return seasonFrom(start.getTime(), schedule);
}

const DAY_MS = 86_400_000;

// Each deadline in the first year that keeps it after the previous one (the first after `after`).
function seasonFrom(after: number, schedule: Policy['forte']['schedule']): Deadlines {
  let previous = after;
  let year = new Date(after).getUTCFullYear();
  const deadlines = {} as Deadlines;
  for (const phase of PHASES) {
    const [month, day] = monthDay(schedule[phase]);
    let at = endOfDay(year, month, day);
    if (at <= previous) at = endOfDay(++year, month, day);
    deadlines[phase] = new Date(at).toISOString();
    previous = at;
  }
  return deadlines;
}

// The last occurrence of the schedule's first deadline at or before `start`.
function latestFirstDeadlineUpTo(start: Date, schedule: Policy['forte']['schedule']): number {
  const [month, day] = monthDay(schedule[PHASES[0]]);
  const thisYear = endOfDay(start.getUTCFullYear(), month, day);
  return thisYear <= start.getTime() ? thisYear : endOfDay(start.getUTCFullYear() - 1, month, day);
}

function monthDay(mmdd: string): [number, number] {
  return mmdd.split('-').map(Number) as [number, number];
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

/**
 * Problems with new deadlines for a launched cycle: a deadline already passed is history (the
 * phase it closed has ended for everyone) and stays as it is; a deadline still ahead may move,
 * but not into the past. Together with deadlineProblems, this lets HR extend the phase under way.
 */
export function deadlineChangeProblems(before: Deadlines, after: Deadlines, now: Date): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const phase of PHASES) {
    const was = Date.parse(before[phase]);
    const will = Date.parse(after[phase]);
    if (was === will) continue;
    if (was <= now.getTime()) problems.push({ path: `deadlines.${phase}`, message: `has passed (${before[phase]}) and can no longer change` });
    else if (will <= now.getTime()) problems.push({ path: `deadlines.${phase}`, message: 'cannot move into the past; end the phase now with "advance" instead' });
  }
  return problems;
}

export function label(phase: Phase | CyclePhase): string {
  return phase.replace('_', ' ');
}
