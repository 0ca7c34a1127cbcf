import { impactRatio, oddsRatio, pearsonChiSquare, type TwoByTwo } from './contingency.ts';
import { holmAdjust } from './holm.ts';
import { mantelHaenszel } from './mantel-haenszel.ts';
import { meanScoreTest } from './mean-score.ts';
import { compareText, suppressGroups } from './suppression.ts';
import { describeBiasAudit } from './bias-findings.ts';
import type { AuditRecord, OrdinalScale, PreparedBiasAudit } from './bias-input.ts';
import type { Checked } from './input-problem.ts';

export interface GroupSummary {
  value: string;
  n: number;
  favourable: number;
  share: number;
}

export interface OrdinalComparison {
  meanScore: number;
  referenceMeanScore: number;
  unadjusted: { chiSquare: number; p: number };
  adjusted: { chiSquare: number; p: number; strata: number } | null;
  /** Holm over the ordinal tests of all comparisons (adjusted when controls are given). */
  pHolm: number | null;
}

export interface Comparison {
  value: string;
  reference: string;
  unadjusted: { oddsRatio: number | null; chiSquare: number; p: number };
  /** Null without controls; its numbers are null when the two groups share no stratum. */
  adjusted: { oddsRatio: number | null; ciLow: number | null; ciHigh: number | null; cmh: number | null; p: number | null; strata: number } | null;
  pHolm: number | null;
  /** This group's favourable rate over the reference's (the four-fifths rule). */
  impactRatio: number | null;
  ordinal: OrdinalComparison | null;
}

/** The `highbar audit bias` document of CONTRACTS.md, plus `favourable`, `ordinal` and `impactRatio`. */
export interface BiasAuditReport {
  outcome: string;
  favourable: string[];
  group: string;
  reference: string | null;
  controls: string[];
  minGroup: number;
  groups: GroupSummary[];
  suppressed: { groups: number; people: number };
  comparisons: Comparison[];
  ordinal: OrdinalScale | null;
  findings: string[];
}

interface Cell {
  n: number;
  favourable: number;
  /** People per ordinal grade, when the outcome has an ordinal view. */
  grades: number[];
}

/**
 * Audits an outcome by group: every visible group against the reference, raw and within control
 * strata, Holm-corrected, with suppression and findings in words. Pure: same records, same report.
 */
export function auditBias(
  prepared: PreparedBiasAudit,
  options: {
    minGroup: number;
    reference?: string;
    /** Groups to suppress whatever their size, with complementary suppression as usual (see suppressGroups). */
    hide?: ReadonlySet<string>;
  },
): Checked<BiasAuditReport> {
  const cells = tabulate(prepared.records, prepared.ordinal);
  const totals = [...cells].map(([value, strata]) => ({ value, ...sumCells([...strata.values()]) }));
  const suppression = suppressGroups(totals, options.minGroup, options.hide);
  const shown = new Set(suppression.visible);
  const visible = totals
    .filter((g) => shown.has(g.value))
    .sort((x, y) => y.n - x.n || compareText(x.value, y.value));

  let reference: string | null = visible[0]?.value ?? null;
  if (options.reference !== undefined) {
    if (!cells.has(options.reference)) {
      const problem = `--reference ${JSON.stringify(options.reference)} is not a value of column ${prepared.group}.`;
      return { ok: false, problems: [{ line: null, column: '-', reason: problem }] };
    }
    if (!shown.has(options.reference)) {
      const problem =
        `The reference group ${JSON.stringify(options.reference)} is suppressed: it has fewer than ${options.minGroup} people, ` +
        'or is hidden so that a smaller group cannot be recovered by subtraction. Choose another reference.';
      return { ok: false, problems: [{ line: null, column: '-', reason: problem }] };
    }
    reference = options.reference;
  }

  const withControls = prepared.controls.length > 0;
  const comparisons = visible
    .filter((g) => g.value !== reference)
    .map((g) => compareGroups(cells.get(g.value)!, cells.get(reference!)!, g.value, reference!, withControls, prepared.ordinal));
  const pHolm = holmAdjust(comparisons.map((c) => (withControls ? (c.adjusted?.p ?? null) : c.unadjusted.p)));
  const ordinalHolm = holmAdjust(comparisons.map((c) => (c.ordinal ? (withControls ? (c.ordinal.adjusted?.p ?? null) : c.ordinal.unadjusted.p) : null)));
  comparisons.forEach((c, i) => {
    c.pHolm = pHolm[i] ?? null;
    if (c.ordinal) c.ordinal.pHolm = ordinalHolm[i] ?? null;
  });

  const report: BiasAuditReport = {
    outcome: prepared.outcome,
    favourable: prepared.favourable,
    group: prepared.group,
    reference,
    controls: prepared.controls,
    minGroup: options.minGroup,
    groups: visible.map((g) => ({ value: g.value, n: g.n, favourable: g.favourable, share: g.favourable / g.n })),
    suppressed: { groups: suppression.hidden.length, people: suppression.hiddenPeople },
    comparisons,
    ordinal: prepared.ordinal,
    findings: [],
  };
  report.findings = describeBiasAudit(report);
  return { ok: true, value: report };
}

/** Counts per group and stratum in one pass, so each comparison reads small maps, not records. */
function tabulate(records: readonly AuditRecord[], ordinal: OrdinalScale | null): Map<string, Map<string, Cell>> {
  const gradeIndex = ordinal ? new Map(ordinal.grades.map((g, i) => [g, i])) : null;
  const cells = new Map<string, Map<string, Cell>>();
  for (const record of records) {
    let strata = cells.get(record.group);
    if (!strata) cells.set(record.group, (strata = new Map()));
    let cell = strata.get(record.stratum);
    if (!cell) strata.set(record.stratum, (cell = { n: 0, favourable: 0, grades: ordinal ? ordinal.grades.map(() => 0) : [] }));
    cell.n++;
    if (record.favourable) cell.favourable++;
    const grade = gradeIndex?.get(record.outcome);
    if (grade !== undefined) cell.grades[grade]!++;
  }
  return cells;
}

function sumCells(cells: readonly Cell[]): Cell {
  const total: Cell = { n: 0, favourable: 0, grades: cells[0]?.grades.map(() => 0) ?? [] };
  for (const cell of cells) {
    total.n += cell.n;
    total.favourable += cell.favourable;
    cell.grades.forEach((count, j) => (total.grades[j]! += count));
  }
  return total;
}

function table(group: Cell, reference: Cell): TwoByTwo {
  return { a: group.favourable, b: group.n - group.favourable, c: reference.favourable, d: reference.n - reference.favourable };
}

function compareGroups(
  group: Map<string, Cell>,
  reference: Map<string, Cell>,
  value: string,
  referenceValue: string,
  withControls: boolean,
  ordinal: OrdinalScale | null,
): Comparison {
  const groupTotal = sumCells([...group.values()]);
  const referenceTotal = sumCells([...reference.values()]);
  const raw = table(groupTotal, referenceTotal);
  // Only strata holding both groups can compare like with like.
  const shared = [...group.keys()].filter((s) => reference.has(s)).sort(compareText);
  let adjusted: Comparison['adjusted'] = null;
  if (withControls) {
    const mh = mantelHaenszel(shared.map((s) => table(group.get(s)!, reference.get(s)!)));
    adjusted = mh.strata === 0 ? { oddsRatio: null, ciLow: null, ciHigh: null, cmh: null, p: null, strata: 0 } : mh;
  }
  return {
    value,
    reference: referenceValue,
    unadjusted: { oddsRatio: oddsRatio(raw), ...pearsonChiSquare(raw) },
    adjusted,
    pHolm: null,
    impactRatio: impactRatio(raw),
    ordinal: ordinal ? compareGrades(groupTotal, referenceTotal, shared.map((s) => [group.get(s)!, reference.get(s)!] as const), withControls, ordinal) : null,
  };
}

function compareGrades(
  group: Cell,
  reference: Cell,
  shared: readonly (readonly [Cell, Cell])[],
  withControls: boolean,
  ordinal: OrdinalScale,
): OrdinalComparison {
  const mean = (cell: Cell) => cell.grades.reduce((total, count, j) => total + count * ordinal.scores[j]!, 0) / cell.n;
  const { chiSquare, p } = meanScoreTest([{ group: group.grades, reference: reference.grades }], ordinal.scores);
  let adjusted: OrdinalComparison['adjusted'] = null;
  if (withControls) {
    const test = meanScoreTest(shared.map(([g, r]) => ({ group: g.grades, reference: r.grades })), ordinal.scores);
    adjusted = test.strata === 0 ? null : test;
  }
  return { meanScore: mean(group), referenceMeanScore: mean(reference), unadjusted: { chiSquare, p }, adjusted, pHolm: null };
}
