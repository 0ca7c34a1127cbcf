import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policySchema } from './policy.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY, PRESETS } from './presets.ts';
import { matrixTable } from './olr-docs.ts';

/** A copy of the amazon preset with `edit` applied to its OLR section. */
function withOlr(edit: (olr: Record<string, any>) => void, base = AMAZON_POLICY): unknown {
  const copy = structuredClone(base) as Record<string, any>;
  edit(copy.olr);
  return copy;
}

const problems = (input: unknown) => {
  const result = policySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the OLR section of a policy', () => {
  it.each(Object.keys(PRESETS))('is valid in the %s preset', (key) => {
    expect(problems(PRESETS[key])).toEqual([]);
  });

  it('is optional, so policy versions stored before OLR still load for Forte', () => {
    const { olr: _olr, ...forteOnly } = AMAZON_POLICY;
    expect(policySchema.parse(forteOnly).olr).toBeUndefined();
  });

  it('names a missing matrix cell and a missing row', () => {
    expect(problems(withOlr((olr) => delete olr.ovMatrix['5']['3']))).toEqual(['olr.ovMatrix.5.3: missing cell for performance 5, potential 3']);
    expect(problems(withOlr((olr) => delete olr.ovMatrix['2']))).toEqual([
      'olr.ovMatrix.2: missing row for performance 2: every performance level (1 to 7) needs an OV for every potential level (1 to 4)',
    ]);
  });

  it('refuses cells off the scales and unknown ratings', () => {
    expect(problems(withOlr((olr) => (olr.ovMatrix['8'] = { ...olr.ovMatrix['7'] })))).toEqual(['olr.ovMatrix.8: 8 is not a performance level (1 to 7)']);
    expect(problems(withOlr((olr) => (olr.ovMatrix['4']['5'] = 'TT')))).toEqual(['olr.ovMatrix.4.5: 5 is not a potential level (1 to 4)']);
    const unknown = problems(withOlr((olr) => (olr.ovMatrix['4']['2'] = 'HV4')));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^olr\.ovMatrix\.4\.2: .*"TT"/u);
  });

  it('needs a Forte summary for every performance level', () => {
    expect(problems(withOlr((olr) => delete olr.forteSummary['7']))).toEqual(['olr.forteSummary.7: missing the Forte summary for performance 7']);
    expect(problems(withOlr((olr) => (olr.forteSummary['3'] = 'Meets')))).toHaveLength(1);
  });

  it('refuses a target whose minimum exceeds its maximum, and accepts them equal', () => {
    expect(problems(withOlr((olr) => (olr.distribution.targets[2].minPercent = 12)))).toEqual(['olr.distribution.targets.2.minPercent: minPercent (12) must not exceed maxPercent (10)']);
    expect(problems(withOlr((olr) => (olr.distribution.targets[2].minPercent = 10)))).toEqual([]);
  });

  it('refuses two targets for one rating, and shares no group can meet', () => {
    expect(problems(withOlr((olr) => (olr.distribution.targets[1].rating = 'TT')))).toEqual(['olr.distribution.targets.1.rating: TT has more than one target']);
    expect(problems(withOlr((olr) => (olr.distribution.targets[0].minPercent = 20) && (olr.distribution.targets[1] = { rating: 'HV1', minPercent: 80, maxPercent: 90, fromGroupSize: 10 })))).toEqual([
      'olr.distribution.targets: the minimum shares add up to 105%, more than the whole group',
    ]);
    const everyRating = (maxPercent: number) => withOlr((olr) => (olr.distribution.targets = ['TT', 'HV3', 'HV2', 'HV1', 'LE'].map((rating) => ({ rating, minPercent: 0, maxPercent, fromGroupSize: 1 }))));
    expect(problems(everyRating(19.99))).toEqual(['olr.distribution.targets: every rating has a target but the maximum shares add up to 99.95%, less than the whole group']);
    expect(problems(everyRating(20))).toEqual([]);
  });

  it.each([
    ['a share over 100%', (olr: any) => (olr.distribution.targets[0].maxPercent = 120)],
    ['a share with three decimals', (olr: any) => (olr.roleModel.maxPercent = 5.125)],
    ['an unknown rounding rule', (olr: any) => (olr.distribution.rounding = 'banker')],
    ['an unknown mode', (olr: any) => (olr.distribution.mode = 'soft')],
    ['a target from groups of 0', (olr: any) => (olr.distribution.targets[0].fromGroupSize = 0)],
    ['an unknown field', (olr: any) => (olr.distribution.extra = true)],
    ['an unknown evidence enforcement', (olr: any) => (olr.evidence.enforcement = 'maybe')],
    ['a quorum of nobody', (olr: any) => (olr.quorum.minimumCalibrators = 0)],
    ['a missing delivery switch', (olr: any) => delete olr.delivery.employeeSees.matrix],
  ])('refuses %s', (_what, edit) => {
    expect(problems(withOlr(edit)).length).toBeGreaterThan(0);
  });

  it('numbers scale levels 1, 2, 3, ... from the lowest', () => {
    expect(problems(withOlr((olr) => (olr.scales.potential.levels[2].value = 4)))).toEqual([
      'olr.scales.potential.levels.2.value: levels are numbered 1, 2, 3, ... from the lowest: expected 3, found 4',
    ]);
  });

  it('keeps the Role Model grade on the LP scale and its per-principle caps on the policy’s principles', () => {
    expect(problems(withOlr((olr) => (olr.roleModel.level = 5)))).toEqual(['olr.roleModel.level: 5 is not a level of the leadership-principles scale (1 to 4)']);
    expect(problems(withOlr((olr) => (olr.roleModel.maxPercentByPrinciple = { 'Think Big': 3 })))).toEqual([]);
    expect(problems(withOlr((olr) => (olr.roleModel.maxPercentByPrinciple = { 'Think Small': 3 })))).toEqual([
      'olr.roleModel.maxPercentByPrinciple.Think Small: "Think Small" is not one of the policy\'s leadership principles',
    ]);
  });

  it('cannot require more evidence dimensions than exist', () => {
    expect(problems(withOlr((olr) => (olr.evidence.minimumDimensions = 4)))).toEqual(['olr.evidence.minimumDimensions: 4 dimensions cannot be required when only 3 exist']);
    expect(problems(withOlr((olr) => (olr.evidence.dimensions[2].key = 'delivery')))).toEqual(['olr.evidence.dimensions.2.key: delivery is listed twice']);
  });

  it('lets a policy use another scale size, with the matrix to match', () => {
    const fivePoint = withOlr((olr) => {
      olr.scales.performance.levels = olr.scales.performance.levels.slice(0, 5);
      delete olr.ovMatrix['6'];
      delete olr.ovMatrix['7'];
      delete olr.forteSummary['6'];
      delete olr.forteSummary['7'];
    });
    expect(problems(fivePoint)).toEqual([]);
  });
});

describe('the OLR sections of the amazon and humane presets', () => {
  // docs/policies.md and docs/calibration.md document exactly these differences.
  const DOCUMENTED_DIFFERENCES = ['ovMatrix', 'distribution', 'evidence.enforcement', 'adjustments', 'delivery.employeeSees', 'delivery.canRequestReview'];

  it('differ only where documented', () => {
    const { ovMatrix: amazonMatrix, distribution: amazonTargets, evidence: amazonEvidence, adjustments: amazonAdjustments, delivery: amazonDelivery, ...amazonRest } = AMAZON_POLICY.olr;
    const { ovMatrix: humaneMatrix, distribution: humaneTargets, evidence: humaneEvidence, adjustments: humaneAdjustments, delivery: humaneDelivery, ...humaneRest } = HUMANE_POLICY.olr;
    expect(humaneRest).toEqual(amazonRest);
    expect(Object.values(amazonAdjustments).some(Boolean)).toBe(false);
    expect(Object.values(humaneAdjustments).every(Boolean)).toBe(true);
    expect(humaneMatrix).not.toEqual(amazonMatrix);
    expect([amazonTargets.mode, humaneTargets.mode]).toEqual(['forced', 'guideline']);
    expect({ ...humaneEvidence, enforcement: null }).toEqual({ ...amazonEvidence, enforcement: null });
    expect([amazonEvidence.enforcement, humaneEvidence.enforcement]).toEqual(['off', 'block']);
    expect([amazonDelivery.canRequestReview, humaneDelivery.canRequestReview]).toEqual([false, true]);
    expect(Object.entries(amazonDelivery.employeeSees).filter(([, seen]) => seen).map(([what]) => what)).toEqual(['forteSummary']);
    expect(Object.values(humaneDelivery.employeeSees).every(Boolean)).toBe(true);
  });

  it('name every OLR field in docs/policies.md', () => {
    const docs = readFileSync(new URL('../../docs/policies.md', import.meta.url), 'utf8');
    const fields = ['olr', 'scales', 'roleModel', 'maxPercent', 'maxPercentByPrinciple', 'ovMatrix', 'forteSummary', 'distribution', 'mode', 'rounding', 'targets', 'minPercent', 'fromGroupSize', 'evidence', 'dimensions', 'minimumDimensions', 'enforcement', 'quorum', 'minimumCalibrators', 'delivery', 'employeeSees', 'canRequestReview'];
    // Named on its own (`mode`) or as a path (`olr.distribution`).
    const named = (field: string) => new RegExp(`\`(?:[\\w.]+\\.)?${field}\``, 'u');
    for (const field of [...fields, ...DOCUMENTED_DIFFERENCES.map((p) => p.split('.').at(-1)!)]) expect(docs, field).toMatch(named(field));
    for (const key of [...Object.keys(AMAZON_POLICY.olr.delivery.employeeSees), ...Object.keys(AMAZON_POLICY.olr.adjustments)]) expect(docs, key).toMatch(named(key));
  });

  it('shows each preset’s matrix in docs/calibration.md as it is in the preset', () => {
    const docs = readFileSync(new URL('../../docs/calibration.md', import.meta.url), 'utf8');
    for (const preset of [AMAZON_POLICY, HUMANE_POLICY]) expect(docs, preset.key).toContain(matrixTable(preset.olr));
  });
});
