import { Link, useSearchParams } from 'react-router-dom';
import { getProgress, getTasks, type Cycle, type Progress } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { plural } from '../../components/format.ts';
import { CycleFrame } from './CycleFrame.tsx';
import { ManagerReviewCell, ParticipantCell, ReviewProgressCells } from './ProgressCells.tsx';
import { SelectedReport } from './ReportPanel.tsx';

/** A manager's view of their organisation in a cycle: progress, nominations, feedback, reviews. */
export function TeamPage() {
  return (
    <CycleFrame title="My team" lead="Everyone who reports to you, directly or further down.">
      {(cycle) => <TeamBody cycle={cycle} />}
    </CycleFrame>
  );
}

function TeamBody({ cycle }: { cycle: Cycle }) {
  const progress = useResource((signal) => getProgress(cycle.id, signal), `progress-${cycle.id}`);
  // My direct reports' nominations waiting for me (the tasks list counts them).
  const tasks = useResource((signal) => getTasks(cycle.id, signal).catch(() => null), `team-tasks-${cycle.id}`);
  const [params] = useSearchParams();
  const selectedId = Number(params.get('person')) || null;
  if (!progress.data) return <LiveRegion>{progress.status === 'error' ? <ProblemMessage problem={progress.problem} /> : <Loading />}</LiveRegion>;
  const awaiting = new Map((tasks.data?.reports ?? []).map((r) => [r.person.id, r.nominationsAwaitingApproval]));
  const people = progress.data.people;
  const selected = selectedId === null ? undefined : people.find((p) => p.person.id === selectedId);
  return (
    <>
      {people.length === 0 ? <p className="card muted">Nobody who reports to you takes part in this cycle.</p> : <TeamTable cycle={cycle} progress={progress.data} awaiting={awaiting} selectedId={selectedId} />}
      {selected ? (
        <SelectedReport
          key={selected.person.id}
          titleId="report-title"
          link={
            <Link to={`/people/${selected.person.id}`} className="small">
              Directory record
            </Link>
          }
          cycle={cycle}
          personId={selected.person.id}
          name={selected.person.name}
          mode="manager"
          onChanged={() => {
            progress.reload();
            tasks.reload();
          }}
        />
      ) : selectedId !== null ? (
        <p className="card muted">That person is not in your organisation in this cycle.</p>
      ) : null}
    </>
  );
}

function TeamTable({ cycle, progress, awaiting, selectedId }: { cycle: Cycle; progress: Progress; awaiting: Map<number, number>; selectedId: number | null }) {
  const minimum = progress.summary.recommendedPeerResponses;
  return (
    <section className="card card--flush" aria-labelledby="team-progress">
      <div className="card__inset">
        <h2 className="card__title" id="team-progress">
          Progress
        </h2>
        <p className="muted small">
          {plural(progress.people.length, 'person', 'people')}. Fewer than {minimum} peer responses is flagged. Choose a name to approve
          nominations, read feedback and write the review.
        </p>
      </div>
      <table className="table table--stack table--compact table--wide-labels" data-testid="team-progress">
        <caption className="visually-hidden">Progress of my organisation in {cycle.name}</caption>
        <TableHead columns={['Name', 'Self review', 'Peers asked', 'Responses', 'Nominations', 'Manager review']} />
        <tbody>
          {progress.people.map((p) => {
            const waiting = awaiting.get(p.person.id) ?? 0;
            return (
              <tr key={p.person.id} className={p.person.id === selectedId ? 'is-selected' : undefined}>
                <ParticipantCell row={p} selected={p.person.id === selectedId} leftTagClass="tag" />
                <ReviewProgressCells row={p} minimum={minimum} flagTooFew={p.tooFewPeerResponses} />
                <td data-label="Nominations">
                  {waiting ? (
                    <Link className="attention" to={`?person=${p.person.id}`}>
                      {waiting} to approve<span className="visually-hidden"> for {p.person.name}</span>
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <ManagerReviewCell row={p} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
