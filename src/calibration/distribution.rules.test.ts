import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OV_RATINGS, ROUNDING_RULES, type DistributionTarget, type OlrPolicy, type OvRating, type RoundingRule } from '../policy/olr.schema.ts';
import { AMAZON_OLR, HUMANE_OLR } from '../policy/olr-presets.ts';
import { allowedCounts, basisPoints, checkDistribution, countRatings, describeViolation, type RatingCounts } from './distribution.rules.ts';

const range = (targets: DistributionTarget[], n: number, rounding: RoundingRule = 'largest-remainder') =>
  Object.fromEntries(allowedCounts(targets, n, rounding).map((t) => [t.rating, t.applies ? `${t.allowedMin}-${t.allowedMax}` : 'n/a']));

const target = (rating: OvRating, minPercent: number, maxPercent: number, fromGroupSize = 1): DistributionTarget => ({ rating, minPercent, maxPercent, fromGroupSize });

/** Targets on a random subset of ratings whose minimums fit in the group, as the schema requires. */
const targetsArb = fc
  .subarray([...OV_RATINGS], { minLength: 1 })
  .chain((ratings) =>
    fc.tuple(
      ...ratings.map((rating) =>
        fc
          .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 40 }))
          .map(([a, b, from]) => target(rating, Math.min(a, b) / 100, Math.max(a, b) / 100, from)),
      ),
    ),
  )
  .filter((targets) => {
    const total = (bound: 'minPercent' | 'maxPercent') => targets.reduce((sum, t) => sum + basisPoints(t[bound]), 0);
    return total('minPercent') <= 10_000 && (targets.length < OV_RATINGS.length || total('maxPercent') >= 10_000);
  });
const sizeArb = fc.integer({ min: 0, max: 400 });
const ruleArb = fc.constantFrom(...ROUNDING_RULES);

const exact = (percent: number, n: number) => (basisPoints(percent) * n) / 10_000;
const counts = (partial: Partial<RatingCounts>): RatingCounts => ({ ...countRatings([]), ...partial });
const distribution = (targets: DistributionTarget[], rounding: RoundingRule = 'largest-remainder'): OlrPolicy['distribution'] => ({ mode: 'forced', rounding, targets });

describe('allowed counts under the amazon preset', () => {
  it('hold no group under 10 people to a target', () => {
    expect(range(AMAZON_OLR.distribution.targets, 9)).toEqual({ TT: 'n/a', HV1: 'n/a', LE: 'n/a' });
    expect(allowedCounts(AMAZON_OLR.distribution.targets, 9, 'largest-remainder')[0]).toEqual({ rating: 'TT', applies: false, allowedMin: 0, allowedMax: 9 });
  });

  it('work out a team of 12 as docs/calibration.md does', () => {
    // Minimums: HV1 4.2, LE 0.6, anyone else 7.2 -> 4 + 0 + 7 = 11, the 12th seat to LE's .6.
    // Maximums: TT 2.4, HV1 4.8, LE 1.2, anyone else 3.6 -> 10, two seats to HV1's .8 and the rest's .6.
    expect(range(AMAZON_OLR.distribution.targets, 12)).toEqual({ TT: '0-2', HV1: '4-5', LE: '1-1' });
  });

  it.each([
    [10, { TT: '0-2', HV1: '4-4', LE: '0-1' }],
    [20, { TT: '0-4', HV1: '7-8', LE: '1-2' }],
    [29, { TT: '0-6', HV1: '10-11', LE: '2-3' }],
    [30, { TT: '0-6', HV1: '11-12', LE: '1-3' }],
    [100, { TT: '0-20', HV1: '35-40', LE: '5-10' }],
  ])('for %i people are %j', (n, expected) => {
    expect(range(AMAZON_OLR.distribution.targets, n)).toEqual(expected);
  });

  it('can require fewer LE at 30 people than at 29 (the Alabama paradox of largest remainder)', () => {
    const le = (n: number) => allowedCounts(AMAZON_OLR.distribution.targets, n, 'largest-remainder').find((t) => t.rating === 'LE')!.allowedMin;
    expect([le(29), le(30)]).toEqual([2, 1]);
    expect(allowedCounts(AMAZON_OLR.distribution.targets, 30, 'nearest').find((t) => t.rating === 'LE')!.allowedMin).toBe(1);
  });
});

describe('allowed counts under the humane preset', () => {
  it('never require anyone to be LE', () => {
    for (const n of [20, 21, 57, 400]) expect(allowedCounts(HUMANE_OLR.distribution.targets, n, 'largest-remainder').every((t) => t.allowedMin === 0)).toBe(true);
    expect(range(HUMANE_OLR.distribution.targets, 20)).toEqual({ TT: '0-5', LE: '0-2' });
  });
});

describe('rounding rules', () => {
  it('keep minimums within the group where rounding each share on its own does not', () => {
    // Three minimums of 30% in a group of 2: 0.6 people each.
    const targets = [target('HV3', 30, 100), target('HV2', 30, 100), target('HV1', 30, 100)];
    const sumOfMins = (rounding: RoundingRule) => allowedCounts(targets, 2, rounding).reduce((sum, t) => sum + t.allowedMin, 0);
    expect(sumOfMins('nearest')).toBe(3);
    expect(sumOfMins('largest-remainder')).toBe(2);
    expect(sumOfMins('outward')).toBe(0);
  });

  it('break exact halves the lenient way: minimums down, maximums up', () => {
    expect(range([target('LE', 5, 5)], 10, 'nearest')).toEqual({ LE: '0-1' });
    expect(range([target('LE', 5, 5)], 10, 'largest-remainder')).toEqual({ LE: '0-1' });
    expect(range([target('LE', 5, 15)], 10, 'outward')).toEqual({ LE: '0-2' });
  });

  it('widen a maximum that the separate apportionments would put below its minimum', () => {
    // One person: HV1's minimum 0.5 wins the minimums' only place; HV3's 0.675 wins the maximums'.
    expect(range([target('HV3', 17.5, 67.5), target('HV1', 50, 52.5)], 1)).toEqual({ HV3: '0-1', HV1: '1-1' });
  });

  it('keep every bound on the floor or ceiling of its exact share, with min <= max', () => {
    fc.assert(
      fc.property(targetsArb, sizeArb, ruleArb, (targets, n, rule) => {
        allowedCounts(targets, n, rule).forEach((r, i) => {
          const t = targets[i]!;
          expect(r.allowedMin).toBeLessThanOrEqual(r.allowedMax);
          if (!r.applies) return expect([n < t.fromGroupSize, r.allowedMin, r.allowedMax]).toEqual([true, 0, n]);
          expect(r.allowedMin).toBeGreaterThanOrEqual(Math.floor(exact(t.minPercent, n)));
          expect(r.allowedMin).toBeLessThanOrEqual(Math.ceil(exact(t.minPercent, n)));
          expect(r.allowedMax).toBeGreaterThanOrEqual(Math.floor(exact(t.maxPercent, n)));
          expect(r.allowedMax).toBeLessThanOrEqual(Math.ceil(exact(t.maxPercent, n)));
        });
      }),
    );
  });

  it('largest remainder: some roster always meets every target at once', () => {
    fc.assert(
      fc.property(targetsArb, sizeArb, (targets, n) => {
        const ranges = allowedCounts(targets, n, 'largest-remainder');
        const mins = ranges.reduce((sum, r) => sum + r.allowedMin, 0);
        expect(mins).toBeLessThanOrEqual(n);
        const applying = ranges.filter((r) => r.applies);
        const open = OV_RATINGS.filter((rating) => !applying.some((r) => r.rating === rating));
        // With every rating under a target (whose maximums then cover the group), the maximums hold everyone.
        if (open.length === 0) expect(applying.reduce((sum, r) => sum + r.allowedMax, 0)).toBeGreaterThanOrEqual(n);
        // Build one: every minimum, then the rest wherever there is room.
        const roster = counts(Object.fromEntries(ranges.map((r) => [r.rating, r.allowedMin])));
        let left = n - mins;
        for (const rating of open) (roster[rating] += left), (left = 0);
        for (const r of ranges) {
          const room = Math.min(left, r.allowedMax - roster[r.rating]);
          roster[r.rating] += room;
          left -= room;
        }
        expect(left).toBe(0);
        expect(checkDistribution(distribution(targets), roster).violations).toEqual([]);
      }),
    );
  });

  it.each(['nearest', 'outward'] as const)('%s: bounds never fall as the group grows', (rule) => {
    fc.assert(
      fc.property(targetsArb, sizeArb, (targets, n) => {
        const grown = targets.map((t) => ({ ...t, fromGroupSize: 1 }));
        const [before, after] = [allowedCounts(grown, n, rule), allowedCounts(grown, n + 1, rule)];
        before.forEach((b, i) => {
          expect(after[i]!.allowedMin).toBeGreaterThanOrEqual(b.allowedMin);
          expect(after[i]!.allowedMax).toBeGreaterThanOrEqual(b.allowedMax);
        });
      }),
    );
  });

  it('largest remainder: a bound falls by at most one person as the group grows', () => {
    fc.assert(
      fc.property(targetsArb, sizeArb, (targets, n) => {
        const grown = targets.map((t) => ({ ...t, fromGroupSize: 1 }));
        const [before, after] = [allowedCounts(grown, n, 'largest-remainder'), allowedCounts(grown, n + 1, 'largest-remainder')];
        before.forEach((b, i) => {
          expect(after[i]!.allowedMin).toBeGreaterThanOrEqual(b.allowedMin - 1);
          expect(after[i]!.allowedMax).toBeGreaterThanOrEqual(b.allowedMax - 1);
        });
      }),
    );
  });
});

describe('checkDistribution', () => {
  const countsArb = fc.record(Object.fromEntries(OV_RATINGS.map((r) => [r, fc.integer({ min: 0, max: 60 })])) as Record<OvRating, fc.Arbitrary<number>>);

  it('is ok exactly when allowedMin <= count <= allowedMax, and lists every other target as a violation with its exact count', () => {
    fc.assert(
      fc.property(targetsArb, countsArb, ruleArb, (targets, roster, rule) => {
        const checked = checkDistribution(distribution(targets, rule), roster);
        expect(checked.size).toBe(OV_RATINGS.reduce((sum, r) => sum + roster[r], 0));
        for (const t of checked.targets) {
          expect(t.count).toBe(roster[t.rating]);
          expect(t.ok).toBe(t.allowedMin <= t.count && t.count <= t.allowedMax);
        }
        expect(checked.violations).toEqual(checked.targets.filter((t) => !t.ok));
      }),
    );
  });

  it('accepts only rosters within one person of every applicable target share', () => {
    fc.assert(
      fc.property(targetsArb, countsArb, ruleArb, (targets, roster, rule) => {
        const checked = checkDistribution(distribution(targets, rule), roster);
        if (checked.violations.length > 0) return;
        targets.forEach((t, i) => {
          if (!checked.targets[i]!.applies) return;
          expect(roster[t.rating]).toBeGreaterThanOrEqual(Math.floor(exact(t.minPercent, checked.size)));
          expect(roster[t.rating]).toBeLessThanOrEqual(Math.ceil(exact(t.maxPercent, checked.size)));
        });
      }),
    );
  });

  it('names which rating is over or under, and by how many people', () => {
    const checked = checkDistribution(AMAZON_OLR.distribution, counts({ TT: 4, HV3: 3, HV2: 2, HV1: 3, LE: 0 }));
    expect(checked.violations.map(describeViolation)).toEqual(['TT: 4 people, at most 2 allowed (2 over)', 'HV1: 3 people, at least 4 required (1 under)', 'LE: 0 people, at least 1 required (1 under)']);
  });
});
