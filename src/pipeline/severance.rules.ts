import type { PipelinePolicy, SeveranceBand } from '../policy/pipeline.schema.ts';
import type { SeveranceTier } from './stages.ts';

/** Completed years of service from the hire date to the separation date (both YYYY-MM-DD). */
export function completedYears(hireDate: string, separationDate: string): number {
  const [hy, hm, hd] = hireDate.split('-').map(Number) as [number, number, number];
  const [sy, sm, sd] = separationDate.split('-').map(Number) as [number, number, number];
  let years = sy - hy;
  if (sm < hm || (sm === hm && sd < hd)) years -= 1;
  return Math.max(0, years);
}

/** The band for a tenure: the last one whose `fromYears` it has reached. */
export function bandFor(bands: PipelinePolicy['severance']['bands'], years: number): SeveranceBand {
  let band = bands[0]!;
  for (const b of bands) if (years >= b.fromYears) band = b;
  return band;
}

const WEEKS_OF: Record<SeveranceTier, keyof SeveranceBand> = { tier1: 'tier1Weeks', tier2: 'tier2Weeks', minimal: 'minimalWeeks' };

/**
 * The offer letter's figures: weeks of base pay for each tier at the employee's tenure, and the
 * amounts. Money is in whole cents; a week's pay is a 52nd of the annual base, and each amount is
 * rounded once, to the nearest cent (half up), from the exact product.
 */
export function severanceOffer(input: { policy: PipelinePolicy; hireDate: string; separationDate: string; annualBasePayCents: number }) {
  const tenureYears = completedYears(input.hireDate, input.separationDate);
  const band = bandFor(input.policy.severance.bands, tenureYears);
  const amount = (weeks: number) => Math.round((input.annualBasePayCents * weeks) / 52);
  const tiers: SeveranceTier[] = ['tier1', 'tier2', 'minimal'];
  return {
    tenureYears,
    band: { fromYears: band.fromYears },
    weeklyPayCents: Math.round(input.annualBasePayCents / 52),
    offers: tiers.map((tier) => {
      const weeks = band[WEEKS_OF[tier]] as number;
      return { tier, weeks, amountCents: amount(weeks) };
    }),
  };
}
