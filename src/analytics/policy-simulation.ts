import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { createNormalSource } from './seeded-normals.ts';

export type SimulatedPolicy = 'forced' | 'rubric';

export interface SimulationParams {
  people: number;
  teamSize: number;
  teamSd: number;
  noiseSd: number;
  policy: SimulatedPolicy;
  leShare: number;
  runs: number;
  seed: number;
}

/** The `highbar simulate` document of CONTRACTS.md, plus the number of teams. */
export interface SimulationReport {
  runs: number;
  /** Mean share of the organisation labelled LE. */
  leShare: number;
  /** Mean, over runs with any LE, of the share of LE-labelled people truly above the org median. */
  leAboveMedianShare: number | null;
  /** Mean number of teams per run whose LE quota exceeds the members at or below the org median. */
  teamsForcedToLabelAboveMedian: number;
  teams: number;
  params: SimulationParams;
}

export const DEFAULT_LE_SHARE = 0.08;

/**
 * Monte Carlo of a labelling policy. Each run draws a fresh organisation: teams of `teamSize` (the
 * last takes the remainder), a team effect N(0, teamSd^2) per team, true performance = team effect
 * + N(0, 1), assessment = true performance + N(0, noiseSd^2), drawn in that order person by person.
 * `forced` labels the round(leShare * size) lowest assessments of each team LE; `rubric` labels LE
 * every assessment below the fixed bar sqrt(1 + teamSd^2) * Phi^-1(leShare), which labels a share
 * leShare of true performances, the org-wide threshold with no noise.
 */
export function simulatePolicy(params: SimulationParams): SimulationReport {
  const { people, teamSize, teamSd, noiseSd, policy, leShare, runs } = params;
  const normal = createNormalSource(params.seed);
  const teams = Math.ceil(people / teamSize);
  const truth = new Float64Array(people);
  const assessed = new Float64Array(people);
  const sorted = new Float64Array(people);
  const rubricBar = normalQuantile(leShare, 0, Math.sqrt(1 + teamSd * teamSd));
  // Whole counts, divided once at the end: summing 1,000 fractions would print 0.09999999999999859.
  let labelledSum = 0;
  let aboveShareSum = 0;
  let runsWithLe = 0;
  let forcedTeamsSum = 0;

  for (let run = 0; run < runs; run++) {
    for (let team = 0; team < teams; team++) {
      const effect = teamSd * normal();
      for (let i = team * teamSize; i < Math.min(people, (team + 1) * teamSize); i++) {
        truth[i] = effect + normal();
        assessed[i] = truth[i]! + noiseSd * normal();
      }
    }
    sorted.set(truth);
    sorted.sort();
    const median = people % 2 ? sorted[(people - 1) / 2]! : (sorted[people / 2 - 1]! + sorted[people / 2]!) / 2;

    let labelled = 0;
    let labelledAbove = 0;
    for (let team = 0; team < teams; team++) {
      const start = team * teamSize;
      const end = Math.min(people, start + teamSize);
      const chosen = policy === 'forced' ? lowestAssessed(assessed, start, end, Math.round(leShare * (end - start))) : belowBar(assessed, start, end, rubricBar);
      labelled += chosen.length;
      for (const i of chosen) if (truth[i]! > median) labelledAbove++;
      if (policy === 'forced') {
        let atOrBelow = 0;
        for (let i = start; i < end; i++) if (truth[i]! <= median) atOrBelow++;
        // The quota cannot be met from people at or below the median, however well they are assessed.
        if (chosen.length > atOrBelow) forcedTeamsSum++;
      }
    }
    labelledSum += labelled;
    if (labelled > 0) {
      aboveShareSum += labelledAbove / labelled;
      runsWithLe++;
    }
  }
  return {
    runs,
    leShare: labelledSum / (people * runs),
    leAboveMedianShare: runsWithLe ? aboveShareSum / runsWithLe : null,
    teamsForcedToLabelAboveMedian: forcedTeamsSum / runs,
    teams,
    params: { ...params },
  };
}

/** Indexes of the `count` lowest assessments in [start, end); ties go to the earlier person. */
function lowestAssessed(assessed: Float64Array, start: number, end: number, count: number): number[] {
  if (count <= 0) return [];
  const members: number[] = [];
  for (let i = start; i < end; i++) members.push(i);
  members.sort((x, y) => assessed[x]! - assessed[y]! || x - y);
  return members.slice(0, count);
}

function belowBar(assessed: Float64Array, start: number, end: number, bar: number): number[] {
  const chosen: number[] = [];
  for (let i = start; i < end; i++) if (assessed[i]! < bar) chosen.push(i);
  return chosen;
}
