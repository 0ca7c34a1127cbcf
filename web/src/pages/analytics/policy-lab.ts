import type { Simulation, SimulationBody } from '../../api/analytics.ts';
import type { ChartSeries } from './LineChart.tsx';

/** The policy lab's base parameters, as the form holds them. */
export interface LabParams {
  people: number;
  teamSize: number;
  teamSd: number;
  noiseSd: number;
  leShare: number;
  runs: number;
  seed: number;
}

export const DEFAULT_PARAMS: LabParams = { people: 2000, teamSize: 10, teamSd: 0.5, noiseSd: 0.5, leShare: 0.08, runs: 100, seed: 42 };
export const TEAM_SIZES = [5, 10, 20, 50, 100];
export const NOISE_SDS = [0, 0.25, 0.5, 1, 1.5];
export const POLICIES = ['forced', 'rubric'] as const;
export const POLICY_NAMES = { forced: 'Forced distribution per team', rubric: 'Absolute rubric' } as const;

/** One simulation request of a sweep: the base parameters with one of them varied. */
export interface SweepPoint {
  axis: 'teamSize' | 'noiseSd';
  x: number;
  body: SimulationBody;
}

/**
 * Every request a sweep makes: each policy along team size, then along noise, from the same seed.
 * The chosen team size and noise are always among the points, so the summary can quote them.
 */
export function sweepPoints(params: LabParams): SweepPoint[] {
  const base = (policy: (typeof POLICIES)[number]): SimulationBody => ({ ...params, policy });
  const along = (values: number[], chosen: number) => [...new Set([...values, chosen])].sort((a, b) => a - b);
  return POLICIES.flatMap((policy) => [
    ...along(TEAM_SIZES, params.teamSize).map((teamSize) => ({ axis: 'teamSize' as const, x: teamSize, body: { ...base(policy), teamSize } })),
    ...along(NOISE_SDS, params.noiseSd).map((noiseSd) => ({ axis: 'noiseSd' as const, x: noiseSd, body: { ...base(policy), noiseSd } })),
  ]);
}

/** Chart series of one measure along one axis, one series per policy. */
export function seriesOf(results: readonly { point: SweepPoint; simulation: Simulation }[], axis: SweepPoint['axis'], measure: (s: Simulation) => number | null): ChartSeries[] {
  return POLICIES.map((policy) => ({
    name: POLICY_NAMES[policy],
    points: results
      .filter((r) => r.point.axis === axis && r.point.body.policy === policy)
      .flatMap((r) => {
        const y = measure(r.simulation);
        return y === null ? [] : [{ x: r.point.x, y }];
      }),
  }));
}
