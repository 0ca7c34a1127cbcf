import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMAZON_OLR, HUMANE_OLR } from '../policy/olr-presets.ts';
import { checkEvidence } from './evidence.rules.ts';

describe('the evidence threshold', () => {
  it('is met with evidence in 2 of the 3 dimensions, and blocks under humane otherwise', () => {
    expect(checkEvidence(HUMANE_OLR.evidence, { delivery: 3, systemImpact: 1 })).toEqual({ present: ['delivery', 'systemImpact'], missing: ['collaboration'], required: 2, met: true, outcome: 'ok' });
    expect(checkEvidence(HUMANE_OLR.evidence, { delivery: 5 })).toEqual({ present: ['delivery'], missing: ['collaboration', 'systemImpact'], required: 2, met: false, outcome: 'block' });
  });

  it('counts breadth, not volume: ten launches are one dimension', () => {
    expect(checkEvidence(HUMANE_OLR.evidence, { delivery: 10, collaboration: 0 }).met).toBe(false);
  });

  it('ignores dimensions the policy does not list', () => {
    expect(checkEvidence(HUMANE_OLR.evidence, { delivery: 1, charisma: 4 }).met).toBe(false);
  });

  it('only reports under amazon, where it is off, and warns when the policy says warn', () => {
    expect(checkEvidence(AMAZON_OLR.evidence, {})).toMatchObject({ met: false, outcome: 'ok' });
    expect(checkEvidence({ ...HUMANE_OLR.evidence, enforcement: 'warn' }, {})).toMatchObject({ met: false, outcome: 'warn' });
  });

  it('is met exactly when at least the required number of dimensions hold evidence', () => {
    const items = fc.record({ delivery: fc.nat(3), collaboration: fc.nat(3), systemImpact: fc.nat(3) });
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 3 }), (evidence, required) => {
        const check = checkEvidence({ ...HUMANE_OLR.evidence, minimumDimensions: required }, evidence);
        expect(check.met).toBe(Object.values(evidence).filter((n) => n > 0).length >= required);
        expect([...check.present, ...check.missing].sort()).toEqual(['collaboration', 'delivery', 'systemImpact']);
        expect(check.outcome).toBe(check.met ? 'ok' : 'block');
      }),
    );
  });
});
