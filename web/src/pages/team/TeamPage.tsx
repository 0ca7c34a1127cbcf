import { Link } from 'react-router-dom';
import { listPeople } from '../../api/people.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PersonNameCell } from '../../components/PersonNameCell.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatDate, orDash, plural } from '../../components/format.ts';
import { useMe } from '../../components/me-context.ts';

const MAX_REPORTS = 200;

/** My direct reports with their levels and hire dates (visible to me as their manager). */
export function TeamPage() {
  const { me } = useMe();
  const personId = me.personId;
  const reports = useResource(
    (signal) => (personId === null ? Promise.resolve(null) : listPeople({ managerId: personId, limit: MAX_REPORTS }, signal)),
    `reports-${personId ?? 'none'}`,
  );
  const data = reports.data;
  return (
    <div className="stack">
      <PageHeader title="My team" lead={data ? `${plural(data.total, 'direct report', 'direct reports')}.` : 'Your direct reports.'} />
      <LiveRegion>
        {reports.status === 'error' ? <ProblemMessage problem={reports.problem} /> : null}
        {reports.status === 'loading' && !data ? <Loading /> : null}
      </LiveRegion>
      {personId === null ? <p className="card">This account is not linked to a person in the directory.</p> : null}
      {data && data.people.length === 0 ? <p className="card muted">You have no direct reports.</p> : null}
      {data && data.people.length > 0 ? (
        <div className="card card--flush">
          <table className="table table--stack" data-testid="team-table">
            <caption className="visually-hidden">My direct reports</caption>
            <TableHead columns={['Name', 'Title', 'Level', 'Hire date', 'Team']} />
            <tbody>
              {data.people.map((p) => (
                <tr key={p.id}>
                  <PersonNameCell person={p} />
                  <td data-label="Title">{orDash(p.title)}</td>
                  <td data-label="Level">
                    {p.private ? (
                      <>
                        <span className="level">{p.private.level}</span>
                        {p.private.levelTitle ? <span className="muted small"> {p.private.levelTitle}</span> : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label="Hire date">{formatDate(p.private?.hireDate)}</td>
                  <td data-label="Team">{p.team ? <Link to={`/people?teamId=${p.team.id}`}>{p.team.name}</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total > data.people.length ? (
            <p className="table-note">Showing the first {data.people.length} of {data.total}. Use the directory to see the rest.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
