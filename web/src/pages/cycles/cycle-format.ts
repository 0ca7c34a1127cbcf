import type { CyclePhase } from '../../api/cycles.ts';

/** The five phases in order; `draft` comes before them and `closed` after. */
export const PHASES = ['self_review', 'peer_feedback', 'manager_review', 'calibration', 'delivery'] as const;
export type Phase = (typeof PHASES)[number];

const PHASE_LABELS: Record<CyclePhase, string> = {
  draft: 'Draft',
  self_review: 'Self review',
  peer_feedback: 'Peer feedback',
  manager_review: 'Manager review',
  calibration: 'Calibration',
  delivery: 'Delivery',
  closed: 'Closed',
};

export function phaseLabel(phase: CyclePhase | string): string {
  return PHASE_LABELS[phase as CyclePhase] ?? phase.replaceAll('_', ' ');
}

/** What ending each phase early closes, for the "End phase now" confirmation. */
export const PHASE_END_EFFECTS: Record<Phase, string> = {
  self_review: 'Self reviews can no longer be written or submitted; unsubmitted drafts stay drafts.',
  peer_feedback: 'Nobody can request, accept or write peer feedback any more; unsubmitted drafts are not shared.',
  manager_review: 'Managers can no longer write or submit their reviews.',
  calibration: 'Calibration ends and reviews are delivered: people can read their feedback as the policy allows.',
  delivery: 'Delivery ends and the cycle closes.',
};

/** The phase after `phase`, or closed. */
export function nextPhase(phase: CyclePhase): CyclePhase {
  if (phase === 'draft') return 'self_review';
  const i = PHASES.indexOf(phase as Phase);
  return i < 0 || i === PHASES.length - 1 ? 'closed' : PHASES[i + 1]!;
}

export type StepState = 'done' | 'current' | 'upcoming';

/** Each phase with its deadline and whether it is done, current or still to come. */
export function timelineSteps(phase: CyclePhase, deadlines: Record<string, string>): { phase: Phase; deadline: string | null; state: StepState }[] {
  const current = PHASES.indexOf(phase as Phase);
  return PHASES.map((p, i) => ({
    phase: p,
    deadline: deadlines[p] ?? null,
    state: phase === 'closed' || (current >= 0 && i < current) ? 'done' : i === current ? 'current' : 'upcoming',
  }));
}

/** The deadline of the phase a cycle is in, if it is in one. */
export function currentDeadline(phase: CyclePhase, deadlines: Record<string, string>): string | null {
  return (PHASES as readonly string[]).includes(phase) ? (deadlines[phase] ?? null) : null;
}

export type DraftStatus = 'not_started' | 'draft' | 'submitted' | 'not_delivered';

const DRAFT_LABELS: Record<DraftStatus, string> = { not_started: 'Not started', draft: 'Draft', submitted: 'Submitted', not_delivered: 'Not delivered yet' };

export function draftStatusLabel(status: DraftStatus): string {
  return DRAFT_LABELS[status];
}

type RequestStatus = 'nominated' | 'requested' | 'accepted' | 'declined' | 'withdrawn' | 'submitted';

const REQUEST_LABELS: Record<RequestStatus, string> = {
  nominated: 'Awaiting manager approval',
  requested: 'Requested',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  submitted: 'Feedback given',
};

export function requestStatusLabel(status: RequestStatus): string {
  return REQUEST_LABELS[status];
}

/** Whether an action is open in a phase; mirrors the server's windows (the server decides). */
export const OPEN_IN: Record<'writeSelfReview' | 'requestPeers' | 'writePeerFeedback' | 'writeManagerReview', readonly CyclePhase[]> = {
  writeSelfReview: ['self_review'],
  requestPeers: ['self_review', 'peer_feedback'],
  writePeerFeedback: ['self_review', 'peer_feedback'],
  writeManagerReview: ['peer_feedback', 'manager_review'],
};

export function isOpen(action: keyof typeof OPEN_IN, phase: CyclePhase): boolean {
  return OPEN_IN[action].includes(phase);
}
