import type { PromotionsPolicy } from '../policy/promotions.schema.ts';

export const VOTES = ['approve', 'not_yet', 'abstain'] as const;
export type Vote = (typeof VOTES)[number];

export interface RuleProblem {
  rule: string;
  message: string;
}

/**
 * Who may vote on a packet: committee members, never the candidate, and not the candidate's own
 * manager or the packet's author unless the policy allows it (they present the case instead).
 */
export function voteProblem(
  policy: PromotionsPolicy['committee'],
  input: { voterAccountId: number; voterPersonId: number | null; memberAccountIds: readonly number[]; candidateId: number; managerId: number | null; authorId: number },
): RuleProblem | null {
  if (input.voterPersonId !== null && input.voterPersonId === input.candidateId) return { rule: 'CANDIDATE_MAY_NOT_VOTE', message: 'The candidate cannot vote on their own promotion.' };
  if (!policy.managerMayVote && input.voterPersonId !== null && (input.voterPersonId === input.managerId || input.voterPersonId === input.authorId)) {
    return { rule: 'MANAGER_MAY_NOT_VOTE', message: 'The candidate’s own manager presents the case to the committee but does not vote on it under this policy.' };
  }
  if (!input.memberAccountIds.includes(input.voterAccountId)) return { rule: 'NOT_A_COMMITTEE_MEMBER', message: 'Only members of this packet’s committee vote on it.' };
  return null;
}

export function tally(votes: readonly { vote: Vote }[]): Record<Vote, number> {
  return { approve: votes.filter((v) => v.vote === 'approve').length, not_yet: votes.filter((v) => v.vote === 'not_yet').length, abstain: votes.filter((v) => v.vote === 'abstain').length };
}

/**
 * Whether a decision may be recorded. Approval needs the quorum of votes (abstentions do not
 * count) and the committee's agreement under the policy's rule; a decision that is not an
 * approval may come at any point of the review but must tell the candidate what to do next.
 */
export function decisionProblems(policy: PromotionsPolicy['committee'], input: { outcome: 'approved' | 'not_approved'; votes: readonly { vote: Vote }[]; feedback: string }): RuleProblem[] {
  const t = tally(input.votes);
  const problems: RuleProblem[] = [];
  if (input.outcome === 'approved') {
    const cast = t.approve + t.not_yet;
    if (cast < policy.minimumVotes) problems.push({ rule: 'QUORUM_NOT_MET', message: `${cast} vote${cast === 1 ? '' : 's'} cast; approving needs at least ${policy.minimumVotes}.` });
    const agreed = policy.approval === 'unanimous' ? t.not_yet === 0 && t.approve > 0 : t.approve > t.not_yet;
    if (!agreed) problems.push({ rule: 'COMMITTEE_DID_NOT_APPROVE', message: `${t.approve} approve and ${t.not_yet} not yet: the ${policy.approval} rule is not met.` });
  } else if (input.feedback.trim().length < policy.minimumFeedbackChars) {
    problems.push({ rule: 'FEEDBACK_REQUIRED', message: `Say what the candidate can do next (at least ${policy.minimumFeedbackChars} characters).` });
  }
  return problems;
}
