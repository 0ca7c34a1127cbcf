import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaBinomialLogLikelihood, countPatterns, fitPriorStrength, STRENGTH_RANGE } from './beta-binomial.ts';

/**
 * The beta-binomial probability of k of n written out independently, as a product of n
 * Polya-urn draws: each favourable draw has probability (alpha + favourable so far) / (alpha +
 * beta + draws so far). Summing log probabilities of one ordering differs from the log-likelihood
 * only by the binomial coefficient, which does not depend on the prior.
 */
function urnLogProbability(n: number, k: number, alpha: number, beta: number): number {
  let log = 0;
  for (let draw = 0; draw < n; draw++) {
    const favourableSoFar = Math.min(draw, k);
    const unfavourableSoFar = draw - favourableSoFar;
    log += draw < k ? Math.log((alpha + favourableSoFar) / (alpha + beta + draw)) : Math.log((beta + unfavourableSoFar) / (alpha + beta + draw));
  }
  return log;
}

describe('betaBinomialLogLikelihood', () => {
  it('equals the Polya urn probability of the same counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.integer({ min: 1, max: 30 }), k: fc.nat(30) }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        (pairs, mean, strength) => {
          const counts = pairs.map((p) => ({ n: p.n, favourable: Math.min(p.k, p.n) }));
          const expected = counts.reduce((t, c) => t + urnLogProbability(c.n, c.favourable, mean * strength, (1 - mean) * strength), 0);
          expect(betaBinomialLogLikelihood(countPatterns(counts), mean, strength)).toBeCloseTo(expected, 6);
        },
      ),
    );
  });
});

describe('fitPriorStrength', () => {
  it('finds a maximum of the likelihood when managers differ more than chance', () => {
    const counts = [
      ...Array.from({ length: 20 }, () => ({ n: 10, favourable: 1 })),
      ...Array.from({ length: 20 }, () => ({ n: 10, favourable: 5 })),
    ];
    const patterns = countPatterns(counts);
    const strength = fitPriorStrength(patterns, 0.3);
    const at = (s: number) => betaBinomialLogLikelihood(patterns, 0.3, s);
    expect(strength).toBeGreaterThan(1);
    expect(strength).toBeLessThan(1000);
    expect(at(strength)).toBeGreaterThanOrEqual(at(strength * 1.02));
    expect(at(strength)).toBeGreaterThanOrEqual(at(strength / 1.02));
  });

  it('runs to the top of its range when managers differ no more than binomial noise', () => {
    // Every manager has exactly the organisation rate: less spread than chance alone would give.
    const counts = Array.from({ length: 30 }, () => ({ n: 10, favourable: 2 }));
    expect(fitPriorStrength(countPatterns(counts), 0.2)).toBeGreaterThan(10 ** (STRENGTH_RANGE.maxLog10 - 0.1));
  });
});
