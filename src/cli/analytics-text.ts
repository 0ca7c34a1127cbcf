import { formatP, round } from '../analytics/bias-findings.ts';
import type { BiasAuditReport } from '../analytics/bias-audit.ts';
import type { ManagerDriftReport } from '../analytics/manager-drift.ts';
import type { SimulationReport } from '../analytics/policy-simulation.ts';

/** Columns padded to their widest cell; numbers right-aligned. */
function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const percent = (share: number | null) => (share === null ? 'n/a' : `${(100 * share).toFixed(1)}%`);
const pValue = (p: number | null) => formatP(p).replace(/^p = |^p /u, '');

/** The bias audit for a reader: groups, comparisons and findings. */
export function formatBiasAudit(report: BiasAuditReport): string {
  const controls = report.controls.length ? `; controls: ${report.controls.join(', ')}` : '';
  const out = [
    `Bias audit of ${report.outcome} by ${report.group} (favourable: ${report.favourable.join(', ')}${controls}; minimum group ${report.minGroup})`,
    '',
    formatTable(
      ['Group', 'People', 'Favourable', 'Share'],
      report.groups.map((g) => [g.value, String(g.n), String(g.favourable), percent(g.share)]),
    ),
    `Not shown: ${report.suppressed.groups} groups, ${report.suppressed.people} people.`,
  ];
  if (report.comparisons.length) {
    const adjusted = report.controls.length > 0;
    out.push(
      '',
      formatTable(
        [`Against ${report.reference}`, 'Odds ratio', 'Chi-square', 'p', ...(adjusted ? ['Adj. OR', '95% CI', 'CMH', 'Adj. p'] : []), 'Holm p', 'Impact'],
        report.comparisons.map((c) => [
          c.value,
          round(c.unadjusted.oddsRatio),
          round(c.unadjusted.chiSquare),
          pValue(c.unadjusted.p),
          ...(adjusted && c.adjusted
            ? [round(c.adjusted.oddsRatio), `${round(c.adjusted.ciLow)}-${round(c.adjusted.ciHigh)}`, round(c.adjusted.cmh), pValue(c.adjusted.p)]
            : []),
          pValue(c.pHolm),
          round(c.impactRatio),
        ]),
      ),
    );
  }
  out.push('', 'Findings:', ...report.findings.map((f) => `- ${f}`), '');
  return out.join('\n');
}

/** Manager drift for a reader: flagged managers first, then everyone. */
export function formatManagerDrift(
  report: ManagerDriftReport & { rowsWithoutManager: number },
  request: { outcome: string; favourable: string[] },
): string {
  const flagged = (flag: 'high' | 'low') => report.managers.filter((m) => m.flag === flag).map((m) => m.manager);
  const rows = [...report.managers]
    .sort((x, y) => Number(y.flag !== 'none') - Number(x.flag !== 'none') || y.probAboveOrg - x.probAboveOrg)
    .map((m) => [m.manager, String(m.n), String(m.favourable), percent(m.rawRate), percent(m.shrunkRate), percent(m.probAboveOrg), m.flag]);
  const { prior } = report;
  return [
    `Manager drift of ${request.outcome} (counted: ${request.favourable.join(', ')}): organisation rate ${percent(report.orgRate)}`,
    `Prior Beta(${round(prior.alpha)}, ${round(prior.beta)}), strength ${round(prior.strength)} (${prior.method}); ` +
      `flagged when P(above org) >= ${percent(report.flagProbability)} or <= ${percent(1 - report.flagProbability)}`,
    report.rowsWithoutManager ? `${report.rowsWithoutManager} people without a manager are left out.` : '',
    '',
    formatTable(['Manager', 'People', 'Counted', 'Raw', 'Shrunk', 'P(above org)', 'Flag'], rows),
    '',
    `Flagged high: ${flagged('high').join(', ') || 'none'}. Flagged low: ${flagged('low').join(', ') || 'none'}.`,
    '',
  ]
    .filter((line, i) => line !== '' || i !== 2)
    .join('\n');
}

/** The simulation for a reader. */
export function formatSimulation(report: SimulationReport): string {
  const p = report.params;
  return [
    `Policy simulation: ${p.policy}, ${p.runs} runs, seed ${p.seed}`,
    `${p.people} people in ${report.teams} teams of ${p.teamSize}; team sd ${p.teamSd}, noise sd ${p.noiseSd}, LE share ${p.leShare}`,
    `Labelled LE: ${percent(report.leShare)} of people on average`,
    `LE labels on people truly above the median: ${percent(report.leAboveMedianShare)}`,
    `Teams forced to label someone above the median LE: ${report.teamsForcedToLabelAboveMedian} per run ` +
      `(${percent(report.teamsForcedToLabelAboveMedian / report.teams)} of teams)`,
    '',
  ].join('\n');
}
