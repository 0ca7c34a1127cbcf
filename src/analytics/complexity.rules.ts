import { linearTrend, type TrendResult } from './linear-trend.ts';
import { compareText, suppressGroups } from './suppression.ts';
import { formatP, round, SIGNIFICANCE } from './bias-findings.ts';
import type { BiasAuditReport } from './bias-audit.ts';
import type { Checked } from './input-problem.ts';

/**
 * Scores for the values of a complexity attribute, lowest first: the order given, or, without
 * one, the values' own numbers when every value is a number (scope 1..5). Words ("small",
 * "large") have no order a machine may assume, so they need one, and every value seen must be in it.
 */
export function complexityScores(values: readonly string[], order: readonly string[] | undefined, label: string): Checked<Map<string, number>> {
  const distinct = [...new Set(values)];
  if (order && order.length) {
    const missing = distinct.filter((v) => !order.includes(v));
    if (missing.length) return { ok: false, problems: [{ line: null, column: '-', reason: `${label} has values not in the order given: ${missing.slice(0, 10).map((v) => JSON.stringify(v)).join(', ')}.` }] };
    return { ok: true, value: new Map(order.map((v, i) => [v, i + 1])) };
  }
  const numeric = distinct.every((v) => /^-?\d+(\.\d+)?$/u.test(v.trim()));
  if (!numeric) return { ok: false, problems: [{ line: null, column: '-', reason: `${label} has values that are not numbers (${distinct.slice(0, 5).map((v) => JSON.stringify(v)).join(', ')}): give their order, lowest first.` }] };
  return { ok: true, value: new Map(distinct.map((v) => [v, Number(v)])) };
}

export interface ComplexityRow {
  value: string;
  score: number;
  n: number;
  favourable: number;
  share: number;
}

export interface RatingByComplexity {
  rows: ComplexityRow[];
  suppressed: { groups: number; people: number };
  /** Does the favourable share rise (r > 0) or fall with complexity? Over the rows shown. */
  trend: TrendResult & { rows: number };
}

/** The favourable share at each complexity grade (suppressed as every report), and its linear trend. */
export function ratingByComplexity(records: readonly { complexity: string; favourable: boolean }[], scores: ReadonlyMap<string, number>, minGroup: number): RatingByComplexity {
  const counts = new Map<string, { n: number; favourable: number }>();
  for (const r of records) {
    const c = counts.get(r.complexity) ?? { n: 0, favourable: 0 };
    c.n++;
    if (r.favourable) c.favourable++;
    counts.set(r.complexity, c);
  }
  const suppression = suppressGroups([...counts].map(([value, c]) => ({ value, n: c.n })), minGroup);
  const rows = suppression.visible
    .map((value) => ({ value, score: scores.get(value)!, ...counts.get(value)!, share: counts.get(value)!.favourable / counts.get(value)!.n }))
    .sort((x, y) => x.score - y.score || compareText(x.value, y.value));
  return { rows, suppressed: { groups: suppression.hidden.length, people: suppression.hiddenPeople }, trend: { ...linearTrend(rows), rows: rows.length } };
}

export interface GapWithComplexity {
  group: string;
  reference: string;
  /** Within the base controls (level): the usual audit. */
  before: { oddsRatio: number | null; p: number | null; pHolm: number | null };
  /** Within the base controls and complexity. */
  after: { oddsRatio: number | null; p: number | null; pHolm: number | null };
  verdict: 'persists' | 'explained' | 'appears' | 'none';
}

/**
 * Sets the group comparisons of two audits side by side: within the base controls, and within
 * them and complexity. A gap that is significant before and not after is explained by how the
 * groups are spread over complexity (who is given the complex work is then the question); one that
 * stays significant persists after comparing like with like; one that appears only after was masked.
 */
export function compareGaps(before: BiasAuditReport, after: BiasAuditReport): GapWithComplexity[] {
  const afterByGroup = new Map(after.comparisons.map((c) => [`${c.value}\u0000${c.reference}`, c]));
  const pick = (c: BiasAuditReport['comparisons'][number], controlled: boolean) =>
    controlled && c.adjusted ? { oddsRatio: c.adjusted.oddsRatio, p: c.adjusted.p, pHolm: c.pHolm } : { oddsRatio: c.unadjusted.oddsRatio, p: c.unadjusted.p, pHolm: c.pHolm };
  return before.comparisons.flatMap((c) => {
    const other = afterByGroup.get(`${c.value}\u0000${c.reference}`);
    if (!other) return [];
    const b = pick(c, before.controls.length > 0);
    const a = pick(other, true);
    const sig = (x: { pHolm: number | null }) => x.pHolm !== null && x.pHolm < SIGNIFICANCE;
    const verdict = sig(b) ? (sig(a) ? 'persists' : 'explained') : sig(a) ? 'appears' : 'none';
    return [{ group: c.value, reference: c.reference, before: b, after: a, verdict }];
  });
}

/** The complexity analysis in sentences. */
export function describeComplexity(input: { complexityLabel: string; baseControls: string; trend: RatingByComplexity; gaps: readonly GapWithComplexity[]; groupLabel: string }): string[] {
  const { trend } = input.trend;
  const findings: string[] = [];
  if (input.trend.rows.length < 2 || trend.r === null) findings.push(`Fewer than two ${input.complexityLabel} grades can be shown (or the rating does not vary), so whether ratings track ${input.complexityLabel} cannot be said.`);
  else
    findings.push(
      `Ratings ${trend.p < SIGNIFICANCE ? (trend.r > 0 ? 'rise' : 'fall') : 'do not significantly change'} with ${input.complexityLabel} (linear trend over ${input.trend.rows.length} grades: r = ${round(trend.r)}, chi-square ${round(trend.chiSquare)}, ${formatP(trend.p)}).` +
        (trend.p < SIGNIFICANCE && trend.r > 0 ? ' Harder work is rated higher, so groups given different work would differ in ratings for that reason alone.' : ''),
    );
  if (input.trend.suppressed.groups) findings.push(`${input.trend.suppressed.groups} ${input.complexityLabel} grade${input.trend.suppressed.groups === 1 ? '' : 's'} (${input.trend.suppressed.people} people) not shown.`);
  const within = input.baseControls ? `within ${input.baseControls}` : 'overall';
  for (const g of input.gaps) {
    const head = `${JSON.stringify(g.group)} against ${JSON.stringify(g.reference)} (${input.groupLabel}): odds ratio ${round(g.before.oddsRatio)} ${within} (Holm ${formatP(g.before.pHolm)}), ${round(g.after.oddsRatio)} after also controlling for ${input.complexityLabel} (Holm ${formatP(g.after.pHolm)})`;
    const words = {
      persists: `the gap persists when people doing work of the same ${input.complexityLabel} are compared: complexity does not explain it.`,
      explained: `the gap disappears once work of the same ${input.complexityLabel} is compared: it comes from who is given which work, which is itself worth asking about.`,
      appears: `a gap appears only once ${input.complexityLabel} is controlled for: the raw comparison masked it.`,
      none: 'no significant gap either way.',
    }[g.verdict];
    findings.push(`${head}: ${words}`);
  }
  return findings;
}
