/** How many managers had n reports of whom k were favourable. */
export interface CountPattern {
  n: number;
  k: number;
  managers: number;
}

/** Managers grouped by (n, k): thousands of managers share a few hundred patterns. */
export function countPatterns(counts: readonly { n: number; favourable: number }[]): CountPattern[] {
  const patterns = new Map<string, CountPattern>();
  for (const { n, favourable } of counts) {
    const key = `${n},${favourable}`;
    const pattern = patterns.get(key);
    if (pattern) pattern.managers++;
    else patterns.set(key, { n, k: favourable, managers: 1 });
  }
  return [...patterns.values()];
}

/**
 * Log marginal likelihood of the counts when each manager's rate is drawn from
 * Beta(mean * strength, (1 - mean) * strength), without the binomial coefficients (constant in
 * the prior). For whole counts B(k + a, n - k + b) / B(a, b) is a ratio of rising products, so
 * no gamma function is needed: sum_{t<k} log(a + t) + sum_{t<n-k} log(b + t) - sum_{t<n} log(a + b + t).
 */
export function betaBinomialLogLikelihood(patterns: readonly CountPattern[], mean: number, strength: number): number {
  const alpha = mean * strength;
  const beta = (1 - mean) * strength;
  let total = 0;
  for (const { n, k, managers } of patterns) {
    let term = 0;
    for (let t = 0; t < k; t++) term += Math.log(alpha + t);
    for (let t = 0; t < n - k; t++) term += Math.log(beta + t);
    for (let t = 0; t < n; t++) term -= Math.log(alpha + beta + t);
    total += managers * term;
  }
  return total;
}

/** The search range of the prior strength (alpha + beta), in powers of ten. */
export const STRENGTH_RANGE = { minLog10: -3, maxLog10: 7 } as const;

/**
 * Marginal maximum likelihood of the prior strength with the prior mean held at the
 * organisation's rate: a grid over log10(strength) finds the highest region (the likelihood need
 * not be unimodal), then golden-section search refines it. The upper end of the range stands for
 * "managers differ no more than chance": shrinkage then pulls everyone to the organisation rate.
 */
export function fitPriorStrength(patterns: readonly CountPattern[], mean: number): number {
  const logLikelihood = (log10Strength: number) => betaBinomialLogLikelihood(patterns, mean, 10 ** log10Strength);
  const step = 0.05;
  const points = Math.round((STRENGTH_RANGE.maxLog10 - STRENGTH_RANGE.minLog10) / step);
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i <= points; i++) {
    const value = logLikelihood(STRENGTH_RANGE.minLog10 + i * step);
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  let low = STRENGTH_RANGE.minLog10 + Math.max(0, best - 1) * step;
  let high = STRENGTH_RANGE.minLog10 + Math.min(points, best + 1) * step;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = high - ratio * (high - low);
  let x2 = low + ratio * (high - low);
  let f1 = logLikelihood(x1);
  let f2 = logLikelihood(x2);
  for (let i = 0; i < 60 && high - low > 1e-9; i++) {
    if (f1 >= f2) {
      high = x2;
      x2 = x1;
      f2 = f1;
      x1 = high - ratio * (high - low);
      f1 = logLikelihood(x1);
    } else {
      low = x1;
      x1 = x2;
      f1 = f2;
      x2 = low + ratio * (high - low);
      f2 = logLikelihood(x2);
    }
  }
  const refined = (low + high) / 2;
  // The grid point wins if refinement found nothing better (a flat or boundary maximum).
  return 10 ** (logLikelihood(refined) >= bestValue ? refined : STRENGTH_RANGE.minLog10 + best * step);
}
