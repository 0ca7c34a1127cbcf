import { getTeamOperations, type TeamOperations } from '../../api/metrics.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { TrendChart } from './TrendChart.tsx';

type Stats = TeamOperations['services'][number]['vulnerabilities'];

/** A team's operational load over the last 90 days: vulnerabilities and tickets per service, pages per week. Team context, no names. */
export function OperationsSection({ teamId }: { teamId: number }) {
  const operations = useResource((signal) => getTeamOperations(teamId, {}, signal), `operations-${teamId}`);
  const data = operations.data;
  const empty = data && data.pages.total === 0 && data.services.every((s) => [s.vulnerabilities, s.tickets].every((k) => k.open + k.openedInPeriod + k.resolvedInPeriod === 0));
  return (
    <section className="stack" aria-labelledby="operations-heading" data-testid="operations">
      <h2 id="operations-heading">Operations</h2>
      <LiveRegion>
        {operations.status === 'error' ? <ProblemMessage problem={operations.problem} /> : null}
        {operations.status === 'loading' && !data ? <Loading /> : null}
      </LiveRegion>
      {data ? (
        <p className="muted small">
          {data.from} to {data.to}. {data.label}
        </p>
      ) : null}
      {empty ? (
        <p className="card muted">
          No vulnerabilities, tickets or pages yet. Load them with <code>highbar ingest operations</code>, <code>github-alerts</code> and <code>oncall-pages</code>.
        </p>
      ) : null}
      {data && !empty ? (
        <>
          <div className="card card--flush">
            <table className="table table--stack" data-testid="operations-table">
              <caption className="visually-hidden">Vulnerabilities and tickets of each service</caption>
              <TableHead columns={['Service', 'Kind', 'Open now', 'Opened', 'Resolved', 'Median days to resolve', 'Open by severity']} />
              <tbody>
                {data.services.flatMap((s) =>
                  (['vulnerabilities', 'tickets'] as const).map((kind) => (
                    <StatsRow key={`${s.service.id}-${kind}`} service={s.service.name} kind={kind === 'vulnerabilities' ? 'Vulnerabilities' : 'Tickets'} stats={s[kind]} />
                  )),
                )}
              </tbody>
            </table>
          </div>
          <div className="trend-grid">
            <TrendChart
              title={`Pages per week (${data.pages.total} in the period)`}
              points={data.pages.weeks.map((w) => ({ label: w.week.slice(5), value: w.pages }))}
              bands={[]}
              format={(v) => `${v} pages`}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

function StatsRow({ service, kind, stats }: { service: string; kind: string; stats: Stats }) {
  return (
    <tr>
      <td data-label="Service">{service}</td>
      <td data-label="Kind">{kind}</td>
      <td data-label="Open now">{stats.open}</td>
      <td data-label="Opened">{stats.openedInPeriod}</td>
      <td data-label="Resolved">{stats.resolvedInPeriod}</td>
      <td data-label="Median days to resolve">{stats.medianDaysToResolve ?? '—'}</td>
      <td data-label="Open by severity">{stats.openBySeverity.length ? stats.openBySeverity.map((s) => `${s.open} ${s.severity}`).join(', ') : '—'}</td>
    </tr>
  );
}
