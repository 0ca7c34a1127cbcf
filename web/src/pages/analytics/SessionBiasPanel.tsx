import './analytics.css';
import { useId, useState } from 'react';
import { getSessionBiasAudit, type SessionBiasAudit } from '../../api/analytics.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { BiasReportView } from './BiasReportView.tsx';

export interface SessionBiasPanelProps {
  sessionId: number;
  /** Asks again when it changes: pass something that moves with the ratings (the board's row versions, a count of adjustments). */
  refreshKey?: string | number;
  /** The grouping to start with: `attribute:gender` by default. An admin without the HR role must start from a record field (`location`). */
  group?: string;
  /** The groupings offered in the panel's own select. */
  groups?: { value: string; label: string }[];
  outcome?: 'ov' | 'forte';
  /** The ratings that count as favourable: TT and HV3 by default. */
  favourable?: string[];
  /** Held equal within strata: level by default; an empty list for none. */
  controls?: string[];
  /** Shows the findings in words and the ordinal columns (off in a narrow side panel). */
  detailed?: boolean;
}

const DEFAULT_GROUPS = [
  { value: 'attribute:gender', label: 'Gender' },
  { value: 'location', label: 'Location' },
  { value: 'tenure', label: 'Tenure' },
  { value: 'jobFunction', label: 'Job function' },
];

/**
 * The live bias check of a calibration session, for the people who run it: the audit of the
 * current and of the proposed ratings side by side, suppressed as every report is. Meant for the
 * calibration board to embed; it reads only `GET /api/calibration-sessions/{id}/bias-audit`.
 */
export function SessionBiasPanel({ sessionId, refreshKey = '', group: initialGroup = 'attribute:gender', groups = DEFAULT_GROUPS, outcome, favourable, controls, detailed = false }: SessionBiasPanelProps) {
  const id = useId();
  const [group, setGroup] = useState(initialGroup);
  const audit = useResource(
    (signal) => getSessionBiasAudit(sessionId, { group, ...(outcome ? { outcome } : {}), ...(favourable ? { favourable } : {}), ...(controls ? { controls } : {}) }, signal),
    `session-bias-${sessionId}-${group}-${outcome ?? ''}-${favourable?.join(',') ?? ''}-${controls?.join(',') ?? ''}-${refreshKey}`,
  );
  return (
    <section className="card session-bias" aria-labelledby={`${id}-title`} data-testid="session-bias-panel">
      <div className="card__header">
        <h2 className="card__title" id={`${id}-title`}>
          Bias check
        </h2>
        <label className="small" htmlFor={`${id}-group`}>
          Group by{' '}
          <select id={`${id}-group`} className="select" value={group} onChange={(e) => setGroup(e.target.value)}>
            {groups.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LiveRegion>
        {audit.status === 'error' ? <ProblemMessage problem={audit.problem} /> : null}
        {!audit.data && audit.status === 'loading' ? <Loading label="Auditing the session…" /> : null}
      </LiveRegion>
      {audit.data ? <SessionAudits audit={audit.data} detailed={detailed} /> : null}
    </section>
  );
}

function SessionAudits({ audit, detailed }: { audit: SessionBiasAudit; detailed: boolean }) {
  return (
    <>
      <p className="muted small">
        {audit.people} people in {audit.session.name}. Compared within the same level unless chosen otherwise; groups under the minimum size are never shown.
      </p>
      <div className="analytics-grid">
        {(['current', 'proposed'] as const).map((which) => {
          const view = audit[which];
          return (
            <section key={which} aria-label={`${which} ratings`}>
              <h3 className="card__title">{which === 'current' ? 'Current ratings' : 'As proposed'}</h3>
              {view.ok ? (
                <BiasReportView report={view.report} hiddenAcrossReports={view.hiddenAcrossReports} compact={!detailed} label={which} />
              ) : (
                <ul className="findings">
                  {view.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
