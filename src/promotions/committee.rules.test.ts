import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AMAZON_PROMOTIONS } from '../policy/promotions-presets.ts';
import { decisionProblems, voteProblem } from './committee.rules.ts';
import { isDecided, nextStatus, openActions, PACKET_STATUSES, type PacketAction, type PacketStatus } from './workflow.rules.ts';

const committee = AMAZON_PROMOTIONS.committee;
const base = { memberAccountIds: [10, 11, 12, 13], candidateId: 1, managerId: 2, authorId: 2 };

describe('committee votes', () => {
  it('lets members vote, and refuses the candidate, their manager and outsiders', () => {
    expect(voteProblem(committee, { ...base, voterAccountId: 10, voterPersonId: 100 })).toBeNull();
    expect(voteProblem(committee, { ...base, voterAccountId: 13, voterPersonId: 2 })?.rule).toBe('MANAGER_MAY_NOT_VOTE');
    expect(voteProblem(committee, { ...base, voterAccountId: 13, voterPersonId: 1 })?.rule).toBe('CANDIDATE_MAY_NOT_VOTE');
    expect(voteProblem(committee, { ...base, voterAccountId: 99, voterPersonId: 100 })?.rule).toBe('NOT_A_COMMITTEE_MEMBER');
    expect(voteProblem({ ...committee, managerMayVote: true }, { ...base, voterAccountId: 13, voterPersonId: 2 })).toBeNull();
  });

  it('approves with a quorum and a majority; abstentions do not count', () => {
    const votes = (...v: ('approve' | 'not_yet' | 'abstain')[]) => v.map((vote) => ({ vote }));
    expect(decisionProblems(committee, { outcome: 'approved', votes: votes('approve', 'approve', 'not_yet'), feedback: '' })).toEqual([]);
    expect(decisionProblems(committee, { outcome: 'approved', votes: votes('approve', 'approve', 'abstain'), feedback: '' }).map((p) => p.rule)).toEqual(['QUORUM_NOT_MET']);
    expect(decisionProblems(committee, { outcome: 'approved', votes: votes('approve', 'not_yet', 'not_yet'), feedback: '' }).map((p) => p.rule)).toEqual(['COMMITTEE_DID_NOT_APPROVE']);
    expect(decisionProblems({ ...committee, approval: 'unanimous' }, { outcome: 'approved', votes: votes('approve', 'approve', 'not_yet'), feedback: '' }).map((p) => p.rule)).toEqual(['COMMITTEE_DID_NOT_APPROVE']);
  });

  it('asks a decision that is not an approval for feedback the candidate can act on', () => {
    expect(decisionProblems(committee, { outcome: 'not_approved', votes: [], feedback: 'Not yet.' }).map((p) => p.rule)).toEqual(['FEEDBACK_REQUIRED']);
    expect(decisionProblems(committee, { outcome: 'not_approved', votes: [], feedback: 'Lead the design of the next ledger component end to end, with a reviewed document.' })).toEqual([]);
  });
});

describe('packet workflow', () => {
  it('runs draft, submitted, committee review, decided', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'withdraw')).toBe('draft');
    expect(nextStatus('submitted', 'startCommittee')).toBe('committee_review');
    expect(nextStatus('committee_review', 'approve')).toBe('approved');
    expect(nextStatus('committee_review', 'decline')).toBe('not_approved');
    expect(nextStatus('draft', 'approve')).toBeNull();
  });

  it('only ever reaches a decision through a committee, and decisions are final', () => {
    const actions: PacketAction[] = ['submit', 'withdraw', 'startCommittee', 'approve', 'decline'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 30 }), (sequence) => {
        let status: PacketStatus = 'draft';
        const seen: PacketStatus[] = [status];
        for (const action of sequence) {
          const next = nextStatus(status, action);
          if (next) {
            status = next;
            seen.push(status);
          }
        }
        if (isDecided(status)) expect(seen).toContain('committee_review');
        for (const s of PACKET_STATUSES) if (isDecided(s)) expect(openActions(s)).toEqual([]);
      }),
    );
  });
});
