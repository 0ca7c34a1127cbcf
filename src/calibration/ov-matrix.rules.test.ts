import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMAZON_OLR, HUMANE_OLR } from '../policy/olr-presets.ts';
import { forteRank, forteSummaryOf, isOnScale, layerContradictions, lookupOv, matrixCells, ovRank } from './ov-matrix.rules.ts';

const performance = fc.integer({ min: 1, max: 7 });
const potential = fc.integer({ min: 1, max: 4 });

describe('the OV matrix', () => {
  it('reproduces the seed’s counter-intuitive case under amazon: an "Exceeds" performer with low potential ends below a "Meets" colleague with high potential', () => {
    const exceedsLowPotential = { ov: lookupOv(AMAZON_OLR, 5, 1), forte: forteSummaryOf(AMAZON_OLR, 5) };
    const meetsHighPotential = { ov: lookupOv(AMAZON_OLR, 4, 4), forte: forteSummaryOf(AMAZON_OLR, 4) };
    expect(exceedsLowPotential).toEqual({ ov: 'HV1', forte: 'Exceeds High Bar' });
    expect(meetsHighPotential).toEqual({ ov: 'HV3', forte: 'Meets High Bar' });
    expect(ovRank(exceedsLowPotential.ov)).toBeLessThan(ovRank(meetsHighPotential.ov));
  });

  it('under humane never ranks anyone’s OV above a colleague whose Forte summary is better', () => {
    expect(layerContradictions(HUMANE_OLR)).toEqual([]);
    expect(layerContradictions(AMAZON_OLR).length).toBeGreaterThan(0);
  });

  it('has 28 cells in both presets, each one of the five OV ratings', () => {
    for (const olr of [AMAZON_OLR, HUMANE_OLR]) {
      const cells = matrixCells(olr);
      expect(cells).toHaveLength(28);
      expect(new Set(cells.map((c) => c.ov))).toEqual(new Set(['TT', 'HV3', 'HV2', 'HV1', 'LE']));
    }
  });

  it('never lowers the OV when performance or potential rises, in either preset', () => {
    for (const olr of [AMAZON_OLR, HUMANE_OLR]) {
      fc.assert(
        fc.property(performance, potential, (p, q) => {
          if (p < 7) expect(ovRank(lookupOv(olr, p + 1, q))).toBeGreaterThanOrEqual(ovRank(lookupOv(olr, p, q)));
          if (q < 4) expect(ovRank(lookupOv(olr, p, q + 1))).toBeGreaterThanOrEqual(ovRank(lookupOv(olr, p, q)));
        }),
      );
    }
  });

  it('refuses ratings off the scales rather than guessing', () => {
    expect(() => lookupOv(AMAZON_OLR, 8, 1)).toThrow(RangeError);
    expect(() => lookupOv(AMAZON_OLR, 4, 0)).toThrow(RangeError);
    expect(() => forteSummaryOf(AMAZON_OLR, 0)).toThrow(RangeError);
    expect([0, 1, 7, 8, 2.5].map((v) => isOnScale(AMAZON_OLR.scales.performance, v))).toEqual([false, true, true, false, false]);
  });
});

describe('the Forte summary', () => {
  it('follows performance alone: potential never changes it', () => {
    for (const olr of [AMAZON_OLR, HUMANE_OLR]) {
      const cells = matrixCells(olr);
      const forteAt = (p: number, q: number) => cells.find((c) => c.performance === p && c.potential === q)!.forte;
      fc.assert(fc.property(performance, potential, potential, (p, q1, q2) => forteAt(p, q1) === forteAt(p, q2) && forteAt(p, q1) === forteSummaryOf(olr, p)));
    }
  });

  it('maps 5-7 to Exceeds, 3-4 to Meets and 1-2 to Needs Improvement in both presets', () => {
    for (const olr of [AMAZON_OLR, HUMANE_OLR]) {
      expect([1, 2, 3, 4, 5, 6, 7].map((p) => forteSummaryOf(olr, p))).toEqual([
        'Needs Improvement',
        'Needs Improvement',
        'Meets High Bar',
        'Meets High Bar',
        'Exceeds High Bar',
        'Exceeds High Bar',
        'Exceeds High Bar',
      ]);
    }
    expect(forteRank('Exceeds High Bar')).toBeGreaterThan(forteRank('Meets High Bar'));
  });
});
