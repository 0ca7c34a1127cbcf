import { describe, expect, it } from 'vitest';
import { AMAZON_PROMOTIONS, HUMANE_PROMOTIONS } from '../policy/promotions-presets.ts';
import { LADDER_DIMENSIONS, type LadderDimension, type PacketSection } from '../policy/promotions.schema.ts';
import { checkReadiness, type ReadinessInput } from './readiness.rules.ts';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const evidence = (...expectations: LadderDimension[]) => [{ expectations }];

// An SDE I case of 2,500 words (5 pages at 500) spread by weight: 454 words per scope, 227 for LPs.
function fullCase(overrides: Partial<Record<PacketSection, { text: string; evidence: { expectations: LadderDimension[] }[] }>> = {}): ReadinessInput {
  return {
    fromLevel: 'L4',
    toLevel: 'L5',
    nextLevelDimensions: LADDER_DIMENSIONS,
    rating: 'HV3',
    peerFeedbackCount: 6,
    sections: {
      scopeAndInfluence: { text: words(460), evidence: evidence('scope', 'influence') },
      ambiguity: { text: words(460), evidence: evidence('autonomy') },
      technicalComplexity: { text: words(460), evidence: evidence('technicalDepth') },
      execution: { text: words(460), evidence: evidence('operations') },
      impact: { text: words(460), evidence: evidence('mentorship') },
      leadershipPrinciples: { text: words(230), evidence: evidence() },
      ...overrides,
    },
  };
}

const statusOf = (r: ReturnType<typeof checkReadiness>) => Object.fromEntries(r.checks.map((c) => [c.key, c.status]));

describe('checkReadiness under amazon', () => {
  it('passes a complete SDE I case', () => {
    const r = checkReadiness(AMAZON_PROMOTIONS, fullCase());
    expect(statusOf(r)).toEqual({ coverage: 'met', rating: 'met', peerFeedback: 'met', length: 'met', commonBlockers: 'met' });
    expect(r.canSubmit).toBe(true);
    expect(r.coverage).toEqual({ covered: [...LADDER_DIMENSIONS], missing: [], percent: 100, targetPercent: 80 });
    expect(r.length).toEqual({ words: 2530, targetWords: 2500, wordsPerPage: 500 });
    expect(r.sections.find((s) => s.key === 'technicalComplexity')).toMatchObject({ targetWords: 454, thin: false, commonBlocker: true });
  });

  it('flags a thin Technical complexity section for an SDE I as the common blocker', () => {
    const r = checkReadiness(AMAZON_PROMOTIONS, fullCase({ technicalComplexity: { text: words(120), evidence: evidence('technicalDepth') } }));
    const section = r.sections.find((s) => s.key === 'technicalComplexity')!;
    expect(section).toMatchObject({ words: 120, targetWords: 454, thin: true, commonBlocker: true });
    expect(r.checks.find((c) => c.key === 'commonBlockers')).toEqual({
      key: 'commonBlockers',
      status: 'warn',
      message: 'Technical complexity is thin: the usual reason cases from L4 to L5 are not approved.',
    });
    // A warning: the manager may still submit.
    expect(r.canSubmit).toBe(true);
  });

  it('counts a section with no evidence as thin, whatever its length', () => {
    const r = checkReadiness(AMAZON_PROMOTIONS, fullCase({ technicalComplexity: { text: words(900), evidence: [] } }));
    expect(r.sections.find((s) => s.key === 'technicalComplexity')!.thin).toBe(true);
  });

  it('names scope, influence and impact for SDE II to III', () => {
    const r = checkReadiness(AMAZON_PROMOTIONS, { ...fullCase(), fromLevel: 'L5', toLevel: 'L6' });
    expect(r.sections.filter((s) => s.commonBlocker).map((s) => s.key)).toEqual(['scopeAndInfluence', 'impact']);
    expect(r.length.targetWords).toBe(7500);
    expect(r.checks.find((c) => c.key === 'length')).toMatchObject({ status: 'warn', message: '2530 words, about 5.0 pages at 500 words a page; L5 to L6 asks for 15+ pages (7500 words).' });
    expect(r.checks.find((c) => c.key === 'commonBlockers')!.message).toBe('Scope and influence, Impact are thin: the usual reason cases from L5 to L6 are not approved.');
  });

  it('blocks submission below the minimum peer feedback and warns below the recommended', () => {
    const three = checkReadiness(AMAZON_PROMOTIONS, { ...fullCase(), peerFeedbackCount: 3 });
    expect(three.checks.find((c) => c.key === 'peerFeedback')).toEqual({ key: 'peerFeedback', status: 'blocked', message: '3 peer feedback in the last 12 months; at least 4 needed (6+ recommended).' });
    expect(three.canSubmit).toBe(false);
    const four = checkReadiness(AMAZON_PROMOTIONS, { ...fullCase(), peerFeedbackCount: 4 });
    expect(four.checks.find((c) => c.key === 'peerFeedback')!.status).toBe('warn');
    expect(four.canSubmit).toBe(true);
  });

  it('measures coverage against the 80% target: 4 of 6 is short, 5 of 6 is enough', () => {
    const four = fullCase({ execution: { text: words(460), evidence: evidence() }, impact: { text: words(460), evidence: evidence() } });
    expect(checkReadiness(AMAZON_PROMOTIONS, four).coverage).toMatchObject({ percent: 66, missing: ['mentorship', 'operations'] });
    expect(statusOf(checkReadiness(AMAZON_PROMOTIONS, four)).coverage).toBe('warn');
    const five = fullCase({ impact: { text: words(460), evidence: evidence() } });
    expect(checkReadiness(AMAZON_PROMOTIONS, five).coverage).toMatchObject({ percent: 83, missing: ['mentorship'] });
    expect(statusOf(checkReadiness(AMAZON_PROMOTIONS, five)).coverage).toBe('met');
  });

  it('expects TT or HV3, as a warning', () => {
    expect(checkReadiness(AMAZON_PROMOTIONS, { ...fullCase(), rating: 'HV2' }).checks.find((c) => c.key === 'rating')).toEqual({ key: 'rating', status: 'warn', message: 'Latest calibrated rating HV2; cases usually hold TT or HV3.' });
    expect(checkReadiness(AMAZON_PROMOTIONS, { ...fullCase(), rating: null }).checks.find((c) => c.key === 'rating')!.message).toBe('No calibrated rating yet; cases usually hold TT or HV3.');
  });
});

describe('checkReadiness under humane', () => {
  it('has no page count or rating gate, and only warns on peer feedback', () => {
    const r = checkReadiness(HUMANE_PROMOTIONS, { ...fullCase({ technicalComplexity: { text: words(40), evidence: evidence('technicalDepth') } }), rating: null, peerFeedbackCount: 1 });
    expect(statusOf(r)).toEqual({ coverage: 'met', rating: 'met', peerFeedback: 'warn', length: 'met', commonBlockers: 'met' });
    expect(r.canSubmit).toBe(true);
    expect(r.sections.find((s) => s.key === 'technicalComplexity')).toMatchObject({ targetWords: null, thin: false });
  });

  it('still flags a common-blocker section with no evidence', () => {
    const r = checkReadiness(HUMANE_PROMOTIONS, fullCase({ technicalComplexity: { text: words(40), evidence: [] } }));
    expect(statusOf(r).commonBlockers).toBe('warn');
  });
});
