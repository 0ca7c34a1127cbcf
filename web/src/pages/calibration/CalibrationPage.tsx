import { Link } from 'react-router-dom';
import { listSessions } from '../../api/calibration.ts';
import { listCycles } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { phaseLabel } from '../cycles/cycle-format.ts';
import { PROPOSE_PHASES } from './calibration-format.ts';
import { OpenSessionForm } from './OpenSessionForm.tsx';

const STATUS_LABELS = { open: 'Open', finalised: 'Finalised', delivered: 'Delivered' } as const;

/**
 * `/calibration`: where managers propose ratings for their team (cycles whose proposal window
 * is open) and where calibrators and HR find their sessions.
 */
export function CalibrationPage() {
  const { me } = useMe();
  const sessions = useResource((signal) => listSessions(signal), 'calibration-sessions');
  const cycles = useResource((signal) => listCycles(signal), 'cycles');
  const open = (cycles.data?.cycles ?? []).filter((c) => PROPOSE_PHASES.includes(c.phase));
  const proposing = hasRole(me, 'manager') ? open : [];
  const mayOpenSessions = hasRole(me, 'hr') || hasRole(me, 'admin');
  const list = sessions.data?.sessions ?? [];
  return (
    <div className="stack">
      <PageHeader title="Calibration" lead="Propose ratings for your team, then calibrate them with the other leaders of the organisation." />
      <LiveRegion>
        {sessions.status === 'error' ? <ProblemMessage problem={sessions.problem} /> : null}
        {cycles.status === 'error' ? <ProblemMessage problem={cycles.problem} /> : null}
      </LiveRegion>
      {proposing.length ? (
        <section className="card" aria-labelledby="propose-title">
          <h2 className="card__title" id="propose-title">
            Propose ratings for your team
          </h2>
          <ul className="report-list">
            {proposing.map((c) => (
              <li key={c.id} className="report-list__item">
                <Link to={`/cycles/${c.id}/proposals`}>
                  Propose ratings<span className="visually-hidden"> in {c.name}</span>
                </Link>
                <span className="muted small">
                  {c.name} · {phaseLabel(c.phase)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card card--flush" aria-labelledby="sessions-title">
        <div className="card__inset">
          <h2 className="card__title" id="sessions-title">
            Calibration sessions
          </h2>
          <p className="muted small">Sessions you calibrate or run. HR partners open them for an organisation once proposals are in.</p>
        </div>
        {!sessions.data && sessions.status === 'loading' ? (
          <div className="card__inset">
            <Loading />
          </div>
        ) : null}
        {sessions.data && list.length === 0 ? <p className="table-note">No sessions yet.</p> : null}
        {list.length ? (
          <table className="table table--stack">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Cycle</th>
                <th scope="col">Policy</th>
                <th scope="col">Status</th>
                <th scope="col">Calibrators</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} data-testid="session-row">
                  <th scope="row">
                    <Link to={`/calibration/${s.id}`}>{s.name}</Link>
                  </th>
                  <td data-label="Cycle">{s.cycle.name}</td>
                  <td data-label="Policy">
                    {s.policy.key} v{s.policy.version} · {s.policy.mode}
                  </td>
                  <td data-label="Status">
                    {STATUS_LABELS[s.status]}
                    {s.blind ? ' · blind pass' : ''}
                  </td>
                  <td data-label="Calibrators">{s.calibrators.map((c) => c.name).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {mayOpenSessions && cycles.data ? <OpenSessionForm cycles={open} /> : null}
    </div>
  );
}
