import { describe, expect, it } from 'vitest';
import { policySchema } from './policy.schema.ts';
import { AMAZON_POLICY, HUMANE_POLICY, PRESETS } from './presets.ts';

/** A copy of a preset with `edit` applied to its pipeline section. */
function withPipeline(edit: (pipeline: Record<string, any>) => void, base = AMAZON_POLICY): unknown {
  const copy = structuredClone(base) as Record<string, any>;
  edit(copy.pipeline);
  return copy;
}

const problems = (input: unknown) => {
  const result = policySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the pipeline section of a policy', () => {
  it.each(Object.keys(PRESETS))('is valid in the %s preset', (key) => {
    expect(problems(PRESETS[key])).toEqual([]);
  });

  it('is optional, so policy versions stored before the pipeline still load', () => {
    const { pipeline: _pipeline, ...older } = AMAZON_POLICY;
    expect(policySchema.parse(older).pipeline).toBeUndefined();
  });

  it('keeps severance falling at each stage in every band', () => {
    expect(problems(withPipeline((p) => (p.severance.bands[1].tier2Weeks = 13)))).toEqual(['pipeline.severance.bands.1.tier2Weeks: Tier 2 (13 weeks) must be less than Tier 1 (13 weeks)']);
    expect(problems(withPipeline((p) => (p.severance.bands[0].minimalWeeks = 5)))).toEqual(['pipeline.severance.bands.0.minimalWeeks: minimal severance (5 weeks) must be less than Tier 2 (4 weeks)']);
  });

  it('needs bands that start at 0 years and go up', () => {
    expect(problems(withPipeline((p) => (p.severance.bands[0].fromYears = 1)))).toEqual(['pipeline.severance.bands.0.fromYears: the first band starts at 0 years, so everyone has one']);
    expect(problems(withPipeline((p) => (p.severance.bands[2].fromYears = 2)))).toEqual(['pipeline.severance.bands.2.fromYears: bands go up in years: 2 follows 2']);
  });

  it('needs an odd jury and defaults within their ranges', () => {
    expect(problems(withPipeline((p) => (p.appeal.jurySize = 4)))).toEqual(['pipeline.appeal.jurySize: an odd number of jurors, so a majority exists (found 4)']);
    expect(problems(withPipeline((p) => (p.pip.defaultDays = 120)))).toEqual(['pipeline.pip.defaultDays: defaultDays (120) must lie between 30 and 90']);
    expect(problems(withPipeline((p) => (p.focus.minLengthDays = 60)))).toEqual(['pipeline.focus.minLengthDays: minLengthDays (60) must not exceed maxLengthDays (45)']);
  });

  it('refuses unknown fields and ratings', () => {
    expect(problems(withPipeline((p) => (p.focus.secret = true)))).toHaveLength(1);
    expect(problems(withPipeline((p) => (p.identification.ratings = ['LE', 'XX'])))).toHaveLength(1);
  });

  it('differs between the presets as docs/policies.md says', () => {
    const [amazon, humane] = [AMAZON_POLICY.pipeline, HUMANE_POLICY.pipeline];
    expect([amazon.focus.visibleToEmployee, humane.focus.visibleToEmployee]).toEqual([false, true]);
    expect([amazon.focus.label, humane.focus.label]).toEqual(['Focus', 'Support plan']);
    expect([amazon.focus.requireAcknowledgement, humane.focus.requireAcknowledgement]).toEqual([false, true]);
    expect([amazon.focus.blocksInternalTransfer, humane.focus.blocksInternalTransfer]).toEqual([true, false]);
    expect([amazon.pip.failBeforeEnd, humane.pip.failBeforeEnd]).toEqual([true, false]);
    expect([amazon.ura.targetPercent, humane.ura.targetPercent]).toEqual([6, 6]);
    expect([amazon.pip.minDays, amazon.pip.maxDays, humane.pip.minDays, humane.pip.maxDays]).toEqual([30, 90, 30, 90]);
  });
});
