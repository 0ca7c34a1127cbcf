import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { simulatePolicy, type SimulationParams } from './policy-simulation.ts';

const BASE: SimulationParams = { people: 1000, teamSize: 10, teamSd: 0.5, noiseSd: 0.5, policy: 'forced', leShare: 0.08, runs: 50, seed: 7 };

describe('simulatePolicy', () => {
  it('forced labels round(X * size) in every team, the short last team by its own size', () => {
    // 103 people in teams of 10: ten teams label round(0.8) = 1, the last team of 3 labels round(0.24) = 0.
    const report = simulatePolicy({ ...BASE, people: 103, runs: 5 });
    expect(report.teams).toBe(11);
    expect(report.leShare).toBeCloseTo(10 / 103, 12);
  });

  it('rubric labels about the model share Phi(bar / sqrt(1 + S^2 + E^2)), and exactly X without noise', () => {
    const noisy = simulatePolicy({ ...BASE, policy: 'rubric', people: 5000, runs: 40 });
    const bar = Math.sqrt(1 + 0.25) * -1.4050715603096329; // Phi^-1(0.08) = -1.40507
    expect(noisy.leShare).toBeCloseTo(normalCdf(bar / Math.sqrt(1 + 0.25 + 0.25), 0, 1), 2);
    const exact = simulatePolicy({ ...BASE, policy: 'rubric', noiseSd: 0, people: 5000, runs: 40 });
    expect(exact.leShare).toBeCloseTo(0.08, 2);
  });

  it('without noise the rubric never labels anyone above the median, nor forces any team', () => {
    const report = simulatePolicy({ ...BASE, policy: 'rubric', noiseSd: 0 });
    expect(report.leAboveMedianShare).toBe(0);
    expect(report.teamsForcedToLabelAboveMedian).toBe(0);
  });

  it('forced distribution makes strong teams label people above the median, more so with stronger team effects', () => {
    const weak = simulatePolicy({ ...BASE, teamSd: 0.2, noiseSd: 0 });
    const strong = simulatePolicy({ ...BASE, teamSd: 2, noiseSd: 0 });
    expect(strong.teamsForcedToLabelAboveMedian).toBeGreaterThan(weak.teamsForcedToLabelAboveMedian);
    expect(strong.leAboveMedianShare!).toBeGreaterThan(0.1);
    // With no noise an LE above the median happens only in a team that was forced into it.
    expect(strong.leAboveMedianShare! > 0).toBe(strong.teamsForcedToLabelAboveMedian > 0);
  });

  it('one team the size of the organisation is the same as an org-wide forced ranking', () => {
    const report = simulatePolicy({ ...BASE, teamSize: 1000, noiseSd: 0 });
    expect(report.teams).toBe(1);
    expect(report.leShare).toBe(0.08);
    expect(report.leAboveMedianShare).toBe(0);
  });

  it('is reproducible from its seed and echoes its parameters', () => {
    const first = simulatePolicy(BASE);
    expect(JSON.stringify(simulatePolicy(BASE))).toBe(JSON.stringify(first));
    expect(simulatePolicy({ ...BASE, seed: 8 }).leAboveMedianShare).not.toBe(first.leAboveMedianShare);
    expect(first.params).toEqual(BASE);
    expect(first.runs).toBe(50);
  });

  it('reports no LE-above-median share when no run labelled anyone', () => {
    const report = simulatePolicy({ ...BASE, people: 5, teamSize: 5, leShare: 0.05, runs: 3 });
    expect(report.leShare).toBe(0);
    expect(report.leAboveMedianShare).toBeNull();
  });
});
