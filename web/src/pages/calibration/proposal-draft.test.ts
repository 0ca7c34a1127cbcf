import { describe, expect, it } from 'vitest';
import { proposalBodySchema } from '../../../../src/shared/schemas/calibration.ts';
import { bodyFromDraft, coveredDimensions, draftBlockReason, draftFromProposal, submitProblems } from './proposal-draft.ts';

const DIMENSIONS = ['delivery', 'collaboration', 'systemImpact'];
const saved = {
  performance: 5,
  potential: 3,
  principles: { Ownership: 3 },
  justification: 'Delivered the ledger migration a month early.',
  evidence: {
    byDimension: { delivery: ['Shipped the ledger migration', 'Cut build time'], systemImpact: ['Pages down from 30 to 4 a week'] },
    impactExamples: ['Led the March incident'],
    peerFeedbackThemes: 'Clear reviews.',
    logNoteIds: [7],
    systemMetrics: ['p99 340 ms to 120 ms'],
    multiplierImpact: 'Runbook template.',
  },
};

describe('a proposal draft in the form', () => {
  it('round-trips a saved proposal, one item per line, into a body the server accepts', () => {
    const draft = draftFromProposal(saved, DIMENSIONS);
    expect(draft.byDimension).toEqual({ delivery: 'Shipped the ledger migration\nCut build time', collaboration: '', systemImpact: 'Pages down from 30 to 4 a week' });
    const body = bodyFromDraft(draft);
    expect(body.evidence).toEqual(saved.evidence);
    expect(proposalBodySchema.safeParse({ ...body, version: 2 }).success).toBe(true);
  });

  it('counts a dimension as covered once it has an item, blank lines aside', () => {
    const draft = { ...draftFromProposal(saved, DIMENSIONS), byDimension: { delivery: '\n  \n', collaboration: 'Mentored two engineers', systemImpact: '' } };
    expect(coveredDimensions(draft, DIMENSIONS)).toEqual(['collaboration']);
    expect(bodyFromDraft(draft).evidence.byDimension).toEqual({ collaboration: ['Mentored two engineers'] });
  });

  it('holds back a draft the server would refuse, and says why', () => {
    const draft = draftFromProposal(saved, DIMENSIONS);
    expect(draftBlockReason(draft, { delivery: 'Delivery outcomes' })).toBeNull();
    const eleven = Array.from({ length: 11 }, (_, i) => `Item ${i}`).join('\n');
    expect(draftBlockReason({ ...draft, byDimension: { ...draft.byDimension, delivery: eleven } }, { delivery: 'Delivery outcomes' })).toBe('Delivery outcomes has 11 items; the most is 10.');
    expect(draftBlockReason({ ...draft, systemMetrics: 'x'.repeat(301) }, {})).toBe('A system metric is over 300 characters.');
  });

  it('lists what a submission lacks', () => {
    expect(submitProblems({ ...draftFromProposal(saved, DIMENSIONS), performance: null, justification: 'ok' })).toEqual(['Choose a performance rating.', 'Write a short justification (at least 20 characters).']);
    expect(submitProblems(draftFromProposal(saved, DIMENSIONS))).toEqual([]);
  });
});
