import type { Drilldown as DrilldownData } from '../../api/metrics.ts';
import { TableHead } from '../../components/TableHead.tsx';
import { formatDate } from '../../components/format.ts';
import { formatMinutes } from './metrics-format.ts';

export type DrilldownView = 'deployments' | 'changes' | 'incidents';

const dateTime = (iso: string) => `${formatDate(iso)} ${iso.slice(11, 16)} UTC`;

/** The records behind the numbers: the team's deployments, deployed pull requests or incidents. */
export function Drilldown({ data, view }: { data: DrilldownData; view: DrilldownView }) {
  const note = <p className="table-note">At most {data.limit} rows, newest first. These are the team's outcomes: no list names who did the work.</p>;
  if (view === 'deployments') {
    return (
      <div className="card card--flush" data-testid="drilldown-deployments">
        <table className="table table--stack">
          <caption className="visually-hidden">Production deployments</caption>
          <TableHead columns={['Finished', 'Deployment', 'Service', 'Outcome']} />
          <tbody>
            {data.deployments.map((d) => (
              <tr key={d.id}>
                <td data-label="Finished">{dateTime(d.finishedAt)}</td>
                <td data-label="Deployment">{d.name ?? `#${d.id}`}</td>
                <td data-label="Service">{d.service}</td>
                <td data-label="Outcome">{d.failed ? `Failed: ${d.incidentIds.length} incident${d.incidentIds.length === 1 ? '' : 's'}` : 'No incident'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {note}
      </div>
    );
  }
  if (view === 'changes') {
    return (
      <div className="card card--flush" data-testid="drilldown-changes">
        <table className="table table--stack">
          <caption className="visually-hidden">Deployed pull requests and their lead time</caption>
          <TableHead columns={['Deployed', 'Pull request', 'Repository', 'Lead time', 'Coding', 'Pickup', 'Review', 'Deploy']} />
          <tbody>
            {data.changes.map((c) => (
              <tr key={c.pullRequestId}>
                <td data-label="Deployed">{dateTime(c.deployedAt)}</td>
                <td data-label="Pull request">{c.number ? `#${c.number} ` : ''}{c.title ?? ''}</td>
                <td data-label="Repository">{c.repository}</td>
                <td data-label="Lead time">{formatMinutes(c.cycleMinutes)}</td>
                <td data-label="Coding">{formatMinutes(c.codingMinutes)}</td>
                <td data-label="Pickup">{formatMinutes(c.pickupMinutes)}</td>
                <td data-label="Review">{formatMinutes(c.reviewMinutes)}</td>
                <td data-label="Deploy">{formatMinutes(c.deployMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {note}
      </div>
    );
  }
  return (
    <div className="card card--flush" data-testid="drilldown-incidents">
      <table className="table table--stack">
        <caption className="visually-hidden">Incidents</caption>
        <TableHead columns={['Created', 'Incident', 'Severity', 'Service', 'Time to restore', 'Recovery from deployment']} />
        <tbody>
          {data.incidents.map((i) => (
            <tr key={i.id}>
              <td data-label="Created">{dateTime(i.createdAt)}</td>
              <td data-label="Incident">{i.title ?? `#${i.id}`}</td>
              <td data-label="Severity">{i.severity ?? '—'}</td>
              <td data-label="Service">{i.service ?? '—'}</td>
              <td data-label="Time to restore">{i.resolvedAt ? formatMinutes(i.restoreMinutes) : 'Open'}</td>
              <td data-label="Recovery from deployment">{formatMinutes(i.recoveryMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note}
    </div>
  );
}
