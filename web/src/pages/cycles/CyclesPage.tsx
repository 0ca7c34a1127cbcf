import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listCycles, type Cycle } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate } from '../../components/format.ts';
import { hasRole, useMe } from '../../components/me-context.ts';
import { AdvancePhaseButton, LaunchCycleButton } from './CycleAdminActions.tsx';
import { NewCycleForm } from './NewCycleForm.tsx';
import { PhaseTimeline } from './PhaseTimeline.tsx';
import { phaseLabel } from './cycle-format.ts';

/** Review cycles I take part in or run; HR and admins create, launch and move them on here. */
export function CyclesPage() {
  const { me } = useMe();
  const cycles = useResource((signal) => listCycles(signal), 'cycles');
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const mayCreate = hasRole(me, 'hr') || hasRole(me, 'admin');
  const list = cycles.data?.cycles ?? [];

  /** Shows the server's answer to a write at once. */
  function showCycle(saved: Cycle) {
    const known = list.some((c) => c.id === saved.id);
    cycles.replace({ cycles: known ? list.map((c) => (c.id === saved.id ? saved : c)) : [saved, ...list] });
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
        {status ? <p className="notice notice--success">{status}</p> : null}
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
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CycleCard({ cycle, onChanged }: { cycle: Cycle; onChanged: (cycle: Cycle, message: string) => void }) {
  const { me } = useMe();
  const titleId = `cycle-${cycle.id}-title`;
  const participantLink = me.personId !== null && cycle.status !== 'draft' ? `/cycles/${cycle.id}/tasks` : null;
  const adminLink = cycle.canAdminister && cycle.status !== 'draft' ? `/cycles/${cycle.id}/dashboard` : null;
  const primary = participantLink ?? adminLink;
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
        <p className="small muted">These are the policy’s default deadlines. Only you can see this draft until it is launched.</p>
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
        {cycle.canAdminister ? (
          <AdvancePhaseButton cycle={cycle} onDone={(saved) => onChanged(saved, `${saved.name} is now in ${phaseLabel(saved.phase).toLowerCase()}.`)} />
        ) : null}
      </div>
    </article>
  );
}
