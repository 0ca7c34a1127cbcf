import { useState, type FormEvent } from 'react';
import { closeQuarter, createPersonGoal, listPersonGoals, updateGoal, type Goal } from '../../api/growth.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageStates.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { GrowthNav } from './GrowthNav.tsx';
import { currentQuarter, usePersonParam } from './person-param.ts';

const STATUS: Record<Goal['status'], string> = { not_started: 'Not started', on_track: 'On track', at_risk: 'At risk', achieved: 'Achieved', partly: 'Partly achieved', missed: 'Missed', dropped: 'Dropped' };
const CLOSE = ['achieved', 'partly', 'missed', 'dropped'] as const;

/** Goals for a quarter: set them, record progress, and close the quarter with written outcomes. */
export function GoalsPage() {
  const { personId, isMe } = usePersonParam();
  const [quarter, setQuarter] = useState(currentQuarter);
  const goals = useResource((signal) => (personId === null ? Promise.reject(new Error('This account has no person.')) : listPersonGoals(personId, quarter, signal)), `goals-${personId}-${quarter}`);
  const [objective, setObjective] = useState('');
  const [result, setResult] = useState('');
  const [outcomes, setOutcomes] = useState<Record<number, { status: (typeof CLOSE)[number]; outcome: string }>>({});
  const add = useAction();
  const close = useAction();
  if (!goals.data) return <PageLoading title="Goals" resource={goals} />;
  const data = goals.data;
  const open = data.goals.filter((g) => g.closedAt === null);

  async function handleAdd(event: FormEvent) {
    event.preventDefault();
    await add.run(async () => {
      await createPersonGoal(personId!, { quarter, objective, measurableResult: result });
      setObjective('');
      setResult('');
      goals.reload();
      return 'Goal added.';
    });
  }
  async function handleClose(event: FormEvent) {
    event.preventDefault();
    await close.run(async () => {
      goals.replace(await closeQuarter(personId!, { quarter, outcomes: open.map((g) => ({ goalId: g.id, status: outcomes[g.id]?.status ?? 'achieved', outcome: outcomes[g.id]?.outcome ?? '' })) }));
      return `${quarter} is closed.`;
    });
  }

  return (
    <div className="stack">
      <PageHeader title={isMe ? 'My goals' : 'Goals'} lead="Objectives with a measurable result, per quarter. Closing a quarter asks each goal for a short written outcome." />
      <GrowthNav />
      <div className="form__row">
        <Field label="Quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)} pattern="\d{4}-Q[1-4]" />
      </div>
      <section className="card" aria-labelledby="goals-title">
        <h2 className="card__title" id="goals-title">
          Goals for {data.quarter}
        </h2>
        {data.goals.length === 0 ? <p className="muted">No goals for this quarter yet.</p> : null}
        <ul className="growth-list" data-testid="goal-list">
          {data.goals.map((g) => (
            <li key={g.id}>
              <strong>{g.objective}</strong>
              {g.measurableResult ? <div>Measured by: {g.measurableResult}</div> : null}
              <div className="growth-meta">
                <span className="badge">{STATUS[g.status]}</span> {g.owner.kind === 'team' ? `Team ${g.owner.team.name}` : null}
              </div>
              {g.outcome ? <p>Outcome: {g.outcome}</p> : null}
              {g.canEdit ? (
                <label className="small">
                  Progress{' '}
                  <select className="input" value={g.status} onChange={(e) => void updateGoal(g.id, { status: e.target.value as 'on_track', version: g.version }).finally(() => goals.reload())}>
                    {(['not_started', 'on_track', 'at_risk'] as const).map((s) => (
                      <option key={s} value={s}>
                        {STATUS[s]}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {personId !== null ? (
        <form className="card form" onSubmit={handleAdd} aria-label="Add a goal">
          <h2 className="card__title">Add a goal</h2>
          <Field label="Objective" value={objective} onChange={(e) => setObjective(e.target.value)} maxLength={500} />
          <Field label="Measurable result" hint={data.rules.requireMeasurableResult ? 'Required by the policy: how will you know it is met?' : 'How will you know it is met?'} value={result} onChange={(e) => setResult(e.target.value)} maxLength={500} />
          <ActionOutcome action={add} heading="The goal was not added" />
          <div className="form__actions">
            <SubmitButton busy={add.busy} busyLabel="Adding…">
              Add goal
            </SubmitButton>
          </div>
        </form>
      ) : null}
      {open.length > 0 && open.some((g) => g.canEdit) ? (
        <form className="card form" onSubmit={handleClose} aria-label="Close the quarter">
          <h2 className="card__title">Close {data.quarter}</h2>
          <p className="muted small">Each goal needs a result and a short written outcome (at least {data.rules.outcomeMinChars} characters). Nothing closes unless every goal has one.</p>
          {open.map((g) => (
            <fieldset className="fieldset" key={g.id}>
              <legend>{g.objective}</legend>
              <label className="field">
                <span className="field__label">Result of “{g.objective}”</span>
                <select className="input" value={outcomes[g.id]?.status ?? 'achieved'} onChange={(e) => setOutcomes({ ...outcomes, [g.id]: { outcome: outcomes[g.id]?.outcome ?? '', status: e.target.value as 'achieved' } })}>
                  {CLOSE.map((s) => (
                    <option key={s} value={s}>
                      {STATUS[s]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field__label">Outcome of “{g.objective}”</span>
                <textarea className="input textarea textarea--short" value={outcomes[g.id]?.outcome ?? ''} onChange={(e) => setOutcomes({ ...outcomes, [g.id]: { status: outcomes[g.id]?.status ?? 'achieved', outcome: e.target.value } })} maxLength={2000} />
              </label>
            </fieldset>
          ))}
          <ActionOutcome action={close} heading="The quarter was not closed" />
          <div className="form__actions">
            <SubmitButton busy={close.busy} busyLabel="Closing…">
              Close the quarter
            </SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}
