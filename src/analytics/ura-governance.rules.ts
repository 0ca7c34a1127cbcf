import { fisherExact } from './fisher-exact.ts';
import { spearman, type SpearmanResult } from './spearman.ts';
import { compareText, suppressGroups } from './suppression.ts';
import { formatP, round, SIGNIFICANCE } from './bias-findings.ts';

/** One organisation: its URA against target so far this year, and its people's ratings in the cycle. */
export interface OrganisationOutcomes {
  name: string;
  targetPercent: number;
  /** The target pro rata to the as-of day's quarter. */
  targetToDatePercent: number;
  /** Unregretted attrition so far, as a share of the headcount on 1 January; null without a headcount. */
  uraToDatePercent: number | null;
  rated: number;
  le: number;
  focus: number;
}

export interface GovernanceRow extends OrganisationOutcomes {
  /** Behind: less unregretted attrition than the target pro rata (the organisation is "short" of exits). */
  behind: boolean | null;
  /** Target to date minus URA to date, in points: how far behind (negative: ahead). */
  shortfallPoints: number | null;
  leShare: number;
  focusShare: number;
}

export interface ClusterTest {
  /** People in behind organisations and in the others, and how many of each got the outcome. */
  behind: { n: number; outcome: number };
  onTrack: { n: number; outcome: number };
  fisherP: number;
  /** Across organisations: rank correlation of the shortfall with the outcome's share. */
  rankCorrelation: SpearmanResult;
}

export interface UraGovernanceReport {
  minGroup: number;
  organisations: GovernanceRow[];
  suppressed: { organisations: number; people: number };
  /** Organisations of which the cycle rated nobody (yet): nothing to show or hide. */
  unrated: number;
  le: ClusterTest | null;
  focus: ClusterTest | null;
  findings: string[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Whether LE ratings and Focus placements cluster where URA is behind target: if a target, not
 * the work, drove ratings, organisations short of unregretted exits would give more LEs. Small
 * organisations (fewer rated people than the minimum) are hidden, with complementary suppression
 * as in every report, and take no part in the tests. Two views, because neither is enough alone:
 * Fisher's exact test pools people (behind or not, LE or not), which is sensitive but treats
 * people of one organisation as independent; Spearman's rank correlation across organisations
 * asks whether the further behind, the more LEs, with each organisation counting once.
 */
export function uraGovernance(organisations: readonly OrganisationOutcomes[], options: { minGroup: number }): UraGovernanceReport {
  const rated = organisations.filter((o) => o.rated > 0);
  const suppression = suppressGroups(rated.map((o) => ({ value: o.name, n: o.rated })), options.minGroup);
  const shown = new Set(suppression.visible);
  const rows: GovernanceRow[] = rated
    .filter((o) => shown.has(o.name))
    .map((o) => {
      const shortfall = o.uraToDatePercent === null ? null : round2(o.targetToDatePercent - o.uraToDatePercent);
      return { ...o, behind: shortfall === null ? null : shortfall > 0, shortfallPoints: shortfall, leShare: o.le / o.rated, focusShare: o.focus / o.rated };
    })
    .sort((x, y) => compareText(x.name, y.name));
  const report: UraGovernanceReport = {
    minGroup: options.minGroup,
    organisations: rows,
    suppressed: { organisations: suppression.hidden.length, people: suppression.hiddenPeople },
    unrated: organisations.length - rated.length,
    le: clusterTest(rows, (r) => r.le),
    focus: clusterTest(rows, (r) => r.focus),
    findings: [],
  };
  report.findings = describeGovernance(report);
  return report;
}

function clusterTest(rows: readonly GovernanceRow[], outcome: (r: GovernanceRow) => number): ClusterTest | null {
  const known = rows.filter((r) => r.behind !== null);
  if (known.length < 2) return null;
  const sum = (list: readonly GovernanceRow[]) => ({ n: list.reduce((s, r) => s + r.rated, 0), outcome: list.reduce((s, r) => s + outcome(r), 0) });
  const behind = sum(known.filter((r) => r.behind));
  const onTrack = sum(known.filter((r) => !r.behind));
  const { p } = fisherExact({ a: behind.outcome, b: behind.n - behind.outcome, c: onTrack.outcome, d: onTrack.n - onTrack.outcome });
  return {
    behind,
    onTrack,
    fisherP: p,
    rankCorrelation: spearman(known.map((r) => r.shortfallPoints!), known.map((r) => outcome(r) / r.rated)),
  };
}

function describeGovernance(report: UraGovernanceReport): string[] {
  const findings: string[] = [];
  const behind = report.organisations.filter((r) => r.behind).length;
  findings.push(
    `${report.organisations.length} organisation${report.organisations.length === 1 ? '' : 's'} shown, ${behind} behind ${behind === 1 ? 'its' : 'their'} URA target to date (fewer unregretted exits so far than the target pro rata).`,
  );
  if (report.unrated > 0) findings.push(`${report.unrated} organisation${report.unrated === 1 ? ' has' : 's have'} nobody rated in this cycle yet.`);
  if (report.suppressed.organisations > 0) {
    findings.push(`${report.suppressed.organisations} organisation${report.suppressed.organisations === 1 ? '' : 's'} (${report.suppressed.people} rated people) not shown: under ${report.minGroup} rated people, or hidden so that a smaller one cannot be worked out by subtraction.`);
  }
  for (const [label, test] of [['LE ratings', report.le], ['Focus placements', report.focus]] as const) {
    if (!test) {
      findings.push(`${label}: fewer than two organisations with a known URA are shown, so nothing is tested.`);
      continue;
    }
    if (test.behind.n === 0 || test.onTrack.n === 0) {
      findings.push(`${label}: every organisation shown is ${test.behind.n === 0 ? 'on or ahead of' : 'behind'} target, so there is no contrast to test.`);
      continue;
    }
    const share = (g: { n: number; outcome: number }) => `${g.outcome} of ${g.n} (${round2((g.outcome / g.n) * 100)}%)`;
    const clusters = test.fisherP < SIGNIFICANCE && test.behind.outcome / test.behind.n > test.onTrack.outcome / test.onTrack.n;
    const rho = test.rankCorrelation;
    findings.push(
      `${label}: ${share(test.behind)} in organisations behind target against ${share(test.onTrack)} in the others (Fisher's exact test ${formatP(test.fisherP)}). ` +
        (clusters
          ? `They cluster where URA is behind: a sign that the target, not the work, may be driving ratings. Look at those organisations' ratings and evidence before the next session.`
          : `No significant clustering where URA is behind${test.fisherP < SIGNIFICANCE ? ' (the difference runs the other way)' : ''}.`) +
        (rho.rho === null
          ? ''
          : ` Across organisations, the rank correlation of how far behind with the ${label.split(' ')[0]} share is ${round(rho.rho)} (Spearman, ${rho.method === 'exact' ? 'exact ' : ''}${formatP(rho.p)}, ${rho.n} organisations): ${Math.abs(rho.rho) < 0.3 ? 'little or no' : rho.rho > 0 ? 'the further behind, the more' : 'the further behind, the fewer'}${Math.abs(rho.rho) < 0.3 ? ' monotone relation' : ''}.`),
    );
  }
  findings.push('An association is not proof of cause: a team may be behind target and also have real performance problems. Few organisations make any test weak; absence of evidence is not evidence of absence.');
  return findings;
}
