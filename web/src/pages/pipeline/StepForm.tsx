import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { takePipelineStep, type PipelineCase, type PipelineCommand } from '../../api/pipeline.ts';
import { useAction } from '../../api/use-action.ts';
import { Field } from '../../components/Field.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { PersonSearch } from '../../components/PersonSearch.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { lines, stateOf, STEP_NAMES } from './pipeline-format.ts';

function TextArea({ label, value, onChange, hint }: { label: string; value: string; onChange: (v: string) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <textarea id={id} className="textarea textarea--short" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function Choice({ legend, options, value, onChange }: { legend: string; options: [string, string][]; value: string; onChange: (v: string) => void }) {
  const name = useId();
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{legend}</legend>
      <div className="checks checks--inline">
        {options.map(([key, label]) => (
          <label className="check" key={key}>
            <input type="radio" name={name} value={key} checked={value === key} onChange={() => onChange(key)} /> {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The form for one step of the process, as the case's next steps offer it to this reader. The
 * server's state machine has the last word; a refusal shows its sentence, naming the stage.
 */
export function StepForm({ c, transition, onDone }: { c: PipelineCase; transition: string; onDone: (updated: PipelineCase | null) => void }) {
  const action = useAction();
  const state = stateOf(c);
  const [text, setText] = useState<Record<string, string>>({});
  const [jurors, setJurors] = useState<{ id: number; name: string }[]>([]);
  const value = (key: string, fallback = '') => text[key] ?? fallback;
  const set = (key: string) => (v: string) => setText((t) => ({ ...t, [key]: v }));
  const pendingJurors = (state.appeal?.jurors ?? []).filter((j) => !j.vote);

  function command(): PipelineCommand | null {
    const days = (key: string) => (value(key) ? Number(value(key)) : undefined);
    switch (transition) {
      case 'startFocus':
        return { type: 'startFocus', project: value('project'), successCriteria: value('criteria'), goals: lines(value('goals')), lengthDays: days('length') };
      case 'closeWithoutAction':
        return { type: 'closeWithoutAction', reason: value('reason') };
      case 'acknowledgePlan':
        return { type: 'acknowledgePlan' };
      case 'checkIn':
        return { type: 'checkIn', note: value('note') };
      case 'concludeFocus':
        return { type: 'concludeFocus', note: value('note') };
      case 'enterPivot':
        return { type: 'enterPivot', note: value('note'), pipGoals: lines(value('goals')), pipLengthDays: days('length') };
      case 'choosePivotOption':
        return { type: 'choosePivotOption', option: value('option', 'pip') as 'tier1' | 'pip' };
      case 'extendDeadline':
        return { type: 'extendDeadline', days: Number(value('days', '7')), reason: value('reason') };
      case 'recordPipOutcome':
        return { type: 'recordPipOutcome', outcome: value('outcome', 'pass') as 'pass' | 'fail', note: value('note') };
      case 'chooseAfterFailure':
        return { type: 'chooseAfterFailure', option: value('option', 'appeal') as 'tier2' | 'appeal', statement: value('statement') || undefined };
      case 'empanelJury':
        return { type: 'empanelJury', jurorIds: jurors.map((j) => j.id) };
      case 'castJuryVote':
        return { type: 'castJuryVote', jurorId: Number(value('juror', String(pendingJurors[0]?.personId ?? 0))), vote: value('vote', 'overturn') as 'uphold' | 'overturn' };
      default:
        return null;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const step = command();
    if (!step) return;
    await action.run(async () => {
      onDone(await takePipelineStep(c.id, c.version, step));
      return `${STEP_NAMES[transition] ?? transition}: done.`;
    });
  }

  const fields: Record<string, ReactNode> = {
    startFocus: (
      <>
        <TextArea label="Project" value={value('project')} onChange={set('project')} hint="A well-defined piece of work, written so the employee could read it." />
        <TextArea label="Goals (one per line)" value={value('goals')} onChange={set('goals')} />
        <TextArea label="Success criteria" value={value('criteria')} onChange={set('criteria')} />
        <Field label="Length in days (optional)" inputMode="numeric" value={value('length')} onChange={(e) => set('length')(e.target.value)} />
      </>
    ),
    closeWithoutAction: <TextArea label="Reason" value={value('reason')} onChange={set('reason')} />,
    acknowledgePlan: <p className="muted small">Acknowledging says you have read the plan, its goals and how success will be judged.</p>,
    checkIn: <TextArea label="Check-in note" value={value('note')} onChange={set('note')} />,
    concludeFocus: <TextArea label="How it went" value={value('note')} onChange={set('note')} />,
    enterPivot: (
      <>
        <TextArea label="Why the plan was unsuccessful" value={value('note')} onChange={set('note')} />
        <TextArea label="PIP goals (one per line)" value={value('goals')} onChange={set('goals')} />
        <Field label="PIP length in days (optional)" inputMode="numeric" value={value('length')} onChange={(e) => set('length')(e.target.value)} />
      </>
    ),
    choosePivotOption: (
      <Choice legend="Choice" value={value('option', 'pip')} onChange={set('option')} options={[['pip', 'Attempt the PIP'], ['tier1', 'Leave with Tier 1 severance']]} />
    ),
    extendDeadline: (
      <>
        <Field label="Days from today" inputMode="numeric" value={value('days', '7')} onChange={(e) => set('days')(e.target.value)} />
        <TextArea label="Reason" value={value('reason')} onChange={set('reason')} />
      </>
    ),
    recordPipOutcome: (
      <>
        <Choice legend="Outcome" value={value('outcome', 'pass')} onChange={set('outcome')} options={[['pass', 'Pass'], ['fail', 'Fail']]} />
        <TextArea label="Note against the goals" value={value('note')} onChange={set('note')} />
      </>
    ),
    chooseAfterFailure: (
      <>
        <Choice legend="Choice" value={value('option', 'appeal')} onChange={set('option')} options={[['appeal', 'Appeal to a jury of peers'], ['tier2', 'Leave with Tier 2 severance']]} />
        <TextArea label="Appeal statement" value={value('statement')} onChange={set('statement')} />
      </>
    ),
    empanelJury: (
      <>
        <PersonSearch label="Find jurors" hint="Peers from outside the employee’s management chain." actionLabel="Add juror" onPick={(p) => setJurors((js) => (js.some((j) => j.id === p.id) ? js : [...js, { id: p.id, name: p.name }]))} />
        <ul data-testid="jurors">
          {jurors.map((j) => (
            <li key={j.id}>{j.name}</li>
          ))}
        </ul>
      </>
    ),
    castJuryVote: (
      <>
        <div className="field">
          <label className="field__label" htmlFor={`juror-${c.id}`}>
            Juror
          </label>
          <select id={`juror-${c.id}`} className="input" value={value('juror', String(pendingJurors[0]?.personId ?? ''))} onChange={(e) => set('juror')(e.target.value)}>
            {pendingJurors.map((j) => (
              <option key={j.personId} value={j.personId}>
                {c.jurors.find((p) => p.id === j.personId)?.name ?? `Person ${j.personId}`}
              </option>
            ))}
          </select>
        </div>
        <Choice legend="Vote" value={value('vote', 'overturn')} onChange={set('vote')} options={[['overturn', 'Overturn the PIP failure'], ['uphold', 'Uphold it']]} />
      </>
    ),
  };

  return (
    <form className="form card" onSubmit={submit} data-testid={`step-${transition}`} noValidate>
      <h3 className="card__title">{STEP_NAMES[transition] ?? transition}</h3>
      {fields[transition]}
      <LiveRegion>{action.problem ? <ProblemMessage problem={action.problem} /> : action.status ? <p className="notice notice--success">{action.status}</p> : null}</LiveRegion>
      <div>
        <SubmitButton busy={action.busy} busyLabel="Saving…">
          {transition === 'acknowledgePlan' ? 'Acknowledge the plan' : `Record: ${STEP_NAMES[transition] ?? transition}`}
        </SubmitButton>
      </div>
    </form>
  );
}
