import { describe, expect, it } from 'vitest';
import { AMAZON_PIPELINE, HUMANE_PIPELINE } from '../policy/pipeline-presets.ts';
import { bandFor, completedYears, severanceOffer } from './severance.rules.ts';

describe('severance', () => {
  it('counts completed years of service up to the separation date', () => {
    expect(completedYears('2022-03-15', '2027-03-14')).toBe(4);
    expect(completedYears('2022-03-15', '2027-03-15')).toBe(5);
    expect(completedYears('2024-02-29', '2025-02-28')).toBe(0);
    expect(completedYears('2027-05-01', '2027-03-01')).toBe(0);
  });

  it('takes the last band the tenure has reached', () => {
    const bands = AMAZON_PIPELINE.severance.bands;
    expect([0, 1, 2, 4, 5, 30].map((y) => bandFor(bands, y).fromYears)).toEqual([0, 0, 2, 2, 5, 5]);
  });

  it('computes the offer letter figures (the worked example in docs/pipeline.md)', () => {
    // Hired 2023-06-12, leaving 2027-04-30: 3 completed years, the 2-year band (13 / 6 / 2 weeks).
    const offer = severanceOffer({ policy: AMAZON_PIPELINE, hireDate: '2023-06-12', separationDate: '2027-04-30', annualBasePayCents: 15_600_000 });
    expect(offer).toEqual({
      tenureYears: 3,
      band: { fromYears: 2 },
      weeklyPayCents: 300_000,
      offers: [
        { tier: 'tier1', weeks: 13, amountCents: 3_900_000 },
        { tier: 'tier2', weeks: 6, amountCents: 1_800_000 },
        { tier: 'minimal', weeks: 2, amountCents: 600_000 },
      ],
    });
  });

  it('rounds each amount once, to the nearest cent', () => {
    // 123,456.78 a year: a week is 2,374.168846...; 10 weeks 23,741.688461... → 23,741.69.
    const offer = severanceOffer({ policy: AMAZON_PIPELINE, hireDate: '2026-01-01', separationDate: '2027-01-01', annualBasePayCents: 12_345_678 });
    expect(offer.offers[0]).toEqual({ tier: 'tier1', weeks: 10, amountCents: 2_374_169 });
    expect(offer.weeklyPayCents).toBe(237_417);
  });

  it('falls at each stage in both presets and every band', () => {
    for (const policy of [AMAZON_PIPELINE, HUMANE_PIPELINE]) {
      for (const band of policy.severance.bands) {
        const amounts = severanceOffer({ policy, hireDate: '2000-01-01', separationDate: `${2000 + band.fromYears}-06-01`, annualBasePayCents: 10_000_000 }).offers.map((o) => o.amountCents);
        expect(amounts[0]).toBeGreaterThan(amounts[1]!);
        expect(amounts[1]).toBeGreaterThan(amounts[2]!);
      }
    }
  });
});
