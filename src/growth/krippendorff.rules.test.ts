import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from './krippendorff.rules.ts';

/** Raters in rows, units in columns, null for a missing rating: the layout of the published tables. */
function byUnit(rows: (number | null)[][]): number[][] {
  return rows[0]!.map((_, u) => rows.map((r) => r[u]).filter((v): v is number => v !== null && v !== undefined));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C onward: four
// observers, twelve units, values 1 to 5, some missing (the same table as Content Analysis, 4th
// ed., chapter 12). The paper gives nominal .743, ordinal .815, interval .849. Written out in
// docs/growth.md.
const KRIPPENDORFF_2011 = byUnit([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
]);

// The computational example of the Wikipedia article "Krippendorff's alpha": three coders,
// fifteen units; nominal 0.691, interval 0.811.
const WIKIPEDIA = byUnit([
  [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
  [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
  [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
]);

describe('krippendorffAlpha', () => {
  it('reproduces Krippendorff (2011): nominal .743, ordinal .815, interval .849', () => {
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'nominal').alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'ordinal').alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'interval').alpha).toBeCloseTo(0.849, 3);
    // The unit rated by one observer alone is not pairable: 40 values of the 41 count.
    expect(krippendorffAlpha(KRIPPENDORFF_2011, 'interval').pairable).toBe(40);
  });

  it('reproduces the Wikipedia example: nominal 0.691, interval 0.811', () => {
    expect(krippendorffAlpha(WIKIPEDIA, 'nominal').alpha).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(WIKIPEDIA, 'interval').alpha).toBeCloseTo(0.811, 3);
  });

  it('is 1 when every rater agrees on every unit and the units differ', () => {
    expect(krippendorffAlpha([[1, 1, 1], [3, 3, 3], [5, 5]], 'ordinal').alpha).toBe(1);
  });

  it('is undefined without variation or without a pair', () => {
    expect(krippendorffAlpha([[2, 2], [2, 2, 2]], 'interval').alpha).toBeNull();
    expect(krippendorffAlpha([[2], [4]], 'interval')).toMatchObject({ alpha: null, pairable: 0 });
  });

  it('falls below zero when raters disagree systematically', () => {
    // Two raters who always pick opposite ends of the scale.
    expect(krippendorffAlpha([[1, 5], [5, 1], [1, 5], [5, 1]], 'interval').alpha!).toBeLessThan(0);
  });

  const ratings = fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 12 });

  it('never exceeds 1, and does not depend on the order of raters or units', () => {
    fc.assert(
      fc.property(ratings, fc.constantFrom('nominal' as const, 'ordinal' as const, 'interval' as const), (units, metric) => {
        const result = krippendorffAlpha(units, metric);
        if (result.alpha === null) return;
        expect(result.alpha).toBeLessThanOrEqual(1 + 1e-12);
        const shuffled = [...units].reverse().map((u) => [...u].reverse());
        expect(krippendorffAlpha(shuffled, metric).alpha!).toBeCloseTo(result.alpha, 9);
      }),
    );
  });

  it('is unchanged by shifting an interval scale', () => {
    fc.assert(
      fc.property(ratings, fc.integer({ min: -10, max: 10 }), (units, shift) => {
        const base = krippendorffAlpha(units, 'interval').alpha;
        const moved = krippendorffAlpha(units.map((u) => u.map((v) => v + shift)), 'interval').alpha;
        if (base === null) expect(moved).toBeNull();
        else expect(moved!).toBeCloseTo(base, 9);
      }),
    );
  });
});
