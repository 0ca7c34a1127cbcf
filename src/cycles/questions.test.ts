import { describe, expect, it } from 'vitest';
import type { Policy } from '../policy/policy.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY } from '../policy/presets.ts';
import { cycleQuestionsSchema, questionsFromPolicy } from './questions.ts';

const edited = (forte: Partial<Policy['forte']>, rest: Partial<Policy> = {}): Policy => ({ ...AMAZON_POLICY, ...rest, forte: { ...AMAZON_POLICY.forte, ...forte } });

describe('questionsFromPolicy', () => {
  it.each([AMAZON_POLICY, HUMANE_POLICY])('builds questions that match the stored schema ($key)', (policy) => {
    const questions = questionsFromPolicy(policy);
    expect(cycleQuestionsSchema.parse(questions)).toEqual(questions);
  });

  it('copies the limits and the principle list from the policy', () => {
    const policy = edited(
      { peers: { recommendedMinimum: 4, cap: 12, wordLimit: 80, maxLpChampioned: 2, maxLpToImprove: 1 } },
      { leadershipPrinciples: ['Be Kind', 'Ship It'] },
    );
    const { peer, leadershipPrinciples } = questionsFromPolicy(policy);
    expect(leadershipPrinciples).toEqual(['Be Kind', 'Ship It']);
    expect(peer).toMatchObject({ wordLimit: 80, maxLpChampioned: 2, maxLpToImprove: 1, recommendedMinimum: 4, cap: 12 });
    expect(peer.questions.map((q) => q.key)).toEqual(['superpowers', 'improvements']);
    expect(peer.questions.map((q) => q.label)).toEqual(['Superpowers', 'Areas of improvement']);
    for (const q of peer.questions) expect(q.help).toContain('At most 80 words.');
  });

  it('gives the presets the Forte limits: 60 words, 3 and 3 principles, 5 recommended, 30 at most', () => {
    for (const policy of [AMAZON_POLICY, HUMANE_POLICY]) {
      const { peer, leadershipPrinciples } = questionsFromPolicy(policy);
      expect(peer).toMatchObject({ wordLimit: 60, maxLpChampioned: 3, maxLpToImprove: 3, recommendedMinimum: 5, cap: 30 });
      expect(leadershipPrinciples).toHaveLength(16);
      for (const q of peer.questions) expect(q.help).toContain('At most 60 words.');
    }
  });

  it('tells an amazon peer that HR reads their name and the recipient reads it at delivery, unnamed', () => {
    expect(questionsFromPolicy(AMAZON_POLICY).peer.readers).toEqual([
      { who: 'the person you write about, without your name when reviews are delivered', attributed: false },
      { who: 'their manager and everyone above them, with your name', attributed: true },
      { who: 'HR partners for their organisation, with your name', attributed: true },
    ]);
  });

  it('tells a humane peer that HR does not read their name and the recipient reads once 3 responses have arrived', () => {
    expect(questionsFromPolicy(HUMANE_POLICY).peer.readers).toEqual([
      { who: 'the person you write about, without your name once at least 3 responses have arrived', attributed: false },
      { who: 'their manager and everyone above them, with your name', attributed: true },
      { who: 'HR partners for their organisation, without your name', attributed: false },
    ]);
  });

  it('follows each field, not the preset: HR attribution and the minimum are read separately', () => {
    const readers = questionsFromPolicy(edited({ hrReadsPeerAuthors: false, release: { when: 'at-delivery', minimumResponses: 4, aggregateLpTags: false } })).peer.readers;
    expect(readers[0]).toEqual({ who: 'the person you write about, without your name once at least 4 responses have arrived when reviews are delivered', attributed: false });
    expect(readers[2]).toEqual({ who: 'HR partners for their organisation, without your name', attributed: false });
  });

  it('never attributes peer feedback to its recipient, and always to the management chain', () => {
    for (const policy of [AMAZON_POLICY, HUMANE_POLICY]) {
      const [recipient, chain] = questionsFromPolicy(policy).peer.readers;
      expect(recipient?.attributed).toBe(false);
      expect(chain?.attributed).toBe(true);
    }
  });

  it('gives the self review and manager review the same readers under both presets', () => {
    const amazon = questionsFromPolicy(AMAZON_POLICY);
    const humane = questionsFromPolicy(HUMANE_POLICY);
    expect(humane.self).toEqual(amazon.self);
    expect(humane.manager).toEqual(amazon.manager);
    expect(amazon.self.readers.map((r) => r.who)).toEqual(['your manager and everyone above you', 'HR partners for your organisation']);
    expect(amazon.manager.readers.map((r) => r.who)).toEqual(['the person, at delivery', 'the management chain and calibration (OLR)']);
  });
});
