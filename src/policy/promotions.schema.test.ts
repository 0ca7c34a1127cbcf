import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policySchema } from './policy.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY } from './presets.ts';
import { promotionsSchema } from './promotions.schema.ts';
import { compensationSchema } from './compensation.schema.ts';

const docs = readFileSync(new URL('../../docs/policies.md', import.meta.url), 'utf8');
const issues = (schema: typeof promotionsSchema | typeof compensationSchema, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the promotions section', () => {
  it('parses in both presets and matches the sources’ numbers', () => {
    for (const preset of [AMAZON_POLICY, HUMANE_POLICY]) expect(issues(promotionsSchema, preset.promotions)).toEqual([]);
    const r = AMAZON_POLICY.promotions.readiness;
    expect([r.coverage.targetPercent, r.rating.allowed, r.peerFeedback.minimum, r.peerFeedback.recommended]).toEqual([80, ['TT', 'HV3'], 4, 6]);
    expect(r.length.byTransition).toEqual([
      { from: 'L4', to: 'L5', minPages: 5 },
      { from: 'L5', to: 'L6', minPages: 15 },
    ]);
    expect(AMAZON_POLICY.promotions.committee.managerMayVote).toBe(false);
  });

  it('refuses a recommended count below the minimum and a missing section', () => {
    const p = structuredClone(AMAZON_POLICY.promotions);
    p.readiness.peerFeedback.recommended = 2;
    expect(issues(promotionsSchema, p)).toEqual(['readiness.peerFeedback.recommended: must not be below the minimum']);
    delete (p.sections as Record<string, unknown>).impact;
    expect(issues(promotionsSchema, p).map((i) => i.split(':')[0])).toEqual(['sections.impact']);
  });

  it('differs between presets only where docs/policies.md says', () => {
    const { readiness: a, sections: aSections, ...aRest } = AMAZON_POLICY.promotions;
    const { readiness: h, sections: hSections, ...hRest } = HUMANE_POLICY.promotions;
    expect(hRest).toEqual(aRest);
    expect({ ...h, rating: null, peerFeedback: null, length: null }).toEqual({ ...a, rating: null, peerFeedback: null, length: null });
    expect([a.peerFeedback.enforcement, h.peerFeedback.enforcement]).toEqual(['block', 'warn']);
    expect(h.rating.allowed).toEqual([]);
    expect(h.length.byTransition).toEqual([]);
    expect(Object.values(hSections).every((s) => s.prompt.includes('case file'))).toBe(true);
    expect(Object.values(aSections).map((s) => s.weight)).toEqual([2, 2, 2, 2, 2, 1]);
    for (const field of ['promotions.readiness', 'promotions.sections', 'promotions.committee', 'managerMayVote', 'minimumVotes', 'commonBlockers', 'wordsPerPage', 'thinBelowPercent', 'byTransition', 'lookbackMonths']) {
      expect(docs, field).toMatch(new RegExp(`\`(?:[\\w.]+\\.)?${field}\``, 'u'));
    }
  });
});

describe('the compensation section', () => {
  it('parses in both presets and refuses a vesting schedule that does not sum to 100', () => {
    for (const preset of [AMAZON_POLICY, HUMANE_POLICY]) expect(issues(compensationSchema, preset.compensation)).toEqual([]);
    const c = structuredClone(AMAZON_POLICY.compensation);
    c.vesting.schedulePercent = [5, 15, 40, 30];
    c.targetTotalCompByLevel.L4 = -1;
    expect(issues(compensationSchema, c)).toEqual([
      'targetTotalCompByLevel.L4: Too small: expected number to be >=0',
      'vesting.schedulePercent: the vesting percentages must sum to 100',
    ]);
    expect(policySchema.safeParse({ ...AMAZON_POLICY, compensation: c }).success).toBe(false);
  });

  it('checks the cross-field rules', () => {
    const c = structuredClone(AMAZON_POLICY.compensation);
    c.meritBands[2]!.minPercent = 2;
    c.promotionIncrease.defaultPercent = 20;
    c.signOn.gapFillYears = 5;
    c.retention.approverTitles = [];
    expect(issues(compensationSchema, c)).toEqual([
      'meritBands.2.minPercent: minPercent (2) must not exceed maxPercent (1)',
      'promotionIncrease.defaultPercent: must not be below minPercent',
      'signOn.gapFillYears: cannot exceed the 4 years of the vesting schedule',
      'retention.approverTitles: name at least one approver title when approval is required',
    ]);
  });

  it('differs between presets only in who reads pay and whether the statement explains itself', () => {
    const { access: a, statement: as, ...aRest } = AMAZON_POLICY.compensation;
    const { access: h, statement: hs, ...hRest } = HUMANE_POLICY.compensation;
    expect(hRest).toEqual(aRest);
    expect([a.chainReadsPay, h.chainReadsPay]).toEqual([true, false]);
    expect([as.explainEveryNumber, hs.explainEveryNumber]).toEqual([false, true]);
    expect(aRest.meritBands.find((b) => b.forteSummary === 'Needs Improvement')).toEqual({ forteSummary: 'Needs Improvement', minPercent: 0, maxPercent: 1 });
    expect(aRest.cashBonus.enabled).toBe(false);
    for (const field of ['compensation', 'chainReadsPay', 'explainEveryNumber', 'schedulePercent', 'gapFillYears', 'meritBands', 'targetTotalCompByLevel', 'restorePreviousPackage']) expect(docs, field).toMatch(new RegExp(`\`(?:[\\w.]+\\.)?${field}\``, 'u'));
  });
});
