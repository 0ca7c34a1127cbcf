import { describe, expect, it } from 'vitest';
import { kaplanMeier, logRank, type SurvivalObservation } from './kaplan-meier.ts';

// Freireich et al. (1963) remission times in weeks, as analysed by Gehan (1965) and in R's
// MASS::gehan; `+` marks a censored time. A textbook worked example of Kaplan-Meier and log-rank
// (Kleinbaum and Klein, Survival Analysis, chapter 2): see docs/analytics.md.
const parse = (text: string): SurvivalObservation[] => text.split(' ').map((t) => ({ time: Number(t.replace('+', '')), event: !t.endsWith('+') }));
const DRUG = parse('6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+');
const PLACEBO = parse('1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23');

describe('kaplanMeier', () => {
  it('reproduces the 6-MP group: survival 0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448 and median 23 weeks', () => {
    const km = kaplanMeier(DRUG);
    const at = (t: number) => km.steps.find((s) => s.time === t)!.survival;
    expect([6, 7, 10, 13, 16, 22, 23].map((t) => Number(at(t).toFixed(3)))).toEqual([0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448]);
    expect(km.median).toBe(23);
    expect(km).toMatchObject({ n: 21, events: 9 });
    // Censored people stay at risk at their time: at 10 weeks 15 were at risk (one censored at 10).
    expect(km.steps.find((s) => s.time === 10)).toMatchObject({ atRisk: 15, events: 1, censored: 1 });
  });

  it('gives the placebo median of 8 weeks, and no median when fewer than half had the event', () => {
    expect(kaplanMeier(PLACEBO).median).toBe(8);
    expect(kaplanMeier(parse('3 5+ 7+ 9+')).median).toBeNull();
  });

  it('reaches the median exactly at one half (4 people, 2 events at time 2)', () => {
    expect(kaplanMeier(parse('1+ 2 9+ 9+')).median).toBeNull();
    // Exactly one half at 2 weeks: the first such time (R's survfit would print the midpoint 3.5).
    expect(kaplanMeier(parse('2 2 5 9+')).median).toBe(2);
  });

  it('refuses a negative time', () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(/non-negative/u);
  });
});

describe('logRank', () => {
  it("gives R's survdiff(Surv(time, cens) ~ treat, data = gehan): chi-square 16.8, placebo observed 21 against 10.75 expected", () => {
    const result = logRank([{ group: PLACEBO, reference: DRUG }]);
    expect(result.observed).toBe(21);
    expect(result.expected).toBeCloseTo(10.75, 2);
    expect(result.chiSquare).toBeCloseTo(16.79, 2);
    expect(result.p).toBeCloseTo(4.17e-5, 6);
  });

  it('stratifies: a gap made only by different levels disappears within level', () => {
    // Group A is mostly at a fast level, B mostly at a slow one; within each level they are alike.
    const fast = parse('1 2 3 4');
    const slow = parse('10 11 12 13');
    const pooled = logRank([{ group: [...fast, ...fast, ...fast, ...slow], reference: [...fast, ...slow, ...slow, ...slow] }]);
    const stratified = logRank([
      { group: [...fast, ...fast, ...fast], reference: fast },
      { group: slow, reference: [...slow, ...slow, ...slow] },
    ]);
    expect(pooled.p).toBeLessThan(0.05);
    expect(stratified.chiSquare).toBeCloseTo(0, 10);
    expect(stratified.strata).toBe(2);
  });

  it('has nothing to test without events, or when a stratum lacks a group', () => {
    expect(logRank([{ group: parse('3+ 4+'), reference: parse('5+') }])).toMatchObject({ chiSquare: 0, p: 1, strata: 1 });
    expect(logRank([{ group: [], reference: parse('1 2') }])).toMatchObject({ chiSquare: 0, p: 1, strata: 0 });
  });
});
