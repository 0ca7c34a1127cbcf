import { OV_RATINGS, type DistributionTarget, type OlrPolicy, type OvRating, type RoundingRule } from '../policy/olr.schema.ts';
import { largestRemainder } from './apportion.rules.ts';

/** Shares are held in basis points (1/100 of a percent) so that share x group size is exact. */
const WHOLE = 10_000;
export const basisPoints = (percent: number): number => Math.round(percent * 100);

/**
 * Whole-person bounds for shares (in basis points) of a group of n.
 *
 * Why largest remainder is the default: each bound is a fraction of a person in a small group
 * (5% of 12 is 0.6 people), and rounding each share on its own can ask for more people than
 * the group has. Three minimums of 30% each round to 1 person each in a group of 2. Apportioning
 * the group as one whole, with the share no target claims as an extra "anyone" bucket, keeps
 * the minimums summing to at most n and, when the maximums cover every rating, the maximums
 * summing to at least n: some roster always satisfies every target at once. Each bound still
 * lands on the floor or ceiling of its exact share, so no target moves by more than one person.
 *
 * When a rounding is a coin toss (equal fractions), it goes the way that constrains people
 * less: a minimum's extra seat goes first to "anyone", a maximum's first to the rating. The
 * other rules exist to compare against: `nearest` rounds each bound on its own (halves the
 * same lenient way), `outward` always rounds minimums down and maximums up.
 */
export function shareBounds(shares: readonly number[], n: number, rounding: RoundingRule, bound: 'min' | 'max'): number[] {
  const exact = shares.map((s) => s * n);
  const floor = (x: number) => (x - (x % WHOLE)) / WHOLE;
  const ceil = (x: number) => floor(x) + (x % WHOLE > 0 ? 1 : 0);
  switch (rounding) {
    case 'outward':
      return exact.map(bound === 'min' ? floor : ceil);
    case 'nearest': {
      // An exact half rounds down for a minimum and up for a maximum: the lenient side.
      const up = (x: number) => (bound === 'min' ? 2 * (x % WHOLE) > WHOLE : 2 * (x % WHOLE) >= WHOLE);
      return exact.map((x) => (up(x) ? ceil(x) : floor(x)));
    }
    case 'largest-remainder': {
      const claimed = shares.reduce((sum, s) => sum + s, 0);
      const anyone = Math.max(0, WHOLE - claimed) * n;
      // Ties: larger share first among targets (then listing order); "anyone" is first for
      // minimums and last for maximums, the lenient side in both cases.
      const targets = shares.map((_, i) => i).sort((a, b) => shares[b]! - shares[a]! || a - b);
      const slack = shares.length;
      const tieOrder = bound === 'min' ? [slack, ...targets] : [...targets, slack];
      return largestRemainder([...exact, anyone], WHOLE, tieOrder).slice(0, shares.length);
    }
  }
}

/** A target as it applies to a group of a given size. */
export interface TargetRange {
  rating: OvRating;
  /** False when the group is smaller than the target's `fromGroupSize`: then anything is allowed. */
  applies: boolean;
  allowedMin: number;
  allowedMax: number;
}

/** The allowed count of each target's rating in a group of n, under the policy's rounding rule. */
export function allowedCounts(targets: readonly DistributionTarget[], n: number, rounding: RoundingRule): TargetRange[] {
  const active = targets.filter((t) => n >= t.fromGroupSize);
  const mins = shareBounds(active.map((t) => basisPoints(t.minPercent)), n, rounding, 'min');
  const maxs = shareBounds(active.map((t) => basisPoints(t.maxPercent)), n, rounding, 'max');
  return targets.map((t) => {
    const i = active.indexOf(t);
    if (i < 0) return { rating: t.rating, applies: false, allowedMin: 0, allowedMax: n };
    // The two roundings are separate apportionments, so with a narrow range (min and max inside
    // the same whole person) the max could land below the min; widening the max to the min
    // keeps it on the floor or ceiling of its share and never makes the targets unsatisfiable.
    return { rating: t.rating, applies: true, allowedMin: mins[i]!, allowedMax: Math.max(mins[i]!, maxs[i]!) };
  });
}

export type RatingCounts = Record<OvRating, number>;

export function countRatings(ovs: Iterable<OvRating>): RatingCounts {
  const counts = Object.fromEntries(OV_RATINGS.map((r) => [r, 0])) as RatingCounts;
  for (const ov of ovs) counts[ov]++;
  return counts;
}

/** One target checked against a group: `ok` exactly when allowedMin <= count <= allowedMax. */
export interface TargetCheck extends TargetRange {
  count: number;
  ok: boolean;
}

/** Checks a group's counts against the policy's targets; the violations are the targets not ok. */
export function checkDistribution(distribution: OlrPolicy['distribution'], counts: RatingCounts): { size: number; targets: TargetCheck[]; violations: TargetCheck[] } {
  const size = OV_RATINGS.reduce((sum, r) => sum + counts[r], 0);
  const targets = allowedCounts(distribution.targets, size, distribution.rounding).map((range) => {
    const count = counts[range.rating];
    return { ...range, count, ok: range.allowedMin <= count && count <= range.allowedMax };
  });
  return { size, targets, violations: targets.filter((t) => !t.ok) };
}

/** "LE: 0 people, at least 1 required (1 under)": the exact numbers a calibrator needs to fix it. */
export function describeViolation(v: Pick<TargetCheck, 'rating' | 'count' | 'allowedMin' | 'allowedMax'>): string {
  const people = (k: number) => `${k} ${k === 1 ? 'person' : 'people'}`;
  return v.count > v.allowedMax
    ? `${v.rating}: ${people(v.count)}, at most ${v.allowedMax} allowed (${v.count - v.allowedMax} over)`
    : `${v.rating}: ${people(v.count)}, at least ${v.allowedMin} required (${v.allowedMin - v.count} under)`;
}
