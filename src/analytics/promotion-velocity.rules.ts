import { kaplanMeier, logRank, type SurvivalObservation } from './kaplan-meier.ts';
import { holmAdjust } from './holm.ts';
import { compareText, suppressGroups } from './suppression.ts';
import { formatP, round, SIGNIFICANCE } from './bias-findings.ts';
import type { Checked } from './input-problem.ts';

const DAY = 86_400_000;
/** Days in an average month (365.25 / 12): medians are reported in months. */
export const DAYS_PER_MONTH = 30.4375;

/** A person's promotions on record, and what ends their observation. */
export interface PromotionHistory {
  personId: number;
  /** YYYY-MM-DD. */
  hireDate: string;
  currentLevel: string;
  /** The day they left (YYYY-MM-DD), or null while they are here. */
  leftOn: string | null;
  promotions: readonly { on: string; fromLevel: string | null; toLevel: string }[];
}

/** A stretch of time spent at one level, ended by a promotion or by the end of observation. */
export interface WaitSpell {
  personId: number;
  level: string;
  startedOn: string;
  days: number;
  promoted: boolean;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The waits of one person: from hire to the first promotion, from each promotion to the next,
 * and from the last one to today or the day they left, which is a censored wait: they have not
 * been promoted *yet* (or left before), and dropping them would make every group look faster than
 * it is. Promotions after `asOf` are not yet known. A promotion whose from-level is not on record
 * takes the level the previous promotion led to; the first wait's level is unknown then, and that
 * wait is left out (counted by the caller as `unknownLevel`).
 */
export function waitSpells(history: PromotionHistory, asOf: string): { spells: WaitSpell[]; unknownLevel: number } {
  if (history.hireDate > asOf) return { spells: [], unknownLevel: 0 };
  const promotions = history.promotions.filter((p) => p.on <= asOf && p.on >= history.hireDate).sort((x, y) => compareText(x.on, y.on));
  const spells: WaitSpell[] = [];
  let unknownLevel = 0;
  let startedOn = history.hireDate;
  let level: string | null = promotions[0]?.fromLevel ?? (promotions.length ? null : history.currentLevel);
  for (const p of promotions) {
    const from = p.fromLevel ?? level;
    if (from === null) unknownLevel++;
    else spells.push({ personId: history.personId, level: from, startedOn, days: daysBetween(startedOn, p.on), promoted: true });
    startedOn = p.on;
    level = p.toLevel;
  }
  const end = history.leftOn !== null && history.leftOn < asOf ? history.leftOn : asOf;
  if (end >= startedOn) spells.push({ personId: history.personId, level: level ?? history.currentLevel, startedOn, days: daysBetween(startedOn, end), promoted: false });
  return { spells, unknownLevel };
}

/** A wait with the group its person belongs to. */
export interface GroupedSpell extends WaitSpell {
  group: string;
}

export interface VelocityCell {
  group: string;
  n: number;
  promoted: number;
  /** Still waiting (or left before a promotion): censored, not dropped. */
  censored: number;
  /** Kaplan-Meier median wait in months; null when fewer than half were seen promoted. */
  medianMonths: number | null;
  /** Share promoted within 12, 24 and 36 months by Kaplan-Meier (1 - S(t)); null past the longest wait watched. */
  promotedBy: { months12: number | null; months24: number | null; months36: number | null };
}

export interface VelocityLevel {
  level: string;
  groups: VelocityCell[];
  suppressed: { groups: number; people: number };
}

export interface VelocityComparison {
  group: string;
  reference: string;
  /** Promotions observed in the group, and expected were its waits like the reference's at the same level. */
  observed: number;
  expected: number;
  chiSquare: number;
  p: number;
  pHolm: number | null;
  /** Levels where both were shown. */
  levels: number;
}

export interface VelocityReport {
  group: string;
  reference: string | null;
  minGroup: number;
  asOf: string;
  levels: VelocityLevel[];
  comparisons: VelocityComparison[];
  suppressed: { cells: number; people: number };
  findings: string[];
}

/**
 * Promotion velocity by group within level: for each level, each group's Kaplan-Meier median wait
 * (suppressed per level as every other report is: under the minimum, and complementary), and for
 * each group against the reference a log-rank test stratified by level over the cells shown, so
 * a group is only compared with people at the same level and hidden cells take no part.
 */
export function promotionVelocity(spells: readonly GroupedSpell[], options: { groupLabel: string; minGroup: number; asOf: string; reference?: string }): Checked<VelocityReport> {
  const byLevel = new Map<string, Map<string, GroupedSpell[]>>();
  for (const s of spells) {
    let groups = byLevel.get(s.level);
    if (!groups) byLevel.set(s.level, (groups = new Map()));
    const list = groups.get(s.group);
    if (list) list.push(s);
    else groups.set(s.group, [s]);
  }
  const levels: VelocityLevel[] = [];
  const shown = new Map<string, Map<string, SurvivalObservation[]>>();
  const totals = new Map<string, number>();
  let hiddenCells = 0;
  let hiddenPeople = 0;
  for (const level of [...byLevel.keys()].sort(compareText)) {
    const groups = byLevel.get(level)!;
    const suppression = suppressGroups([...groups].map(([value, list]) => ({ value, n: list.length })), options.minGroup);
    hiddenCells += suppression.hidden.length;
    hiddenPeople += suppression.hiddenPeople;
    const visible = suppression.visible.sort(compareText);
    const observations = new Map(visible.map((g) => [g, groups.get(g)!.map((s) => ({ time: s.days, event: s.promoted }))]));
    shown.set(level, observations);
    for (const g of visible) totals.set(g, (totals.get(g) ?? 0) + observations.get(g)!.length);
    levels.push({ level, groups: visible.map((g) => cellOf(g, observations.get(g)!)), suppressed: { groups: suppression.hidden.length, people: suppression.hiddenPeople } });
  }

  let reference = [...totals].sort((x, y) => y[1] - x[1] || compareText(x[0], y[0]))[0]?.[0] ?? null;
  if (options.reference !== undefined) {
    if (!totals.has(options.reference)) {
      const reason = `The reference group ${JSON.stringify(options.reference)} is not shown at any level: it is not a value of ${options.groupLabel}, or it is under ${options.minGroup} people (or hidden to protect a smaller group) wherever it appears.`;
      return { ok: false, problems: [{ line: null, column: '-', reason }] };
    }
    reference = options.reference;
  }
  const comparisons: VelocityComparison[] = [];
  if (reference !== null) {
    for (const group of [...totals.keys()].filter((g) => g !== reference).sort(compareText)) {
      const strata = [...shown.values()].filter((o) => o.has(group) && o.has(reference!)).map((o) => ({ group: o.get(group)!, reference: o.get(reference!)! }));
      if (strata.length === 0) continue;
      const test = logRank(strata);
      comparisons.push({ group, reference, observed: test.observed, expected: test.expected, chiSquare: test.chiSquare, p: test.p, pHolm: null, levels: test.strata });
    }
    holmAdjust(comparisons.map((c) => c.p)).forEach((p, i) => (comparisons[i]!.pHolm = p));
  }
  const report: VelocityReport = { group: options.groupLabel, reference, minGroup: options.minGroup, asOf: options.asOf, levels, comparisons, suppressed: { cells: hiddenCells, people: hiddenPeople }, findings: [] };
  report.findings = describeVelocity(report);
  return { ok: true, value: report };
}

function cellOf(group: string, observations: SurvivalObservation[]): VelocityCell {
  const km = kaplanMeier(observations);
  const longest = Math.max(...observations.map((o) => o.time));
  const promotedBy = (months: number) => {
    const t = months * DAYS_PER_MONTH;
    if (t > longest) return null;
    const step = [...km.steps].reverse().find((s) => s.time <= t);
    return 1 - (step?.survival ?? 1);
  };
  return {
    group,
    n: km.n,
    promoted: km.events,
    censored: km.n - km.events,
    medianMonths: km.median === null ? null : km.median / DAYS_PER_MONTH,
    promotedBy: { months12: promotedBy(12), months24: promotedBy(24), months36: promotedBy(36) },
  };
}

/** The report in sentences: what the numbers are, what was hidden, and each comparison's verdict. */
export function describeVelocity(report: VelocityReport): string[] {
  const findings = [
    `Time to promotion by ${report.group}, within level, as of ${report.asOf}: a wait runs from hire or the last promotion. People not promoted yet are counted as waiting for as long as they have been watched (censored), not left out; the median is the Kaplan-Meier median, and "not reached" means fewer than half have been promoted so far.`,
  ];
  if (report.suppressed.cells > 0) {
    findings.push(`${report.suppressed.cells} group${report.suppressed.cells === 1 ? '' : 's'} within a level (${report.suppressed.people} people in all) ${report.suppressed.cells === 1 ? 'is' : 'are'} not shown: under ${report.minGroup} people, or hidden so that a smaller group cannot be worked out by subtraction. They take no part in the tests.`);
  }
  if (report.comparisons.length === 0) {
    findings.push('No two groups are shown at the same level, so nothing is compared.');
    return findings;
  }
  for (const c of report.comparisons) {
    const faster = c.observed > c.expected;
    const verdict = c.pHolm !== null && c.pHolm < SIGNIFICANCE;
    findings.push(
      `${JSON.stringify(c.group)} against ${JSON.stringify(c.reference)} at the same level (${c.levels} level${c.levels === 1 ? '' : 's'}): ${c.observed} promotions against ${round(c.expected)} expected if their waits were alike, so ${faster ? 'faster' : 'slower'}; ` +
        `${verdict ? 'a significant difference' : 'not a significant difference'} (log-rank stratified by level, chi-square ${round(c.chiSquare)}, ${formatP(c.p)}, Holm ${formatP(c.pHolm)}).` +
        (verdict ? ' Before concluding, look at workload complexity, team constraints and the packets themselves: a difference in speed is a question, not a verdict.' : ''),
    );
  }
  return findings;
}
