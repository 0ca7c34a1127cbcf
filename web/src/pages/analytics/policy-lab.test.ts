import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, NOISE_SDS, seriesOf, sweepPoints, TEAM_SIZES } from './policy-lab.ts';
import type { Simulation } from '../../api/analytics.ts';

describe('sweepPoints', () => {
  it('varies one parameter at a time for each policy, keeping the seed', () => {
    const points = sweepPoints(DEFAULT_PARAMS);
    expect(points).toHaveLength(2 * (TEAM_SIZES.length + NOISE_SDS.length));
    expect(points.filter((p) => p.axis === 'teamSize' && p.body.policy === 'forced').map((p) => p.body.teamSize)).toEqual(TEAM_SIZES);
    expect(points.filter((p) => p.axis === 'noiseSd').every((p) => p.body.teamSize === DEFAULT_PARAMS.teamSize && p.body.seed === 42)).toBe(true);
  });

  it('always includes the chosen team size and noise', () => {
    const points = sweepPoints({ ...DEFAULT_PARAMS, teamSize: 15, noiseSd: 0.7 });
    expect(points.filter((p) => p.axis === 'teamSize' && p.body.policy === 'rubric').map((p) => p.x)).toEqual([5, 10, 15, 20, 50, 100]);
    expect(points.filter((p) => p.axis === 'noiseSd' && p.body.policy === 'rubric').map((p) => p.x)).toEqual([0, 0.25, 0.5, 0.7, 1, 1.5]);
  });
});

describe('seriesOf', () => {
  it('makes one series per policy along the axis, leaving out runs without a value', () => {
    const points = sweepPoints(DEFAULT_PARAMS);
    const results = points.map((point, i) => ({ point, simulation: { leAboveMedianShare: i === 0 ? null : i / 100 } as Simulation }));
    const [forced, rubric] = seriesOf(results, 'teamSize', (s) => s.leAboveMedianShare);
    expect(forced!.points.map((p) => p.x)).toEqual(TEAM_SIZES.slice(1));
    expect(rubric!.points).toHaveLength(TEAM_SIZES.length);
  });
});
