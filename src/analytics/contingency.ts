import { chiSquare1UpperTail } from './chi-square.ts';

/**
 * A 2x2 table. Rows: the compared group (a, b) and the reference group (c, d); columns:
 * favourable (a, c) and not favourable (b, d).
 */
export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface PearsonResult {
  chiSquare: number;
  p: number;
}

/**
 * Pearson's chi-square test of independence on a 2x2 table, without continuity correction:
 * X^2 = n (ad - bc)^2 / (r1 r2 c1 c2), 1 degree of freedom (Pearson 1900; Agresti, Categorical Data Analysis).
 * When a margin is empty the outcome (or a group) does not vary, so there is no difference to
 * test: we answer X^2 = 0 and p = 1, which is also what Fisher's exact test gives there.
 */
export function pearsonChiSquare(t: TwoByTwo): PearsonResult {
  const rows = [t.a + t.b, t.c + t.d];
  const cols = [t.a + t.c, t.b + t.d];
  const n = rows[0]! + rows[1]!;
  const denominator = rows[0]! * rows[1]! * cols[0]! * cols[1]!;
  if (denominator === 0) return { chiSquare: 0, p: 1 };
  const cross = t.a * t.d - t.b * t.c;
  // Divide before squaring the big products: 300,000 people would otherwise reach 1e26.
  const chiSquare = ((cross / denominator) * cross) * n;
  return { chiSquare, p: chiSquare1UpperTail(chiSquare) };
}

/**
 * The sample odds ratio (a d) / (b c): the compared group's odds of a favourable outcome over
 * the reference group's. A zero cell makes it 0 or infinite; then we add 0.5 to every cell
 * (Haldane 1956, Anscombe 1956) so the answer stays finite and comparable. When nobody (or
 * everybody) in the two groups was favourable, no odds ratio exists: null.
 */
export function oddsRatio(t: TwoByTwo): number | null {
  if (t.a + t.c === 0 || t.b + t.d === 0 || t.a + t.b === 0 || t.c + t.d === 0) return null;
  if (t.a === 0 || t.b === 0 || t.c === 0 || t.d === 0) {
    return ((t.a + 0.5) * (t.d + 0.5)) / ((t.b + 0.5) * (t.c + 0.5));
  }
  return (t.a * t.d) / (t.b * t.c);
}

/**
 * The adverse-impact ratio: the compared group's favourable rate over the reference group's
 * (29 CFR 1607.4(D), the four-fifths rule). Null when the reference rate is zero.
 */
export function impactRatio(t: TwoByTwo): number | null {
  const n1 = t.a + t.b;
  const n2 = t.c + t.d;
  if (n1 === 0 || n2 === 0 || t.c === 0) return null;
  // One division of exact integer products: 48/100 over 60/100 is exactly 0.8, not 0.7999...
  return (t.a * n2) / (n1 * t.c);
}

/**
 * True when the ratio of favourable rates is below four-fifths, decided on the integer counts
 * so that a ratio of exactly 0.8 is never misjudged by rounding (the rule says "less than").
 */
export function belowFourFifths(favourable: number, n: number, referenceFavourable: number, referenceN: number): boolean {
  return 5 * favourable * referenceN < 4 * referenceFavourable * n;
}
