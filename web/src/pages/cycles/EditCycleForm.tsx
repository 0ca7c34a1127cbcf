import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { isApiError } from '../../api/client.ts';
import { updateCycle, type Cycle, type UpdateCycleBody } from '../../api/cycles.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { describeChange, editProblems, editValuesOf, readCycleEdit, summariseChanges, type CycleChange, type EditErrors } from './cycle-edit.ts';
import { PHASES, phaseLabel, type Phase } from './cycle-format.ts';
import { formatDateTime, localTimeZone, timeZoneLabel, toInputValue } from './deadline-input.ts';

interface EditCycleFormProps {
  cycle: Cycle;
  /** After a save, with a sentence saying what changed. */
  onSaved: (saved: Cycle, message: string) => void;
  onCancel: () => void;
}

/**
 * HR and admins: rename a cycle and move its deadlines in the reader's own time zone. A launched
 * cycle shows passed deadlines as history. The save is confirmed first, naming each change; the
 * server's refusals are shown beside the fields they concern.
 */
export function EditCycleForm({ cycle, onSaved, onCancel }: EditCycleFormProps) {
  const id = useId();
  const [timeZone] = useState(localTimeZone);
  // The moment the form opened decides which deadlines show as passed (the server decides again on save).
  const [openedAt] = useState(() => Date.now());
  const [values, setValues] = useState(() => editValuesOf(cycle, timeZone));
  const [errors, setErrors] = useState<EditErrors>({});
  const [pending, setPending] = useState<{ body: UpdateCycleBody; changes: CycleChange[] } | null>(null);
  // What the confirmation ended with, acted on once it has closed and given focus back.
  const outcome = useRef<{ saved?: Cycle; refused?: boolean }>({});
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const launched = cycle.status !== 'draft';
  const passed = (phase: Phase) => launched && Date.parse(cycle.deadlines[phase] ?? '') <= openedAt;

  useEffect(() => headingRef.current?.focus(), []);

  function focusFirstProblem() {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.clear();
    const read = readCycleEdit(cycle, values, timeZone);
    flushSync(() => setErrors(read.ok ? {} : read.errors));
    if (!read.ok) return focusFirstProblem();
    if (!read.changes.length) return action.setStatus('Nothing to save: the name and the deadlines are as they were.');
    setPending({ body: read.body, changes: read.changes });
  }

  async function save() {
    if (!pending) return;
    try {
      outcome.current.saved = await updateCycle(cycle.id, pending.body);
    } catch (error) {
      const split = isApiError(error, 400) ? editProblems(error.problem, timeZone) : null;
      // Anything that is not about a field stays in the dialog, which shows it.
      if (!split || !Object.keys(split.fields).length) throw error;
      flushSync(() => {
        setErrors(split.fields);
        action.setProblem(split.problem);
      });
      outcome.current.refused = true;
    }
  }

  function confirmationClosed() {
    const { saved, refused } = outcome.current;
    outcome.current = {};
    const changes = pending?.changes ?? [];
    setPending(null);
    if (saved) onSaved(saved, `Saved ${summariseChanges(changes)} of “${saved.name}”.`);
    else if (refused) focusFirstProblem();
  }

  const setDeadline = (phase: Phase, value: string) => setValues((v) => ({ ...v, deadlines: { ...v.deadlines, [phase]: value } }));
  return (
    <section className="card card--form" aria-labelledby={`${id}-title`} data-testid="edit-cycle">
      <h2 className="card__title" id={`${id}-title`} tabIndex={-1} ref={headingRef}>
        Edit {cycle.name}
      </h2>
      <p className="muted small">
        {launched
          ? 'The cycle has been launched: you can rename it and move the deadlines still ahead, for example to give the phase under way more time.'
          : 'Nothing is fixed until launch: rename the draft and move any deadline, keeping the phases in order.'}
      </p>
      <form className="form" ref={formRef} onSubmit={review} noValidate aria-labelledby={`${id}-title`}>
        <Field label="Name" autoComplete="off" value={values.name} error={errors.name} onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} />
        <fieldset className="fieldset" aria-describedby={`${id}-deadlines-hint`}>
          <legend className="field__label">Deadlines</legend>
          <p className="field__hint" id={`${id}-deadlines-hint`}>
            Each phase ends at its deadline and the next begins. Times are in your time zone, {timeZoneLabel(timeZone)}.
          </p>
          <div className="form__row">
            {PHASES.map((phase) =>
              passed(phase) ? (
                <PassedDeadline key={phase} phase={phase} deadline={cycle.deadlines[phase] ?? ''} timeZone={timeZone} />
              ) : (
                <Field
                  key={phase}
                  label={phaseLabel(phase)}
                  type="datetime-local"
                  value={values.deadlines[phase]}
                  min={launched ? toInputValue(new Date(openedAt).toISOString(), timeZone) : undefined}
                  error={errors[phase]}
                  onChange={(e) => setDeadline(phase, e.target.value)}
                />
              ),
            )}
          </div>
        </fieldset>
        <ActionOutcome action={action} heading="Nothing was saved" className="notice--info" />
        <div className="form__actions">
          {/* The confirmation shows the save under way; the form only checks and asks. */}
          <SubmitButton busy={false} busyLabel="Saving…">
            Save changes
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {pending ? (
        <ConfirmDialog title={`Save changes to ${cycle.name}?`} confirmLabel="Save changes" busyLabel="Saving…" onConfirm={save} onClose={confirmationClosed}>
          <ul className="bullets" data-testid="edit-cycle-changes">
            {pending.changes.map((change) => {
              const d = describeChange(change, timeZone);
              return (
                <li key={change.field}>
                  <strong>{d.what}:</strong> {d.from} → {d.to}
                </li>
              );
            })}
          </ul>
          {launched && pending.changes.some((c) => c.field !== 'name') ? (
            <p>People taking part see the new deadlines in their tasks straight away; Highbar does not send them a notification about the change.</p>
          ) : null}
          <p className="muted small">Times are in your time zone, {timeZoneLabel(timeZone)}.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** A deadline that has passed: shown, with why it cannot move, but not editable. */
function PassedDeadline({ phase, deadline, timeZone }: { phase: Phase; deadline: string; timeZone: string }) {
  const id = useId();
  return (
    <div className="field" role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-why`} data-testid={`passed-${phase}`}>
      <span className="field__label" id={`${id}-label`}>
        {phaseLabel(phase)}
      </span>
      <p>
        {formatDateTime(deadline, timeZone)} <span className="tag">Passed</span>
      </p>
      <p className="field__hint" id={`${id}-why`}>
        This phase has ended, so its deadline is history and can no longer move.
      </p>
    </div>
  );
}
