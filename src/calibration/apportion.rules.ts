/**
 * Hamilton's largest-remainder method on exact rationals: bucket i's quota is
 * numerators[i] / denominator. Each bucket gets the whole part of its quota, and the seats left
 * over (the total quota rounded half up, minus those whole parts) go one each to the buckets
 * with the largest fractional parts. Every bucket therefore ends on the floor or the ceiling of
 * its quota, and the allocation adds up to the rounded total: no rounding step can create or
 * lose a person, which independent rounding of each share does.
 *
 * Ties between equal fractional parts go to the bucket that comes first in `tieOrder` (a list
 * of bucket indexes; default: index order), so the result never depends on sort stability.
 * Numerators must be non-negative integers, kept below 2^53 by the caller.
 */
export function largestRemainder(numerators: readonly number[], denominator: number, tieOrder?: readonly number[]): number[] {
  const whole = numerators.map((n) => (n - (n % denominator)) / denominator);
  const remainders = numerators.map((n) => n % denominator);
  const total = numerators.reduce((sum, n) => sum + n, 0);
  const totalWhole = (total - (total % denominator)) / denominator;
  const seats = totalWhole + (2 * (total % denominator) >= denominator ? 1 : 0);
  let extra = seats - whole.reduce((sum, w) => sum + w, 0);
  const order = tieOrder ?? numerators.map((_, i) => i);
  const position = new Map(order.map((bucket, rank) => [bucket, rank]));
  const byRemainder = numerators
    .map((_, i) => i)
    .filter((i) => remainders[i]! > 0)
    .sort((a, b) => remainders[b]! - remainders[a]! || position.get(a)! - position.get(b)!);
  const allocation = [...whole];
  for (const i of byRemainder) {
    if (extra <= 0) break;
    allocation[i]!++;
    extra--;
  }
  return allocation;
}
