import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../shared/words.ts';
import type { Policy } from '../policy/policy.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY } from '../policy/presets.ts';
import { aggregatePrinciples, peerAnswerProblems, peerRequestProblems, releaseDecision, selfReviewProblems, type PeerAnswers } from './feedback.rules.ts';

const policy = AMAZON_POLICY;
const LPS = policy.leadershipPrinciples;
// Hyphenated compounds, numbers and contractions each count as one word, as countWords decides.
const SIXTY_WORDS = `Her well-known incident write-ups don't just list 3.5 hours of steps: ${Array.from({ length: 49 }, (_, i) => ['they', 'explain', 'causes', 'clearly'][i % 4]).join(' ')}.`;
const SIXTY_ONE_WORDS = `${SIXTY_WORDS} Always.`;

const answers = (overrides: Partial<PeerAnswers> = {}): PeerAnswers => ({
  superpowers: 'Turned a recurring outage into a fixed design.',
  improvements: 'Share design drafts earlier so reviewers can shape them.',
  lpsChampioned: ['Dive Deep', 'Ownership'],
  lpsToImprove: ['Think Big'],
  ...overrides,
});
const rules = (problems: { rule: string }[]) => problems.map((p) => p.rule);
const withPeers = (peers: Partial<Policy['forte']['peers']>): Policy => ({ ...policy, forte: { ...policy.forte, peers: { ...policy.forte.peers, ...peers } } });

describe('peerAnswerProblems', () => {
  it('accepts a complete answer as draft and as submission', () => {
    expect(peerAnswerProblems(answers(), policy, 'draft')).toEqual([]);
    expect(peerAnswerProblems(answers(), policy, 'submit')).toEqual([]);
  });

  it('counts words with countWords: 60 words pass, 61 fail, in either answer', () => {
    expect(countWords(SIXTY_WORDS)).toBe(60);
    expect(countWords(SIXTY_ONE_WORDS)).toBe(61);
    expect(peerAnswerProblems(answers({ superpowers: SIXTY_WORDS, improvements: SIXTY_WORDS }), policy, 'submit')).toEqual([]);
    expect(peerAnswerProblems(answers({ superpowers: SIXTY_ONE_WORDS }), policy, 'draft')).toEqual([
      { path: 'superpowers', rule: 'TOO_MANY_WORDS', message: 'has 61 words; the limit is 60' },
    ]);
    expect(peerAnswerProblems(answers({ improvements: SIXTY_ONE_WORDS }), policy, 'submit')).toEqual([
      { path: 'improvements', rule: 'TOO_MANY_WORDS', message: 'has 61 words; the limit is 60' },
    ]);
  });

  it('reads the word limit from the policy', () => {
    expect(rules(peerAnswerProblems(answers({ superpowers: SIXTY_WORDS }), withPeers({ wordLimit: 59 }), 'draft'))).toEqual(['TOO_MANY_WORDS']);
    expect(peerAnswerProblems(answers({ superpowers: SIXTY_ONE_WORDS }), withPeers({ wordLimit: 61 }), 'draft')).toEqual([]);
  });

  it('agrees with countWords on any text (property)', () => {
    const word = fc.constantFrom('ship', 'design', "don't", 'well-known', '3.5', 'the');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 80 }), (words) => {
        const text = words.join(' ');
        const tooLong = rules(peerAnswerProblems(answers({ superpowers: text }), policy, 'draft')).includes('TOO_MANY_WORDS');
        expect(tooLong).toBe(countWords(text) > 60);
      }),
    );
  });

  it.each(['lpsChampioned', 'lpsToImprove'] as const)('allows 3 principles in %s and refuses 4', (field) => {
    expect(peerAnswerProblems(answers({ [field]: LPS.slice(0, 3) }), policy, 'submit')).toEqual([]);
    expect(peerAnswerProblems(answers({ [field]: LPS.slice(0, 4) }), policy, 'draft')).toEqual([
      { path: field, rule: 'TOO_MANY_PRINCIPLES', message: 'choose at most 3 Leadership Principles (4 chosen)' },
    ]);
  });

  it('allows 3 and 3, six tags in all', () => {
    expect(peerAnswerProblems(answers({ lpsChampioned: LPS.slice(0, 3), lpsToImprove: LPS.slice(3, 6) }), policy, 'submit')).toEqual([]);
  });

  it('reads the principle limits from the policy', () => {
    const strict = withPeers({ maxLpChampioned: 1, maxLpToImprove: 0 });
    expect(rules(peerAnswerProblems(answers({ lpsChampioned: LPS.slice(0, 2), lpsToImprove: [] }), strict, 'draft'))).toEqual(['TOO_MANY_PRINCIPLES']);
    expect(rules(peerAnswerProblems(answers({ lpsChampioned: LPS.slice(0, 1), lpsToImprove: LPS.slice(0, 1) }), strict, 'draft'))).toEqual(['TOO_MANY_PRINCIPLES']);
  });

  it('refuses a principle that is not in the policy, exactly as written there', () => {
    expect(peerAnswerProblems(answers({ lpsToImprove: ['Be Nice'] }), policy, 'draft')).toEqual([
      { path: 'lpsToImprove', rule: 'UNKNOWN_PRINCIPLE', message: '"Be Nice" is not a Leadership Principle of this cycle\'s policy' },
    ]);
    expect(rules(peerAnswerProblems(answers({ lpsChampioned: ['dive deep'] }), policy, 'draft'))).toEqual(['UNKNOWN_PRINCIPLE']);
    const ownList: Policy = { ...policy, leadershipPrinciples: ['Be Kind', 'Ship It'] };
    expect(peerAnswerProblems(answers({ lpsChampioned: ['Ship It'], lpsToImprove: ['Be Kind'] }), ownList, 'submit')).toEqual([]);
    expect(rules(peerAnswerProblems(answers({ lpsChampioned: ['Ownership'], lpsToImprove: [] }), ownList, 'submit'))).toEqual(['UNKNOWN_PRINCIPLE']);
  });

  it('refuses the same principle twice in one list', () => {
    expect(peerAnswerProblems(answers({ lpsChampioned: ['Ownership', 'Ownership'] }), policy, 'draft')).toEqual([
      { path: 'lpsChampioned', rule: 'DUPLICATE_PRINCIPLE', message: 'a principle is chosen twice' },
    ]);
  });

  it('requires both answers to submit, treating whitespace as empty', () => {
    expect(peerAnswerProblems(answers({ superpowers: '', improvements: ' \n\t ' }), policy, 'submit')).toEqual([
      { path: 'superpowers', rule: 'ANSWER_REQUIRED', message: 'is required to submit' },
      { path: 'improvements', rule: 'ANSWER_REQUIRED', message: 'is required to submit' },
    ]);
    expect(rules(peerAnswerProblems(answers({ improvements: '' }), policy, 'submit'))).toEqual(['ANSWER_REQUIRED']);
  });

  it('lets a submission leave the principle lists empty', () => {
    expect(peerAnswerProblems(answers({ lpsChampioned: [], lpsToImprove: [] }), policy, 'submit')).toEqual([]);
  });

  it('lets a draft be empty, but never over the limits', () => {
    const empty = { superpowers: '', improvements: '', lpsChampioned: [], lpsToImprove: [] };
    expect(peerAnswerProblems(empty, policy, 'draft')).toEqual([]);
    expect(rules(peerAnswerProblems({ ...empty, superpowers: SIXTY_ONE_WORDS, lpsChampioned: LPS.slice(0, 4) }, policy, 'draft'))).toEqual(['TOO_MANY_WORDS', 'TOO_MANY_PRINCIPLES']);
  });

  it('reports every problem at once', () => {
    const all = peerAnswerProblems({ superpowers: SIXTY_ONE_WORDS, improvements: '', lpsChampioned: ['Ownership', 'Ownership', 'Nope', 'Frugality'], lpsToImprove: [] }, policy, 'submit');
    expect(all.map((p) => `${p.path}:${p.rule}`)).toEqual([
      'superpowers:TOO_MANY_WORDS',
      'lpsChampioned:TOO_MANY_PRINCIPLES',
      'lpsChampioned:UNKNOWN_PRINCIPLE',
      'lpsChampioned:DUPLICATE_PRINCIPLE',
      'improvements:ANSWER_REQUIRED',
    ]);
  });
});

describe('selfReviewProblems', () => {
  const review = { body: 'Shipped the ledger migration with no downtime.', principles: [{ principle: 'Ownership', example: 'Owned the migration end to end.' }] };

  it('accepts a complete self review', () => {
    expect(selfReviewProblems(review, policy, 'submit')).toEqual([]);
  });

  it('lets a draft be empty or incomplete', () => {
    expect(selfReviewProblems({ body: '', principles: [] }, policy, 'draft')).toEqual([]);
    expect(selfReviewProblems({ body: '', principles: [{ principle: 'Ownership', example: '' }] }, policy, 'draft')).toEqual([]);
  });

  it('requires a body, at least one principle and an example for each to submit', () => {
    expect(selfReviewProblems({ body: '  ', principles: [] }, policy, 'submit')).toEqual([
      { path: 'body', rule: 'ANSWER_REQUIRED', message: 'is required to submit' },
      { path: 'principles', rule: 'ANSWER_REQUIRED', message: 'name at least one Leadership Principle you championed' },
    ]);
    expect(selfReviewProblems({ ...review, principles: [...review.principles, { principle: 'Dive Deep', example: ' ' }] }, policy, 'submit')).toEqual([
      { path: 'principles.1.example', rule: 'ANSWER_REQUIRED', message: 'give an example for Dive Deep' },
    ]);
  });

  it('has no word limit on the free text', () => {
    expect(selfReviewProblems({ ...review, body: `${SIXTY_ONE_WORDS} `.repeat(20) }, policy, 'submit')).toEqual([]);
  });

  it('allows every principle of the policy once, and no unknown or repeated one, even in a draft', () => {
    const every = LPS.map((principle) => ({ principle, example: 'An example.' }));
    expect(selfReviewProblems({ body: 'All of them.', principles: every }, policy, 'submit')).toEqual([]);
    expect(selfReviewProblems({ body: '', principles: [{ principle: 'Be Nice', example: '' }] }, policy, 'draft')).toEqual([
      { path: 'principles', rule: 'UNKNOWN_PRINCIPLE', message: '"Be Nice" is not a Leadership Principle of this cycle\'s policy' },
    ]);
    expect(rules(selfReviewProblems({ body: '', principles: [every[0]!, every[0]!] }, policy, 'draft'))).toEqual(['DUPLICATE_PRINCIPLE']);
  });
});

describe('peerRequestProblems', () => {
  const request = (overrides: Partial<Parameters<typeof peerRequestProblems>[0]> = {}) => ({
    subjectId: 1,
    reviewerIds: [2, 3],
    activeRequestCount: 0,
    alreadyRequested: new Set<number>(),
    participants: new Set([1, 2, 3, 4, 5]),
    cap: 30,
    ...overrides,
  });

  it('accepts new, distinct, available colleagues within the cap', () => {
    expect(peerRequestProblems(request())).toEqual([]);
  });

  it('refuses the subject as their own reviewer', () => {
    expect(peerRequestProblems(request({ reviewerIds: [2, 1] }))).toEqual([
      { path: 'reviewerIds.1', rule: 'FEEDBACK_ABOUT_ONESELF', message: 'you cannot give peer feedback about yourself' },
    ]);
  });

  it('refuses someone listed twice', () => {
    expect(peerRequestProblems(request({ reviewerIds: [2, 3, 2] }))).toEqual([{ path: 'reviewerIds', rule: 'DUPLICATE_REVIEWER', message: 'a person is listed twice' }]);
  });

  it('refuses someone already asked', () => {
    expect(peerRequestProblems(request({ reviewerIds: [2, 3], activeRequestCount: 1, alreadyRequested: new Set([3]) }))).toEqual([
      { path: 'reviewerIds.1', rule: 'ALREADY_REQUESTED', message: 'person 3 is already asked' },
    ]);
  });

  it('refuses someone who is not taking part in the cycle', () => {
    expect(peerRequestProblems(request({ reviewerIds: [2, 99] }))).toEqual([{ path: 'reviewerIds.1', rule: 'NOT_AVAILABLE', message: 'person 99 is not taking part in this cycle' }]);
  });

  it('allows requests up to exactly the cap and refuses one more', () => {
    expect(peerRequestProblems(request({ activeRequestCount: 28, cap: 30 }))).toEqual([]);
    expect(peerRequestProblems(request({ activeRequestCount: 29, cap: 30 }))).toEqual([
      { path: 'reviewerIds', rule: 'PEER_CAP_EXCEEDED', message: 'this would make 31 requests; the policy allows at most 30' },
    ]);
  });

  it('counts a person listed twice once towards the cap', () => {
    expect(rules(peerRequestProblems(request({ reviewerIds: [2, 2], activeRequestCount: 29, cap: 30 })))).toEqual(['DUPLICATE_REVIEWER']);
  });

  it('refuses a single batch larger than the cap', () => {
    const ids = Array.from({ length: 31 }, (_, i) => 100 + i);
    expect(rules(peerRequestProblems(request({ reviewerIds: ids, participants: new Set(ids) })))).toEqual(['PEER_CAP_EXCEEDED']);
  });

  it('never accepts a batch that breaks a rule (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        fc.uniqueArray(fc.integer({ min: 2, max: 12 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 15 }),
        (reviewerIds, asked, cap) => {
          const input = request({ reviewerIds, alreadyRequested: new Set(asked), activeRequestCount: asked.length, participants: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), cap });
          const ok = peerRequestProblems(input).length === 0;
          const valid =
            !reviewerIds.includes(1) &&
            new Set(reviewerIds).size === reviewerIds.length &&
            reviewerIds.every((id) => !asked.includes(id) && id <= 10) &&
            asked.length + reviewerIds.length <= cap;
          expect(ok).toBe(valid);
        },
      ),
    );
  });
});

describe('aggregatePrinciples', () => {
  it('counts tags across responses, most frequent first, ties alphabetically', () => {
    expect(
      aggregatePrinciples([
        ['Ownership', 'Dive Deep'],
        ['Dive Deep', 'Bias for Action'],
        ['Frugality', 'Dive Deep', 'Ownership'],
        [],
      ]),
    ).toEqual([
      { principle: 'Dive Deep', count: 3 },
      { principle: 'Ownership', count: 2 },
      { principle: 'Bias for Action', count: 1 },
      { principle: 'Frugality', count: 1 },
    ]);
  });

  it('is empty without responses', () => {
    expect(aggregatePrinciples([])).toEqual([]);
  });

  it('does not depend on the order of responses, and counts every tag (property)', () => {
    const tags = fc.array(fc.uniqueArray(fc.constantFrom(...LPS), { maxLength: 3 }), { maxLength: 12 });
    fc.assert(
      fc.property(tags, (responses) => {
        const aggregated = aggregatePrinciples(responses);
        expect(aggregatePrinciples([...responses].reverse())).toEqual(aggregated);
        expect(aggregated.reduce((n, a) => n + a.count, 0)).toBe(responses.flat().length);
        for (let i = 1; i < aggregated.length; i++) expect(aggregated[i - 1]!.count).toBeGreaterThanOrEqual(aggregated[i]!.count);
      }),
    );
  });
});

describe('releaseDecision', () => {
  const phases = ['draft', 'self_review', 'peer_feedback', 'manager_review', 'calibration', 'delivery', 'closed'];

  it.each(phases.filter((p) => p !== 'delivery' && p !== 'closed'))('amazon withholds feedback in %s whatever the count', (phase) => {
    for (const submittedCount of [0, 1, 3, 30]) {
      expect(releaseDecision({ policy: AMAZON_POLICY, phase, submittedCount })).toEqual({ released: false, reason: 'Peer feedback is shared with you when reviews are delivered.' });
    }
  });

  it.each(['delivery', 'closed'])('amazon releases feedback in %s, even a single response', (phase) => {
    for (const submittedCount of [0, 1, 5]) expect(releaseDecision({ policy: AMAZON_POLICY, phase, submittedCount })).toEqual({ released: true });
  });

  it.each(phases)('humane withholds fewer than 3 responses in %s and releases 3', (phase) => {
    for (const submittedCount of [0, 1, 2]) {
      expect(releaseDecision({ policy: HUMANE_POLICY, phase, submittedCount })).toEqual({
        released: false,
        reason: 'Peer feedback is shown once at least 3 responses have arrived, so that no single author can be recognised.',
      });
    }
    expect(releaseDecision({ policy: HUMANE_POLICY, phase, submittedCount: 3 })).toEqual({ released: true });
    expect(releaseDecision({ policy: HUMANE_POLICY, phase, submittedCount: 4 })).toEqual({ released: true });
  });

  it('applies both rules when a policy combines them: delivery first, then the minimum', () => {
    const both: Policy = { ...AMAZON_POLICY, forte: { ...AMAZON_POLICY.forte, release: { ...AMAZON_POLICY.forte.release, minimumResponses: 3 } } };
    expect(releaseDecision({ policy: both, phase: 'calibration', submittedCount: 5 })).toMatchObject({ released: false, reason: expect.stringContaining('delivered') });
    expect(releaseDecision({ policy: both, phase: 'delivery', submittedCount: 2 })).toMatchObject({ released: false, reason: expect.stringContaining('at least 3') });
    expect(releaseDecision({ policy: both, phase: 'delivery', submittedCount: 3 })).toEqual({ released: true });
  });
});
