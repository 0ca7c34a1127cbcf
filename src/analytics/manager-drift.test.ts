import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessManagerDrift, type ManagerCount } from './manager-drift.ts';

/** P(X > x) for X ~ Beta(a, b) by Simpson's rule on the unnormalised density: an independent check of the stdlib CDF. */
function betaTail(x: number, a: number, b: number): number {
  const steps = 20_000;
  const logDensity = (t: number) => (a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t);
  const grid = Array.from({ length: steps + 1 }, (_, i) => Math.min(1 - 1e-12, Math.max(1e-12, i / steps)));
  const peak = Math.max(...grid.map(logDensity));
  const integrate = (from: number, to: number) => {
    const h = (to - from) / steps;
    let total = 0;
    for (let i = 0; i <= steps; i++) {
      const t = Math.min(1 - 1e-12, Math.max(1e-12, from + i * h));
      total += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp(logDensity(t) - peak);
    }
    return (total * h) / 3;
  };
  return integrate(x, 1) / integrate(0, 1);
}

/**
 * A realistic organisation: 60 managers of 8 people with a top-rating share near 15%, varying a
 * little from team to team, then the two managers the issue talks about.
 */
function organisation(extra: ManagerCount[]): ManagerCount[] {
  const pattern = [0, 1, 1, 2, 0, 1, 3, 1, 0, 1];
  return [...Array.from({ length: 60 }, (_, i) => ({ manager: `m${String(i).padStart(2, '0')}`, n: 8, favourable: pattern[i % 10]! })), ...extra];
}

describe('assessManagerDrift', () => {
  const report = assessManagerDrift(organisation([
    { manager: 'small', n: 3, favourable: 2 },
    { manager: 'large', n: 40, favourable: 14 },
  ]));
  const byName = new Map(report.managers.map((m) => [m.manager, m]));

  it('does not flag a manager with 3 people and 2 top ratings: that is noise at this size', () => {
    const small = byName.get('small')!;
    expect(small.rawRate).toBeCloseTo(2 / 3, 12);
    expect(small.shrunkRate).toBeLessThan(0.25);
    expect(small.flag).toBe('none');
  });

  it('flags a manager with 40 people and an unusual share', () => {
    const large = byName.get('large')!;
    expect(large.rawRate).toBe(0.35);
    expect(large.probAboveOrg).toBeGreaterThanOrEqual(report.flagProbability);
    expect(large.flag).toBe('high');
  });

  it('flags a large team that never gets the outcome as low', () => {
    const low = assessManagerDrift(organisation([
      { manager: 'large', n: 40, favourable: 14 },
      { manager: 'stingy', n: 40, favourable: 0 },
    ]));
    expect(low.managers.find((m) => m.manager === 'stingy')!.flag).toBe('low');
    expect(low.managers.filter((m) => m.flag !== 'none').map((m) => m.manager)).toEqual(['large', 'stingy']);
  });

  it('flags nobody when managers differ no more than chance', () => {
    const even = assessManagerDrift(organisation([]));
    expect(even.prior.strength).toBeGreaterThan(1e6);
    expect(even.managers.every((m) => m.flag === 'none')).toBe(true);
  });

  it('uses the organisation rate as the prior mean and the posterior beta for probAboveOrg', () => {
    const people = report.managers.reduce((t, m) => t + m.n, 0);
    const favourable = report.managers.reduce((t, m) => t + m.favourable, 0);
    expect(report.orgRate).toBeCloseTo(favourable / people, 15);
    expect(report.prior.alpha / (report.prior.alpha + report.prior.beta)).toBeCloseTo(report.orgRate, 12);
    for (const name of ['small', 'large', 'm06']) {
      const m = byName.get(name)!;
      const a = report.prior.alpha + m.favourable;
      const b = report.prior.beta + m.n - m.favourable;
      expect(m.shrunkRate).toBeCloseTo(a / (a + b), 12);
      expect(m.probAboveOrg).toBeCloseTo(betaTail(report.orgRate, a, b), 5);
    }
  });

  it('shrinks every raw rate towards the organisation rate, never past it, and more for smaller teams', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.integer({ min: 1, max: 50 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 2, maxLength: 25 }),
        (teams) => {
          const counts = teams.map((t, i) => ({ manager: `m${i}`, n: t.n, favourable: Math.round(t.share * t.n) }));
          const total = counts.reduce((s, c) => s + c.favourable, 0);
          fc.pre(total > 0 && total < counts.reduce((s, c) => s + c.n, 0));
          const drift = assessManagerDrift(counts);
          for (const m of drift.managers) {
            const low = Math.min(m.rawRate, drift.orgRate) - 1e-12;
            const high = Math.max(m.rawRate, drift.orgRate) + 1e-12;
            expect(m.shrunkRate).toBeGreaterThanOrEqual(low);
            expect(m.shrunkRate).toBeLessThanOrEqual(high);
            expect(m.probAboveOrg).toBeGreaterThanOrEqual(0);
            expect(m.probAboveOrg).toBeLessThanOrEqual(1);
            expect(m.flag).toBe(m.probAboveOrg >= drift.flagProbability ? 'high' : m.probAboveOrg <= 1 - drift.flagProbability ? 'low' : 'none');
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lists managers in a fixed order whatever the input order', () => {
    const counts = organisation([]);
    expect(assessManagerDrift([...counts].reverse())).toEqual(assessManagerDrift(counts));
  });
});
