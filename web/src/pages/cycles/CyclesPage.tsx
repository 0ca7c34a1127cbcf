import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { listCycles, type Cycle } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate } from '../../components/format.ts';
import { hasRole, useMe } from '../../components/me-context.ts';
import { AdvancePhaseButton, DeleteDraftButton, LaunchCycleButton } from './CycleAdminActions.tsx';
import { EditCycleForm } from './EditCycleForm.tsx';
import { NewCycleForm } from './NewCycleForm.tsx';
import { PhaseTimeline } from './PhaseTimeline.tsx';
import { phaseLabel } from './cycle-format.ts';

/** Review cycles I take part in or run; HR and admins create, launch and move them on here. */
export function CyclesPage() {
  const { me } = useMe();
  const cycles = useResource((signal) => listCycles(signal), 'cycles');
  const [creating, setCreating] = useState(false);
  // A page that sent us here after deleting a draft says so.
  const location = useLocation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | null>(() => (location.state as { status?: string } | null)?.status ?? null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const mayCreate = hasRole(me, 'hr') || hasRole(me, 'admin');
  const list = cycles.data?.cycles ?? [];

  // Shown once: reloading the page should not say it again.
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);

  /** Shows the server's answer to a write at once. */
  function showCycle(saved: Cycle) {
    const known = list.some((c) => c.id === saved.id);
    cycles.replace({ cycles: known ? list.map((c) => (c.id === saved.id ? saved : c)) : [saved, ...list] });
  }

  /** Takes a deleted draft off the list; focus moves to the message, as its card has gone. */
  function forgetCycle(deleted: Cycle) {
    flushSync(() => {
      cycles.replace({ cycles: list.filter((c) => c.id !== deleted.id) });
      setStatus(`Deleted the draft “${deleted.name}”.`);
    });
    statusRef.current?.focus();
  }

  return (
    <div className="stack">
      <PageHeader
        title="Reviews"
        lead="Forte review cycles you take part in or run: self review, peer feedback, manager review, calibration and delivery."
        actions={
          mayCreate && !creating ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setStatus(null);
                setCreating(true);
              }}
            >
              New cycle
            </button>
          ) : undefined
        }
      />
      <LiveRegion>
        {cycles.status === 'error' ? <ProblemMessage problem={cycles.problem} /> : null}
        {status ? (
          <p className="notice notice--success" tabIndex={-1} ref={statusRef} data-testid="cycles-status">
            {status}
          </p>
        ) : null}
      </LiveRegion>
      {creating ? (
        <NewCycleForm
          onCancel={() => setCreating(false)}
          onCreated={(cycle) => {
            setCreating(false);
            showCycle(cycle);
            setStatus(`Created the draft “${cycle.name}”. Check its deadlines below, then launch it when you are ready.`);
          }}
        />
      ) : null}
      {!cycles.data && cycles.status === 'loading' ? <Loading /> : null}
      {cycles.data && list.length === 0 ? (
        <div className="card empty">
          <p className="empty__title">No review cycles yet</p>
          <p className="muted">{mayCreate ? 'Create one with New cycle.' : 'When HR launches a cycle that includes you, it appears here.'}</p>
        </div>
      ) : null}
      {list.length > 0 ? (
        <ul className="cycle-list" aria-label="Review cycles">
          {list.map((c) => (
            <li key={c.id}>
              <CycleCard
                cycle={c}
                onChanged={(saved, message) => {
                  showCycle(saved);
                  setStatus(message);
                }}
                onEditing={() => setStatus(null)}
                onDeleted={() => forgetCycle(c)}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface CycleCardProps {
  cycle: Cycle;
  onChanged: (cycle: Cycle, message: string) => void;
  /** The card turned into its Edit form: the last message no longer applies. */
  onEditing: () => void;
  onDeleted: () => void;
}

function CycleCard({ cycle, onChanged, onEditing, onDeleted }: CycleCardProps) {
  const { me } = useMe();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const titleId = `cycle-${cycle.id}-title`;
  const participantLink = me.personId !== null && cycle.status !== 'draft' ? `/cycles/${cycle.id}/tasks` : null;
  const adminLink = cycle.canAdminister && cycle.status !== 'draft' ? `/cycles/${cycle.id}/dashboard` : null;
  const primary = participantLink ?? adminLink;

  /** Puts the card back in place of the form, focus on its Edit button. */
  function stopEditing() {
    flushSync(() => setEditing(false));
    editButton.current?.focus();
  }

  if (editing) {
    return (
      <EditCycleForm
        cycle={cycle}
        onCancel={stopEditing}
        onSaved={(saved, message) => {
          stopEditing();
          onChanged(saved, message);
        }}
      />
    );
  }
  return (
    <article className="card cycle-card" aria-labelledby={titleId} data-testid="cycle-card">
      <div className="cycle-card__header">
        <h2 className="card__title" id={titleId}>
          {primary ? <Link to={primary}>{cycle.name}</Link> : cycle.name}
        </h2>
        <span className={`phase phase--${cycle.phase}`}>{phaseLabel(cycle.phase)}</span>
      </div>
      <p className="muted small">
        {cycle.root.name}’s organisation · {cycle.policy.name} policy, version {cycle.policy.version} ·{' '}
        {cycle.launchedAt ? `launched ${formatDate(cycle.launchedAt)}` : 'not launched yet'}
      </p>
      <PhaseTimeline phase={cycle.phase} deadlines={cycle.deadlines} compact />
      {cycle.status === 'draft' && cycle.canAdminister ? (
        <p className="small muted">Check the name and the deadlines, and edit them if need be, before you launch. Only HR and administrators see a draft.</p>
      ) : null}
      <div className="cycle-card__actions">
        {participantLink ? (
          <Link className="button button--secondary button--small" to={participantLink}>
            My tasks<span className="visually-hidden"> in {cycle.name}</span>
          </Link>
        ) : null}
        {adminLink ? (
          <Link className="button button--secondary button--small" to={adminLink}>
            Dashboard<span className="visually-hidden"> of {cycle.name}</span>
          </Link>
        ) : null}
        {cycle.canAdminister && cycle.status === 'draft' ? (
          <LaunchCycleButton cycle={cycle} onDone={(saved) => onChanged(saved, `Launched ${saved.name}: the self review phase has started and everyone taking part has been told.`)} />
        ) : null}
        {cycle.canAdminister && cycle.status === 'draft' ? (
          <button
            type="button"
            className="button button--secondary button--small"
            ref={editButton}
            onClick={() => {
              onEditing();
              setEditing(true);
            }}
          >
            Edit<span className="visually-hidden"> {cycle.name}</span>
          </button>
        ) : null}
        {cycle.canAdminister ? (
          <AdvancePhaseButton cycle={cycle} onDone={(saved) => onChanged(saved, `${saved.name} is now in ${phaseLabel(saved.phase).toLowerCase()}.`)} />
        ) : null}
        {cycle.canAdminister ? <DeleteDraftButton cycle={cycle} onDeleted={onDeleted} /> : null}
      </div>
    </article>
  );
}
