import type { PipelineCase } from '../../api/pipeline.ts';
import { formatDate } from '../../components/format.ts';
import { stageLabel } from '../../../../src/pipeline/stages.ts';
import { daysLeft, stateOf, STEP_NAMES } from './pipeline-format.ts';

function Goals({ title, goals }: { title: string; goals: string[] }) {
  return (
    <>
      <h3 className="card__title">{title}</h3>
      <ol>
        {goals.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ol>
    </>
  );
}

/**
 * What a case says, for every reader: its stage and deadline, the plan (Focus or the support
 * plan) with its goals, criteria and check-in timeline, the PIP, the appeal, and the history. The
 * server has already left out what this reader may not see.
 */
export function CaseView({ c }: { c: PipelineCase }) {
  const s = stateOf(c);
  const left = daysLeft(c.dueAt);
  return (
    <div className="stack" data-testid="case-view" data-version={c.version}>
      <dl className="stats">
        <div className="stats__item">
          <dt>Stage</dt>
          <dd data-testid="case-stage">{c.stageLabel}</dd>
        </div>
        <div className="stats__item">
          <dt>Since</dt>
          <dd>{formatDate(c.stageEnteredAt)}</dd>
        </div>
        <div className="stats__item">
          <dt>Deadline</dt>
          <dd>{c.dueAt ? formatDate(c.dueAt) : '—'}</dd>
        </div>
        <div className="stats__item">
          <dt>{left !== null && left < 0 ? 'Overdue by' : 'Days left'}</dt>
          <dd>{left === null ? '—' : `${Math.abs(left)}`}</dd>
        </div>
      </dl>
      {c.escalatedAt ? <p className="notice notice--warning">The deadline passed on {formatDate(c.dueAt)} and was escalated on {formatDate(c.escalatedAt)}. Nothing has been decided on anyone’s behalf.</p> : null}
      {s.reason ? <p className="card">Why: {s.reason}</p> : null}
      {s.focus ? (
        <section className="card" data-testid="plan">
          <h2 className="card__title">{c.policy.focusLabel}</h2>
          <p>
            <strong>Project:</strong> {s.focus.project}
          </p>
          <Goals title="Goals" goals={s.focus.goals} />
          <p>
            <strong>Success criteria:</strong> {s.focus.successCriteria}
          </p>
          <p className="muted small">
            {formatDate(s.focus.startsAt)} to {formatDate(s.focus.endsAt)}. {s.focus.acknowledgedAt ? `Acknowledged on ${formatDate(s.focus.acknowledgedAt)}.` : 'Not acknowledged yet.'}
          </p>
          {s.focus.conclusion ? <p>Conclusion: {s.focus.conclusion.result}. {s.focus.conclusion.note}</p> : null}
        </section>
      ) : null}
      {c.timeline.length ? (
        <section className="card" data-testid="timeline">
          <h2 className="card__title">Check-in timeline</h2>
          <ul>
            {c.timeline.map((t) => (
              <li key={t.on}>
                {formatDate(t.on)}: {t.done ? 'held' : 'planned'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.pivot ? (
        <section className="card" data-testid="pivot">
          <h2 className="card__title">Pivot</h2>
          <p>Choose by {formatDate(s.pivot.decisionDueAt)}: leave with Tier 1 severance, or attempt a {s.pivot.pipPlan.lengthDays}-day PIP with these goals.</p>
          <Goals title="The PIP’s goals" goals={s.pivot.pipPlan.goals} />
          {s.pivot.choice ? <p>Chosen: {s.pivot.choice.option === 'pip' ? 'the PIP' : 'Tier 1 severance'}.</p> : null}
        </section>
      ) : null}
      {s.pip ? (
        <section className="card" data-testid="pip">
          <h2 className="card__title">PIP</h2>
          <p>
            {formatDate(s.pip.startsAt)} to {formatDate(s.pip.endsAt)} ({s.pip.lengthDays} days).
          </p>
          <Goals title="Goals" goals={s.pip.goals} />
          {s.pip.outcome ? (
            <p data-testid="pip-outcome">
              Outcome: {s.pip.outcome.result}. {s.pip.outcome.note}
            </p>
          ) : null}
        </section>
      ) : null}
      {s.appeal ? (
        <section className="card" data-testid="appeal">
          <h2 className="card__title">Appeal</h2>
          <p>{s.appeal.statement}</p>
          <p className="muted small">
            {s.appeal.empanelledAt ? `Jury of ${s.appeal.jurors.length} empanelled; ${s.appeal.jurors.filter((j) => j.vote).length} voted.` : 'No jury yet.'} Verdict due {formatDate(s.appeal.verdictDueAt)}.
          </p>
          {s.appeal.verdict ? (
            <p data-testid="verdict">
              Appeal {s.appeal.verdict.result}: {s.appeal.verdict.overturn} to overturn, {s.appeal.verdict.uphold} to uphold.
            </p>
          ) : null}
        </section>
      ) : null}
      {s.checkIns?.length ? (
        <section className="card">
          <h2 className="card__title">Check-ins</h2>
          <ul>
            {s.checkIns.map((ci) => (
              <li key={ci.at}>
                {formatDate(ci.at)}: {ci.note}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card card--flush">
        <table className="table table--stack" data-testid="history">
          <caption className="visually-hidden">History</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Step</th>
              <th scope="col">Stage after</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {c.history.map((h, i) => (
              <tr key={`${h.at}-${i}`}>
                <td data-label="When">{formatDate(h.at)}</td>
                <td data-label="Step">{STEP_NAMES[h.type] ?? h.type}</td>
                <td data-label="Stage after">{stageLabel(h.to, c.policy.focusLabel)}</td>
                <td data-label="By">{h.by ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
