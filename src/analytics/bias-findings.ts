import { belowFourFifths } from './contingency.ts';
import { holmAdjust } from './holm.ts';
import type { BiasAuditReport, Comparison, GroupSummary } from './bias-audit.ts';

/** The level at which the findings call a gap significant, after Holm's correction. */
export const SIGNIFICANCE = 0.05;

/**
 * The report in sentences. A gap is a difference significant at 5% after Holm's correction; with
 * controls, the raw and the adjusted verdicts are set side by side so that a gap explained by how
 * the groups spread over the controls (or hidden by it) is said in words: Simpson's paradox.
 */
export function describeBiasAudit(report: BiasAuditReport): string[] {
  const findings: string[] = [];
  const controls = joinWords(report.controls);
  findings.push(
    `${report.outcome} by ${report.group}: favourable means ${joinWords(report.favourable.map((v) => JSON.stringify(v)), 'or')}; ` +
      `${report.groups.length} group${report.groups.length === 1 ? '' : 's'} shown` +
      (report.reference === null ? '.' : `, each compared with ${JSON.stringify(report.reference)}.`),
  );
  if (report.suppressed.groups > 0) {
    findings.push(
      `${report.suppressed.groups} group${report.suppressed.groups === 1 ? '' : 's'} (${report.suppressed.people} people in all) ` +
        `${report.suppressed.groups === 1 ? 'is' : 'are'} not shown: groups under ${report.minGroup} people are hidden, and so is the ` +
        'next-smallest group whenever the hidden people could otherwise be worked out by subtraction.',
    );
  }
  if (report.comparisons.length === 0) {
    findings.push('Fewer than two groups can be shown, so nothing is compared.');
    return findings;
  }
  const rawHolm = holmAdjust(report.comparisons.map((c) => c.unadjusted.p));
  const byValue = new Map(report.groups.map((g) => [g.value, g]));
  report.comparisons.forEach((c, i) => {
    const group = byValue.get(c.value)!;
    const reference = byValue.get(c.reference)!;
    findings.push(report.controls.length ? describeAdjusted(c, group, reference, rawHolm[i] ?? 1, controls) : describeRaw(c, group, reference));
    const impact = describeImpact(group, reference);
    if (impact) findings.push(impact);
    if (c.ordinal && report.ordinal) {
      const test = report.controls.length && c.ordinal.adjusted ? c.ordinal.adjusted : c.ordinal.unadjusted;
      findings.push(
        `On the full scale (${report.ordinal.grades.join(' < ')}), the mean grade of ${quote(c.value)} is ${round(c.ordinal.meanScore)} against ` +
          `${round(c.ordinal.referenceMeanScore)} for ${quote(c.reference)}` +
          `${report.controls.length && c.ordinal.adjusted ? `; within the same ${controls}` : ''} the difference is ` +
          `${significant(c.ordinal.pHolm) ? '' : 'not '}significant (mean-score test ${formatP(test.p)}, Holm ${formatP(c.ordinal.pHolm)}).`,
      );
    }
  });
  return findings;
}

function describeRaw(c: Comparison, group: GroupSummary, reference: GroupSummary): string {
  return (
    `${sharesOf(group, reference)}: ${significant(c.pHolm) ? 'a significant gap' : 'no significant gap'} ` +
    `(odds ratio ${round(c.unadjusted.oddsRatio)}, chi-square ${round(c.unadjusted.chiSquare)}, ${formatP(c.unadjusted.p)}, Holm ${formatP(c.pHolm)}).`
  );
}

function describeAdjusted(c: Comparison, group: GroupSummary, reference: GroupSummary, rawHolm: number, controls: string): string {
  const adjusted = c.adjusted!;
  const raw = `odds ratio ${round(c.unadjusted.oddsRatio)}, ${formatP(c.unadjusted.p)}, Holm ${formatP(rawHolm)}`;
  if (adjusted.strata === 0) {
    return `${sharesOf(group, reference)} (raw: ${raw}); the two groups share no stratum of ${controls}, so they cannot be compared like with like.`;
  }
  const within =
    `adjusted odds ratio ${round(adjusted.oddsRatio)} (95% CI ${round(adjusted.ciLow)} to ${round(adjusted.ciHigh)}), ` +
    `${formatP(adjusted.p)}, Holm ${formatP(c.pHolm)}, over ${adjusted.strata} strata`;
  const rawGap = rawHolm < SIGNIFICANCE;
  const adjustedGap = significant(c.pHolm);
  const shares = sharesOf(group, reference);
  if (rawGap && !adjustedGap) {
    return (
      `${shares}, a significant raw gap (${raw}) that disappears after controlling for ${controls} (${within}): within the same ` +
      `${controls} the groups do not differ significantly, so the raw gap comes from how they are spread across ${controls} (Simpson's paradox).`
    );
  }
  if (!rawGap && adjustedGap) {
    return (
      `${shares}, no significant raw gap (${raw}), but a gap appears only after controlling for ${controls} (${within}): ` +
      `within the same ${controls} ${oddsWords(c.value, c.reference, adjusted.oddsRatio)}; the groups' spread across ${controls} masked it (Simpson's paradox).`
    );
  }
  if (rawGap && adjustedGap) {
    const reversed = (c.unadjusted.oddsRatio! - 1) * (adjusted.oddsRatio! - 1) < 0;
    return reversed
      ? `${shares}: the significant raw gap (${raw}) reverses after controlling for ${controls} (${within}): ` +
          `within the same ${controls} ${oddsWords(c.value, c.reference, adjusted.oddsRatio)} (Simpson's paradox).`
      : `${shares}: a significant gap (${raw}) that persists after controlling for ${controls} (${within}): ` +
          `within the same ${controls} ${oddsWords(c.value, c.reference, adjusted.oddsRatio)}.`;
  }
  return `${shares}: no significant gap, raw (${raw}) or after controlling for ${controls} (${within}).`;
}

function describeImpact(group: GroupSummary, reference: GroupSummary): string | null {
  const ratio = (a: GroupSummary, b: GroupSummary) => `${((100 * a.favourable * b.n) / (a.n * b.favourable)).toFixed(1)}%`;
  if (reference.favourable > 0 && belowFourFifths(group.favourable, group.n, reference.favourable, reference.n)) {
    return `${quote(group.value)}'s favourable rate is ${ratio(group, reference)} of ${quote(reference.value)}'s, below four-fifths: adverse impact by the four-fifths rule.`;
  }
  if (group.favourable > 0 && belowFourFifths(reference.favourable, reference.n, group.favourable, group.n)) {
    return `${quote(reference.value)}'s favourable rate is ${ratio(reference, group)} of ${quote(group.value)}'s, below four-fifths: adverse impact against the reference group by the four-fifths rule.`;
  }
  return null;
}

function sharesOf(group: GroupSummary, reference: GroupSummary): string {
  return `${quote(group.value)} ${percent(group.share)} favourable against ${percent(reference.share)} for ${quote(reference.value)}`;
}

function oddsWords(value: string, reference: string, odds: number | null): string {
  return `${quote(value)}'s odds of a favourable outcome are ${round(odds)} times ${quote(reference)}'s`;
}

const significant = (p: number | null) => p !== null && p < SIGNIFICANCE;
const quote = (value: string) => JSON.stringify(value);
const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

/** Two decimals, or three significant digits for small numbers, so 0.004 does not read as 0.00. */
export function round(x: number | null): string {
  if (x === null) return 'n/a';
  return Math.abs(x) >= 0.1 || x === 0 ? x.toFixed(2) : x.toPrecision(2);
}

/** p to three decimals, with the floor every reader knows. */
export function formatP(p: number | null): string {
  if (p === null) return 'p n/a';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

function joinWords(words: readonly string[], last = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}
