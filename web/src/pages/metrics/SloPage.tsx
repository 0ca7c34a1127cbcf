import { getTeamSlos, type TeamSlos } from '../../api/metrics.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { MetricsTabs } from './MetricsTabs.tsx';
import { OperationsSection } from './OperationsSection.tsx';
import { formatPercent } from './metrics-format.ts';
import { NoTeams, TeamPicker, useChosenTeam } from './TeamPicker.tsx';
import { TrendChart } from './TrendChart.tsx';
import './metrics.css';

type Slo = TeamSlos['services'][number]['slos'][number];

/** Each SLO of a team's services: compliance over its window, error budget left, burn rates, weekly trend. */
export function SloPage() {
  const { teams, teamId, problem } = useChosenTeam();
  const slos = useResource((signal) => (teamId === null ? Promise.resolve(null) : getTeamSlos(teamId, signal)), `slos-${teamId}`);
  const data = slos.data;
  return (
    <div className="stack">
      <PageHeader title="Service level objectives" lead="Whether each service keeps its promises: compliance, the error budget left, and how fast it is burning; then its vulnerabilities, tickets and pages." />
      <MetricsTabs search={teamId ? `?team=${teamId}` : ''} />
      {teams && teams.length === 0 ? <NoTeams problem={null} /> : null}
      {problem ? <NoTeams problem={problem} /> : null}
      {teams && teams.length > 0 ? <TeamPicker teams={teams} teamId={teamId} /> : null}
      <LiveRegion>
        {slos.status === 'error' ? <ProblemMessage problem={slos.problem} /> : null}
        {slos.status === 'loading' && !data ? <Loading /> : null}
      </LiveRegion>
      {data && data.services.every((s) => s.slos.length === 0) ? <p className="card muted">No SLO is defined for this team's services. Load them with <code>highbar ingest sli FILE.csv --slos SLOS.json</code>.</p> : null}
      {data?.services.filter((s) => s.slos.length).map((s) => (
        <section key={s.service.id} className="stack" aria-label={s.service.name}>
          <h2>{s.service.name}</h2>
          <div className="card card--flush">
            <table className="table table--stack" data-testid="slo-table">
              <caption className="visually-hidden">SLOs of {s.service.name}</caption>
              <TableHead columns={['SLO', 'Objective', 'Compliance', 'Error budget left', 'Burn rate (1 h / 6 h)', 'Status']} />
              <tbody>
                {s.slos.map((slo) => (
                  <tr key={slo.name}>
                    <td data-label="SLO">{slo.name}</td>
                    <td data-label="Objective">{formatPercent(slo.objective, 2)} over {slo.windowDays} days</td>
                    <td data-label="Compliance">{formatPercent(slo.compliance, 2)}</td>
                    <td data-label="Error budget left"><Budget remaining={slo.errorBudgetRemaining} /></td>
                    <td data-label="Burn rate (1 h / 6 h)">{rate(slo.burn.fast.longRate)} / {rate(slo.burn.slow.longRate)}</td>
                    <td data-label="Status">{status(slo)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="trend-grid">
            {s.slos.map((slo) => (
              <TrendChart
                key={slo.name}
                title={`${slo.name}: share of bad events by week (the objective allows ${formatPercent(1 - slo.objective, 2)})`}
                points={slo.trend.map((t) => ({ label: t.from.slice(5), value: t.compliance === null ? null : 1 - t.compliance }))}
                bands={[{ level: 'elite', upTo: 1 - slo.objective }, { level: 'low', upTo: null }]}
                format={(v) => `${formatPercent(1 - v, 2)} compliant`}
              />
            ))}
          </div>
        </section>
      ))}
      {teamId !== null ? <OperationsSection teamId={teamId} /> : null}
    </div>
  );
}

const rate = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}×`);

function status(slo: Slo): string {
  if (slo.burn.fast.alerting) return 'Burning fast: page';
  if (slo.burn.slow.alerting) return 'Burning: open a ticket';
  if (slo.met === null) return 'No data';
  return slo.met ? 'Met' : 'Missed';
}

/** The error budget left, as a bar (red once overspent) with the figure. */
function Budget({ remaining }: { remaining: number | null }) {
  if (remaining === null) return <>—</>;
  const share = Math.max(0, Math.min(1, remaining));
  return (
    <span className="stack">
      <svg className="budget-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={`${formatPercent(remaining, 0)} of the error budget left`}>
        <rect className={remaining > 0 ? 'budget-bar__fill' : 'budget-bar__fill--spent'} x={0} y={0} height={8} width={remaining > 0 ? share * 100 : 100} />
      </svg>
      <span className="small">{Number.isFinite(remaining) ? formatPercent(remaining, 0) : 'spent'}</span>
    </span>
  );
}
