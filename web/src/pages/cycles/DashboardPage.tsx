import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { addLateJoiners, getProgress, sendReminders, type Cycle, type Progress } from '../../api/cycles.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { formatNumber, plural } from '../../components/format.ts';
import { AdvancePhaseButton, DeleteDraftButton, LaunchCycleButton } from './CycleAdminActions.tsx';
import { CycleFrame } from './CycleFrame.tsx';
import { EditCycleForm } from './EditCycleForm.tsx';
import { ManagerReviewCell, ParticipantCell, ReviewProgressCells } from './ProgressCells.tsx';
import { SelectedReport } from './ReportPanel.tsx';
import { phaseLabel } from './cycle-format.ts';

const ROWS_SHOWN = 100;

/** HR's view of a cycle: completion per phase, every participant, late joiners, reminders. */
export function DashboardPage() {
  return (
    <CycleFrame title="Cycle dashboard" lead="Completion across the whole cycle, for HR partners and administrators.">
      {(cycle, reloadCycle) => <DashboardBody cycle={cycle} reloadCycle={reloadCycle} />}
    </CycleFrame>
  );
}

function DashboardBody({ cycle, reloadCycle }: { cycle: Cycle; reloadCycle: () => void }) {
  const progress = useResource((signal) => getProgress(cycle.id, signal), `dashboard-${cycle.id}`);
  const action = useAction();
  const [params] = useSearchParams();
  const selectedId = Number(params.get('person')) || null;
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const editable = cycle.canAdminister && cycle.status !== 'closed' && cycle.phase !== 'closed';

  /** Closes the form and gives focus back to the button that opened it. */
  function stopEditing() {
    flushSync(() => setEditing(false));
    editButton.current?.focus();
  }

  function remind() {
    return action.run(async () => {
      const result = await sendReminders(cycle.id);
      return result.sent
        ? `Sent ${plural(result.sent, 'reminder', 'reminders')} to people behind in ${phaseLabel(result.phase).toLowerCase()}.`
        : `No reminders sent: nobody is behind in ${phaseLabel(result.phase).toLowerCase()}, or they were already reminded today.`;
    });
  }

  function cycleChanged(saved: Cycle, message: string) {
    action.announce(message);
    reloadCycle();
    progress.reload();
  }

  const p = progress.data;
  const selected = selectedId === null ? undefined : p?.people.find((x) => x.person.id === selectedId);
  return (
    <>
      {cycle.canAdminister ? (
        <div className="toolbar toolbar--actions" role="group" aria-label="Cycle actions">
          {cycle.status === 'draft' ? <LaunchCycleButton cycle={cycle} onDone={(saved) => cycleChanged(saved, `Launched ${saved.name}.`)} /> : null}
          {editable && !editing ? (
            <button
              type="button"
              className="button button--secondary"
              ref={editButton}
              onClick={() => {
                action.clear();
                setEditing(true);
              }}
            >
              Edit cycle
            </button>
          ) : null}
          <AdvancePhaseButton cycle={cycle} small={false} onDone={(saved) => cycleChanged(saved, `${saved.name} is now in ${phaseLabel(saved.phase).toLowerCase()}.`)} />
          {cycle.status === 'launched' && cycle.phase !== 'closed' ? (
            <button type="button" className="button button--secondary" onClick={remind} disabled={action.busy}>
              {action.busy ? 'Sending…' : 'Send reminders'}
            </button>
          ) : null}
          <DeleteDraftButton cycle={cycle} small={false} onDeleted={() => navigate('/cycles', { state: { status: `Deleted the draft “${cycle.name}”.` } })} />
        </div>
      ) : null}
      {editing ? (
        <EditCycleForm
          cycle={cycle}
          onCancel={stopEditing}
          onSaved={(saved, message) => {
            stopEditing();
            cycleChanged(saved, message);
          }}
        />
      ) : null}
      <ActionOutcome action={action} resource={progress} testId="dashboard-status" />
      {!p ? progress.status === 'loading' ? <Loading /> : null : cycle.status === 'draft' ? (
        <p className="card muted">Nobody takes part until the cycle is launched: participants are snapshotted at launch.</p>
      ) : (
        <>
          <Summary progress={p} />
          {p.joinedAfterLaunch.length ? <LateJoiners cycle={cycle} progress={p} onAdded={(n) => { action.setStatus(`Added ${plural(n, 'person', 'people')} to ${cycle.name}; each has been told.`); progress.reload(); }} /> : null}
          <Participants cycle={cycle} progress={p} selectedId={selectedId} />
          {selected ? (
            <SelectedReport
              key={selected.person.id}
              titleId="participant-title"
              link={
                <Link to={{ search: '' }} className="small">
                  Close
                </Link>
              }
              cycle={cycle}
              personId={selected.person.id}
              name={selected.person.name}
              mode="hr"
            />
          ) : null}
        </>
      )}
    </>
  );
}

function Summary({ progress }: { progress: Progress }) {
  const s = progress.summary;
  const rows = [
    { phase: 'Self review', done: s.selfReviewsSubmitted, what: 'self reviews submitted' },
    { phase: 'Peer feedback', done: s.withEnoughPeerResponses, what: `people with at least ${s.recommendedPeerResponses} peer responses` },
    { phase: 'Manager review', done: s.managerReviewsSubmitted, what: 'manager reviews submitted' },
  ];
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 className="card__title" id="summary-title">
        Completion by phase
      </h2>
      <dl className="stats" data-testid="dashboard-summary">
        <div className="stats__item">
          <dt>Participants</dt>
          <dd>{formatNumber(s.participants)}</dd>
        </div>
        <div className="stats__item">
          <dt>Self reviews</dt>
          <dd>{formatNumber(s.selfReviewsSubmitted)}</dd>
        </div>
        <div className="stats__item">
          <dt>Enough peer responses</dt>
          <dd>{formatNumber(s.withEnoughPeerResponses)}</dd>
        </div>
        <div className="stats__item">
          <dt>Manager reviews</dt>
          <dd>{formatNumber(s.managerReviewsSubmitted)}</dd>
        </div>
        <div className={s.left ? 'stats__item stats__item--warning' : 'stats__item'}>
          <dt>Left since launch</dt>
          <dd>{formatNumber(s.left)}</dd>
        </div>
        <div className={s.joinedAfterLaunch ? 'stats__item stats__item--warning' : 'stats__item'}>
          <dt>Joined after launch</dt>
          <dd>{formatNumber(s.joinedAfterLaunch)}</dd>
        </div>
      </dl>
      <ul className="completion">
        {rows.map((r) => (
          <li key={r.phase} className="completion__row">
            <span className="completion__phase">{r.phase}</span>
            <progress className="completion__bar" max={Math.max(1, s.participants)} value={r.done} aria-label={`${r.phase}: ${r.done} of ${s.participants} ${r.what}`} />
            <span className="completion__text">
              {formatNumber(r.done)} of {formatNumber(s.participants)} {r.what}
            </span>
          </li>
        ))}
      </ul>
      <p className="muted small">People who left are flagged in the table and not counted. Calibration and delivery are not tracked here.</p>
    </section>
  );
}

function LateJoiners({ cycle, progress, onAdded }: { cycle: Cycle; progress: Progress; onAdded: (added: number) => void }) {
  const action = useAction();
  const people = progress.joinedAfterLaunch;
  return (
    <section className="card notice--warning-card" aria-labelledby="joiners-title" data-testid="late-joiners">
      <div className="card__header">
        <h2 className="card__title" id="joiners-title">
          {plural(people.length, 'person joined', 'people joined')} after launch
        </h2>
        {cycle.canAdminister ? (
          <button
            type="button"
            className="button button--small"
            disabled={action.busy}
            onClick={() => action.run(async () => onAdded((await addLateJoiners(cycle.id)).added))}
          >
            {action.busy ? 'Adding…' : 'Add them'}
          </button>
        ) : null}
      </div>
      <p className="muted small">They are in {cycle.root.name}’s organisation now but were not when the cycle launched.</p>
      <p>{people.map((p) => p.name).join(', ')}</p>
      <LiveRegion>{action.problem ? <ProblemMessage problem={action.problem} /> : null}</LiveRegion>
    </section>
  );
}

function Participants({ cycle, progress, selectedId }: { cycle: Cycle; progress: Progress; selectedId: number | null }) {
  const id = useId();
  const [q, setQ] = useState('');
  const [attention, setAttention] = useState(false);
  const minimum = progress.summary.recommendedPeerResponses;
  const term = q.trim().toLowerCase();
  const rows = progress.people.filter(
    (p) =>
      (!term || p.person.name.toLowerCase().includes(term) || (p.manager?.name.toLowerCase().includes(term) ?? false)) &&
      (!attention || p.left || p.managerChanged || p.tooFewPeerResponses || p.selfReview !== 'submitted' || p.managerReview !== 'submitted'),
  );
  const shown = rows.slice(0, ROWS_SHOWN);
  return (
    <section className="card card--flush" aria-labelledby={`${id}-title`}>
      <div className="card__inset">
        <h2 className="card__title" id={`${id}-title`}>
          Participants
        </h2>
        <div className="toolbar toolbar--wrap">
          <div className="toolbar__search">
            <label className="field__label" htmlFor={`${id}-q`}>
              Filter by name or manager
            </label>
            <input id={`${id}-q`} className="input" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <label className="check check--inline">
            <input type="checkbox" checked={attention} onChange={(e) => setAttention(e.target.checked)} />
            <span>Only people with something outstanding</span>
          </label>
        </div>
        <p className="muted small" aria-live="polite">
          {rows.length === progress.people.length ? plural(rows.length, 'participant', 'participants') : `${formatNumber(rows.length)} of ${plural(progress.people.length, 'participant', 'participants')}`}
          {rows.length > shown.length ? `; showing the first ${shown.length}` : ''}.
        </p>
      </div>
      <table className="table table--stack table--compact table--wide-labels" data-testid="participants">
        <caption className="visually-hidden">Participants of {cycle.name}</caption>
        <TableHead columns={['Name', 'Manager', 'Self review', 'Peers asked', 'Responses', 'Manager review']} />
        <tbody>
          {shown.map((p) => (
            <tr key={p.person.id} className={[p.left ? 'is-disabled' : '', p.person.id === selectedId ? 'is-selected' : ''].join(' ').trim() || undefined}>
              <ParticipantCell row={p} selected={p.person.id === selectedId} leftTagClass="tag tag--sensitive" />
              <td data-label="Manager">
                {p.manager ? p.manager.name : '—'}
                {p.managerChanged ? <span className="tag tag--private">Manager changed</span> : null}
              </td>
              <ReviewProgressCells row={p} minimum={minimum} flagTooFew={p.tooFewPeerResponses && !p.left} />
              <ManagerReviewCell row={p} />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
