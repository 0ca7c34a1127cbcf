import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getProgress, getTasks, type Cycle, type Progress } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { plural } from '../../components/format.ts';
import { CycleFrame } from './CycleFrame.tsx';
import { DraftBadge } from './DraftBadge.tsx';
import { ReportPanel } from './ReportPanel.tsx';

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
        <SelectedReport key={selected.person.id} cycle={cycle} personId={selected.person.id} name={selected.person.name} onChanged={() => { progress.reload(); tasks.reload(); }} />
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
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Self review</th>
            <th scope="col">Peers asked</th>
            <th scope="col">Responses</th>
            <th scope="col">Nominations</th>
            <th scope="col">Manager review</th>
          </tr>
        </thead>
        <tbody>
          {progress.people.map((p) => {
            const waiting = awaiting.get(p.person.id) ?? 0;
            return (
              <tr key={p.person.id} className={p.person.id === selectedId ? 'is-selected' : undefined}>
                <th scope="row" data-label="Name">
                  <Link className="person-cell" to={`?person=${p.person.id}`} aria-current={p.person.id === selectedId ? 'true' : undefined}>
                    <Avatar name={p.person.name} size="sm" />
                    <span>{p.person.name}</span>
                  </Link>
                  {p.left ? <span className="tag">Left</span> : null}
                </th>
                <td data-label="Self review">
                  <DraftBadge status={p.selfReview} />
                </td>
                <td data-label="Peers asked">{p.peersRequested}</td>
                <td data-label="Responses" className={p.tooFewPeerResponses ? 'cell-warning' : undefined}>
                  {p.peerResponses}
                  {p.tooFewPeerResponses ? <span className="cell-warning__note"> (fewer than {minimum})</span> : null}
                </td>
                <td data-label="Nominations">
                  {waiting ? (
                    <Link className="attention" to={`?person=${p.person.id}`}>
                      {waiting} to approve<span className="visually-hidden"> for {p.person.name}</span>
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td data-label="Manager review">
                  <DraftBadge status={p.managerReview} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function SelectedReport({ cycle, personId, name, onChanged }: { cycle: Cycle; personId: number; name: string; onChanged: () => void }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, [personId]);
  return (
    <section className="report" aria-labelledby="report-title">
      <div className="report__header">
        <h2 className="report__title" id="report-title" tabIndex={-1} ref={ref}>
          {name}
        </h2>
        <Link to={`/people/${personId}`} className="small">
          Directory record
        </Link>
      </div>
      <ReportPanel cycle={cycle} personId={personId} name={name} mode="manager" onChanged={onChanged} />
    </section>
  );
}
