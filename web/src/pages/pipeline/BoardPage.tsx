import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { getPipelineBoard, listPipelineCases, openPipelineCase } from '../../api/pipeline.ts';
import type { Person } from '../../api/people.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { formatDate } from '../../components/format.ts';
import { useMe } from '../../components/me-context.ts';

function OpenCaseForm() {
  const [person, setPerson] = useState<Person | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  const navigate = useNavigate();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person) return;
    await action.run(async () => {
      const opened = await openPipelineCase({ source: 'manual', personId: person.id, reason });
      navigate(`/pipeline/cases/${opened.id}`);
    });
  }
  return (
    <form className="form card" onSubmit={submit} data-testid="open-case" noValidate>
      <h2 className="card__title">Identify someone by hand</h2>
      {person ? <p>Person: {person.name}</p> : <PersonSearch label="Person" actionLabel="Choose" onPick={setPerson} />}
      <div className="field">
        <label className="field__label" htmlFor="open-reason">
          Reason
        </label>
        <textarea id="open-reason" className="textarea textarea--short" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <LiveRegion>{action.problem ? <ProblemMessage problem={action.problem} /> : null}</LiveRegion>
      <div>
        <SubmitButton busy={action.busy} busyLabel="Opening…">
          Open a case
        </SubmitButton>
      </div>
    </form>
  );
}

function Board() {
  const board = useResource((signal) => getPipelineBoard(signal), 'pipeline-board');
  if (!board.data) return board.status === 'error' ? <ProblemMessage problem={board.problem} /> : <Loading />;
  const { stages, passRates, outcomesByOrganisation } = board.data;
  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
  return (
    <>
      <section className="card card--flush">
        <table className="table table--stack" data-testid="board-stages">
          <caption className="visually-hidden">Cases per stage</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Cases</th>
              <th scope="col">Median days in stage</th>
              <th scope="col">Past deadline</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.stage}>
                <td data-label="Stage">{s.label}</td>
                <td data-label="Cases">{s.count}</td>
                <td data-label="Median days in stage">{s.medianDaysInStage ?? '—'}</td>
                <td data-label="Past deadline">{s.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <dl className="stats" data-testid="pass-rates">
        <div className="stats__item">
          <dt>Focus successful</dt>
          <dd>{pct(passRates.focus.rate)}</dd>
        </div>
        <div className="stats__item">
          <dt>PIPs passed</dt>
          <dd>{pct(passRates.pip.rate)}</dd>
        </div>
        <div className="stats__item">
          <dt>Appeals won</dt>
          <dd>{pct(passRates.appeal.rate)}</dd>
        </div>
      </dl>
      {outcomesByOrganisation.length ? (
        <section className="card card--flush">
          <table className="table table--stack" data-testid="board-orgs">
            <caption className="visually-hidden">Outcomes by organisation</caption>
            <thead>
              <tr>
                {['Organisation', 'Open', 'Kept', 'Left (Tier 1)', 'Left (Tier 2)', 'Terminated'].map((h) => (
                  <th scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {outcomesByOrganisation.map((o) => (
                <tr key={o.organisation.id}>
                  <td data-label="Organisation">{o.organisation.name}</td>
                  <td data-label="Open">{o.open}</td>
                  <td data-label="Kept">{o.kept}</td>
                  <td data-label="Left (Tier 1)">{o.leftTier1}</td>
                  <td data-label="Left (Tier 2)">{o.leftTier2}</td>
                  <td data-label="Terminated">{o.terminated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

/** Managers: the cases in their organisation. HR: the board for their scope as well. */
export function PipelineBoardPage() {
  const { me } = useMe();
  const isHr = me.roles.includes('hr');
  const [includeClosed, setIncludeClosed] = useState(false);
  const cases = useResource((signal) => listPipelineCases({ includeClosed }, signal), `pipeline-cases-${includeClosed}`);
  return (
    <div className="stack">
      <PageHeader title="Pipeline" lead={isHr ? 'Cases in your scope, where each stands, and how the process is going.' : 'Cases in your organisation.'} />
      {isHr ? <Board /> : null}
      <label className="check">
        <input type="checkbox" checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)} /> Include ended cases
      </label>
      <LiveRegion>{cases.status === 'error' ? <ProblemMessage problem={cases.problem} /> : null}</LiveRegion>
      {cases.data ? (
        <section className="card card--flush">
          <table className="table table--stack" data-testid="case-list">
            <caption className="visually-hidden">Cases</caption>
            <thead>
              <tr>
                {['Person', 'Stage', 'Since', 'Deadline', 'Manager'].map((h) => (
                  <th scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cases.data.cases.map((c) => (
                <tr key={c.id}>
                  <td data-label="Person">
                    <Link to={`/pipeline/cases/${c.id}`}>{c.person.name}</Link>
                  </td>
                  <td data-label="Stage">{c.stageLabel}</td>
                  <td data-label="Since">{formatDate(c.stageEnteredAt)}</td>
                  <td data-label="Deadline">
                    {formatDate(c.dueAt)}
                    {c.overdue ? ' (overdue)' : ''}
                  </td>
                  <td data-label="Manager">{c.person.managerName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {cases.data.cases.length === 0 ? <p className="table-note">No cases.</p> : null}
        </section>
      ) : null}
      <OpenCaseForm />
    </div>
  );
}
