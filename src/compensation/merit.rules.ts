import type { CompensationPolicy } from '../policy/compensation.schema.ts';
import type { ForteSummary } from '../policy/olr.schema.ts';
import { basisPoints, formatPercent, percentOfCents } from './money.rules.ts';

export type MeritResult =
  | { ok: true; increaseCents: number; newBaseCents: number; band: { minBp: number; maxBp: number } }
  | { ok: false; rule: 'NO_RATING' | 'NO_BAND' | 'OUTSIDE_BAND'; message: string };

/**
 * A merit increase on base, checked against the band for the rating the person was told. The
 * band is keyed by the Forte summary, not the OV, so the raise cannot reveal a hidden rating.
 */
export function meritIncrease(bands: CompensationPolicy['meritBands'], input: { baseCents: number; percent: number; forteSummary: ForteSummary | null }): MeritResult {
  if (!input.forteSummary) return { ok: false, rule: 'NO_RATING', message: 'has no calibrated rating to size a merit increase against' };
  const band = bands.find((b) => b.forteSummary === input.forteSummary);
  if (!band) return { ok: false, rule: 'NO_BAND', message: `the policy has no merit band for ${input.forteSummary}` };
  const bp = basisPoints(input.percent);
  const minBp = basisPoints(band.minPercent);
  const maxBp = basisPoints(band.maxPercent);
  if (bp < minBp || bp > maxBp) {
    return { ok: false, rule: 'OUTSIDE_BAND', message: `${formatPercent(bp)} is outside the ${input.forteSummary} band (${formatPercent(minBp)} to ${formatPercent(maxBp)})` };
  }
  const increaseCents = percentOfCents(input.baseCents, bp);
  return { ok: true, increaseCents, newBaseCents: input.baseCents + increaseCents, band: { minBp, maxBp } };
}
