import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policySchema } from './policy.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY, PRESETS } from './presets.ts';

const problems = (input: unknown) => {
  const result = policySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const withGrowth = (edit: (growth: Record<string, any>) => void) => {
  const copy = structuredClone(AMAZON_POLICY) as Record<string, any>;
  edit(copy.growth);
  return copy;
};
const paths = (a: unknown, b: unknown, prefix = ''): string[] => {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || Array.isArray(a)) return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => paths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
};

describe('the growth section of a policy', () => {
  it.each(Object.keys(PRESETS))('is valid in the %s preset', (key) => {
    expect(problems(PRESETS[key])).toEqual([]);
  });

  it('is optional, so older policy versions still load', () => {
    const { growth: _growth, ...older } = AMAZON_POLICY;
    expect(policySchema.parse(older).growth).toBeUndefined();
  });

  it('names a section without a dimension, a question key used twice and an upside-down scale', () => {
    expect(problems(withGrowth((g) => delete g.livingDocument.sectionDimensions.slo)).map((p) => p.split(':')[0])).toEqual(['growth.livingDocument.sectionDimensions.slo']);
    expect(problems(withGrowth((g) => g.teamHealth.defaultQuestions.push({ ...g.teamHealth.defaultQuestions[0] })))).toEqual(['growth.teamHealth.defaultQuestions.6.key: deliveringValue is listed twice']);
    expect(problems(withGrowth((g) => (g.teamHealth.defaultQuestions[0].scale.max = 1)))).toEqual(['growth.teamHealth.defaultQuestions.0.scale.max: max must be above min']);
    expect(problems(withGrowth((g) => (g.teamHealth.minGroupSize = 2)))).toHaveLength(1);
  });

  it('differs between the presets exactly where docs/policies.md says', () => {
    const differing = paths(AMAZON_POLICY.growth, HUMANE_POLICY.growth);
    expect(differing).toEqual(['checkIns.defaultCadence', 'checkIns.hrReadsNotes', 'developmentPlans.separateFromPay', 'goals.requireMeasurableResult', 'goals.visibility']);
    const docs = readFileSync(new URL('../../docs/policies.md', import.meta.url), 'utf8');
    for (const path of differing) expect(docs, path).toContain(`\`${path}\``);
  });

  it('maps sections only to evidence dimensions the OLR section has', () => {
    for (const preset of [AMAZON_POLICY, HUMANE_POLICY]) {
      const keys = preset.olr.evidence.dimensions.map((d) => d.key);
      for (const dimension of Object.values(preset.growth.livingDocument.sectionDimensions)) if (dimension !== null) expect(keys).toContain(dimension);
    }
  });
});
