import './analytics.css';
import type { BiasReport } from '../../api/analytics.ts';
import { TableHead } from '../../components/TableHead.tsx';
import { formatNumber, plural } from '../../components/format.ts';
import { interval, percent, pValue, ratio, significant } from './analytics-format.ts';

interface BiasReportViewProps {
  report: BiasReport;
  /** Groups hidden because of this reader's earlier reports (in-app audits only). */
  hiddenAcrossReports?: number;
  /** Leaves out the findings and the ordinal columns, for the calibration board's side panel. */
  compact?: boolean;
  /** Names the tables for assistive tech when several reports share a page ("current", "proposed"). */
  label?: string;
}

/** A bias audit as tables: groups with their shares, comparisons with odds ratios, Holm p and findings. */
export function BiasReportView({ report, hiddenAcrossReports = 0, compact = false, label }: BiasReportViewProps) {
  const prefix = label ? `${label}: ` : '';
  const adjusted = report.controls.length > 0;
  return (
    <div className="stack" data-testid="bias-report">
      <table className="table table--compact">
        <caption className="visually-hidden">{`${prefix}${report.outcome} by ${report.group}`}</caption>
        <TableHead columns={[report.group, 'People', 'Favourable', 'Share']} />
        <tbody>
          {report.groups.map((g) => (
            <tr key={g.value}>
              <th scope="row">
                {g.value}
                {g.value === report.reference ? <span className="muted small"> (reference)</span> : null}
              </th>
              <td className="num">{formatNumber(g.n)}</td>
              <td className="num">{formatNumber(g.favourable)}</td>
              <td className="num">{percent(g.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="suppressed-note" data-testid="suppressed">
        {report.suppressed.groups === 0
          ? `Every group has at least ${report.minGroup} people.`
          : `Not shown: ${plural(report.suppressed.groups, 'group', 'groups')}, ${plural(report.suppressed.people, 'person', 'people')} (groups under ${report.minGroup}, and those that would let one be worked out).`}
        {hiddenAcrossReports > 0 ? ` ${plural(hiddenAcrossReports, 'group is', 'groups are')} hidden because of reports you ran earlier.` : ''}
      </p>
      {report.comparisons.length > 0 ? (
        <div className="card card--flush">
          <table className="table table--compact">
            <caption className="visually-hidden">{`${prefix}comparisons with ${report.reference ?? ''}`}</caption>
            <TableHead
              columns={[
                `Against ${report.reference}`,
                'Odds ratio',
                'p',
                ...(adjusted ? ['Adjusted OR', '95% CI', 'CMH p'] : []),
                'Holm p',
                'Impact ratio',
                ...(!compact && report.ordinal ? ['Mean grade'] : []),
              ]}
            />
            <tbody>
              {report.comparisons.map((c) => (
                <tr key={c.value}>
                  <th scope="row">{c.value}</th>
                  <td className="num">{ratio(c.unadjusted.oddsRatio)}</td>
                  <td className="num">{pValue(c.unadjusted.p)}</td>
                  {adjusted ? (
                    <>
                      <td className="num">{ratio(c.adjusted?.oddsRatio)}</td>
                      <td className="num">{interval(c.adjusted?.ciLow, c.adjusted?.ciHigh)}</td>
                      <td className="num">{pValue(c.adjusted?.p)}</td>
                    </>
                  ) : null}
                  <td className={significant(c.pHolm) ? 'num gap--yes' : 'num'}>{pValue(c.pHolm)}</td>
                  <td className={c.impactRatio !== null && c.impactRatio < 0.8 ? 'num gap--yes' : 'num'}>{ratio(c.impactRatio)}</td>
                  {!compact && report.ordinal ? (
                    <td className="num">
                      {ratio(c.ordinal?.meanScore)} vs {ratio(c.ordinal?.referenceMeanScore)}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {compact ? null : (
        <section aria-label={`${prefix}findings`}>
          <h3 className="card__title">Findings</h3>
          <ul className="findings">
            {report.findings.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
