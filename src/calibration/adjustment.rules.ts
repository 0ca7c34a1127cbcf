import type { OlrPolicy, OvRating } from '../policy/olr.schema.ts';
import { checkQuorum } from './quorum.rules.ts';
import { ovRank } from './ov-matrix.rules.ts';

/** A rule an adjustment broke, named so clients (and tests) can tell which. */
export interface AdjustmentProblem {
  path: string;
  rule: 'RATIONALE_REQUIRED' | 'EVIDENCE_TO_CHANGE_MIND_REQUIRED' | 'QUORUM_NOT_MET' | 'NO_SURPRISES' | 'NOT_A_CALIBRATOR' | 'NO_CHANGE';
  message: string;
}

export const MIN_RATIONALE_LENGTH = 15;

export interface AdjustmentInput {
  from: { performance: number; potential: number; ov: OvRating };
  to: { performance: number; potential: number; ov: OvRating };
  rationale: string;
  evidenceToChangeMind: string | undefined;
  /** Account ids who approve the move. */
  approvedBy: readonly number[];
  /** The session's calibrators, minus anyone conflicted about this person (themselves, their manager). */
  eligibleCalibrators: readonly number[];
  /** Whether the person was told of a concern earlier in the cycle (a dated log note or check-in). */
  concernRecordedEarlier: boolean;
}

/**
 * Everything a calibration change must carry under the policy. A change needs a rationale; the
 * humane preset also asks "what evidence would change your mind?"; moving into a quorum rating
 * (TT, LE) needs that many eligible calibrators approving; and under "no surprises", an LE or
 * any move down needs proof the person heard the concern before calibration.
 */
export function adjustmentProblems(olr: OlrPolicy, input: AdjustmentInput): AdjustmentProblem[] {
  const problems: AdjustmentProblem[] = [];
  const { from, to } = input;
  if (from.performance === to.performance && from.potential === to.potential) {
    problems.push({ path: 'body', rule: 'NO_CHANGE', message: 'is the rating the person already has' });
    return problems;
  }
  if (input.rationale.trim().length < MIN_RATIONALE_LENGTH) {
    problems.push({ path: 'body.rationale', rule: 'RATIONALE_REQUIRED', message: `every change needs a rationale (at least ${MIN_RATIONALE_LENGTH} characters)` });
  }
  if (olr.adjustments.requireEvidenceToChangeMind && (input.evidenceToChangeMind ?? '').trim().length < MIN_RATIONALE_LENGTH) {
    problems.push({ path: 'body.evidenceToChangeMind', rule: 'EVIDENCE_TO_CHANGE_MIND_REQUIRED', message: 'this policy asks every change to answer "what evidence would change your mind?"' });
  }
  const strangers = input.approvedBy.filter((id) => !input.eligibleCalibrators.includes(id));
  if (strangers.length) {
    problems.push({ path: 'body.approvedBy', rule: 'NOT_A_CALIBRATOR', message: `account${strangers.length > 1 ? 's' : ''} ${strangers.join(', ')} cannot approve: not a calibrator of this session, or conflicted about this person` });
  }
  const approvals = new Set(input.approvedBy.filter((id) => input.eligibleCalibrators.includes(id))).size;
  const quorum = checkQuorum(olr.quorum, { from: from.ov, to: to.ov, calibrators: approvals });
  if (!quorum.met) {
    problems.push({ path: 'body.approvedBy', rule: 'QUORUM_NOT_MET', message: `moving someone into ${to.ov} needs ${quorum.required} calibrators approving; ${approvals} did` });
  }
  const down = ovRank(to.ov) < ovRank(from.ov) || to.performance < from.performance;
  if (olr.adjustments.noSurprises && (to.ov === 'LE' || down) && !input.concernRecordedEarlier) {
    problems.push({
      path: 'body',
      rule: 'NO_SURPRISES',
      message: `${to.ov === 'LE' ? 'an LE' : 'a move down'} needs a dated note or check-in from earlier in the cycle showing the person was told of the concern`,
    });
  }
  return problems;
}
