import { Link, useParams } from 'react-router-dom';
import { getRatingHistory, type RatingHistory } from '../../api/calibration.ts';
import { isApiError } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { formatWhen } from './calibration-format.ts';

/** `/people/:id/rating-history`: every rating a person has had and every change to it: who, when, from, to and why. */
export function RatingHistoryPage() {
  const personId = Number(useParams().id);
  if (!Number.isInteger(personId) || personId <= 0) return <NotFoundPage />;
  return <HistoryLoader personId={personId} />;
}

function HistoryLoader({ personId }: { personId: number }) {
  const history = useResource((signal) => getRatingHistory(personId, signal), `rating-history-${personId}`);
  if (history.status === 'error' && isApiError(history.error, 404)) {
    return <MissingPage title="Rating history" lead="There is no such person, or their ratings are not yours to read (HR partners in scope and the management chain read them)." back={{ to: '/people', label: 'Directory' }} />;
  }
  if (!history.data) return <PageLoading title="Rating history" resource={history} />;
  return <HistoryView history={history.data} />;
}

const axes = (r: { performance: number; potential: number; ov: string }) => `${r.ov} (performance ${r.performance}, potential ${r.potential})`;

function HistoryView({ history }: { history: RatingHistory }) {
  const { person } = history;
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: '/people', label: 'Directory' }, { to: `/people/${person.id}`, label: person.name }]} current="Rating history" />
      <PageHeader title={`${person.name}: rating history`} tabTitle={`Rating history · ${person.name}`} lead="Every calibrated rating and every change made to one, from the record nobody can rewrite." />
      <section className="card card--flush" aria-labelledby="ratings-title">
        <div className="card__inset">
          <h2 className="card__title" id="ratings-title">
            Ratings
          </h2>
        </div>
        {history.ratings.length === 0 ? (
          <p className="table-note">No calibrated ratings yet.</p>
        ) : (
          <table className="table table--stack">
            <TableHead columns={['Cycle', 'Overall value', 'Forte summary', 'Performance', 'Potential', 'State']} />
            <tbody>
              {history.ratings.map((r) => (
                <tr key={r.cycle.id}>
                  <th scope="row">{r.cycle.name}</th>
                  <td data-label="Overall value">
                    <span className={`ov ov--${r.ov}`}>{r.ov}</span>
                  </td>
                  <td data-label="Forte summary">{r.forteSummary}</td>
                  <td data-label="Performance">{r.performance}</td>
                  <td data-label="Potential">{r.potential}</td>
                  <td data-label="State">{r.final ? 'Final' : 'In calibration'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card card--flush" aria-labelledby="changes-title">
        <div className="card__inset">
          <h2 className="card__title" id="changes-title">
            Changes in calibration
          </h2>
        </div>
        {history.changes.length === 0 ? (
          <p className="table-note">No rating of {person.name}’s has been moved in calibration.</p>
        ) : (
          <table className="table table--stack" data-testid="rating-changes">
            <TableHead columns={['When', 'Who', 'Cycle', 'From', 'To', 'Why']} />
            <tbody>
              {history.changes.map((c) => (
                <tr key={`${c.at}-${c.by}`}>
                  <th scope="row">{formatWhen(c.at)}</th>
                  <td data-label="Who">{c.by}</td>
                  <td data-label="Cycle">{c.cycle.name}</td>
                  <td data-label="From">{axes(c.from)}</td>
                  <td data-label="To">{axes(c.to)}</td>
                  <td data-label="Why">
                    {c.rationale}
                    {c.evidenceToChangeMind ? <span className="block muted small">What would change our mind: {c.evidenceToChangeMind}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p>
        <Link to={`/people/${person.id}`}>{person.name}’s profile</Link>
      </p>
    </div>
  );
}
