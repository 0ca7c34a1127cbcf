import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import { countPatterns, fitPriorStrength } from './beta-binomial.ts';
import { compareText } from './suppression.ts';

export interface ManagerCount {
  manager: string;
  n: number;
  favourable: number;
}

export type DriftFlag = 'high' | 'low' | 'none';

export interface ManagerDrift extends ManagerCount {
  rawRate: number;
  shrunkRate: number;
  probAboveOrg: number;
  flag: DriftFlag;
}

/** The `highbar audit managers` document of CONTRACTS.md, plus the fitted prior and the threshold. */
export interface ManagerDriftReport {
  orgRate: number;
  prior: { alpha: number; beta: number; strength: number; method: 'marginal maximum likelihood' };
  flagProbability: number;
  managers: ManagerDrift[];
}

/**
 * Flag when the posterior puts at least this much probability on one side of the organisation
 * rate: the manager's central 95% credible interval excludes it.
 */
export const DEFAULT_FLAG_PROBABILITY = 0.975;

/**
 * Each manager's share of an outcome, shrunk towards the organisation's rate by empirical Bayes
 * (beta-binomial; Efron and Morris 1975, Casella 1985): the prior Beta(alpha, beta) has the
 * organisation rate as its mean and a strength alpha + beta fitted by marginal maximum likelihood
 * to how much managers really differ. A manager's posterior is Beta(alpha + k, beta + n - k), so a
 * small team moves little from the organisation rate and a large one speaks for itself.
 */
export function assessManagerDrift(counts: readonly ManagerCount[], flagProbability = DEFAULT_FLAG_PROBABILITY): ManagerDriftReport {
  let people = 0;
  let favourable = 0;
  for (const c of counts) {
    people += c.n;
    favourable += c.favourable;
  }
  const orgRate = favourable / people;
  const strength = fitPriorStrength(countPatterns(counts), orgRate);
  const alpha = orgRate * strength;
  const beta = (1 - orgRate) * strength;
  const managers = [...counts]
    .sort((x, y) => compareText(x.manager, y.manager))
    .map((c): ManagerDrift => {
      const a = alpha + c.favourable;
      const b = beta + c.n - c.favourable;
      const probAboveOrg = 1 - betaCdf(orgRate, a, b);
      const flag: DriftFlag = probAboveOrg >= flagProbability ? 'high' : probAboveOrg <= 1 - flagProbability ? 'low' : 'none';
      return { ...c, rawRate: c.favourable / c.n, shrunkRate: a / (a + b), probAboveOrg, flag };
    });
  return { orgRate, prior: { alpha, beta, strength, method: 'marginal maximum likelihood' }, flagProbability, managers };
}
