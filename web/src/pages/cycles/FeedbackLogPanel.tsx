import { useId, useState, type FormEvent } from 'react';
import { addFeedbackLogEntry, listFeedbackLog, type LogKind } from '../../api/log.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { formatDate } from '../../components/format.ts';
import { LOG_KINDS } from '../../../../src/shared/schemas/cycles.ts';

const KIND_LABELS: Record<LogKind, string> = { decision: 'Decision', win: 'Win', miss: 'Miss', support: 'Support given', feedback: 'Feedback given' };

const today = () => new Date().toISOString().slice(0, 10);

/** The continuous feedback log about a person: notes written at the time, not at year end. */
export function FeedbackLogPanel({ personId, name, canWrite }: { personId: number; name: string; canWrite: boolean }) {
  const id = useId();
  const log = useResource((signal) => listFeedbackLog(personId, signal), `log-${personId}`);
  const [kind, setKind] = useState<LogKind>('win');
  const [occurredOn, setOccurredOn] = useState(today);
  const [body, setBody] = useState('');
  const [bodyError, setBodyError] = useState<string | null>(null);
  const action = useAction();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.clear();
    if (!body.trim()) {
      setBodyError('Write what happened.');
      return;
    }
    await action.run(async () => {
      await addFeedbackLogEntry(personId, { kind, occurredOn, body: body.trim() });
      setBody('');
      log.reload();
      return 'Note added.';
    });
  }

  const entries = log.data?.entries ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="feedback-log">
      <h3 className="card__title" id={`${id}-title`}>
        Continuous feedback log
      </h3>
      <p className="muted small">Decisions, wins, misses and support, noted when they happen so the review rests on the whole year.</p>
      <LiveRegion>{log.status === 'error' ? <ProblemMessage problem={log.problem} /> : null}</LiveRegion>
      {log.status === 'loading' && !log.data ? <Loading /> : null}
      {log.data && entries.length === 0 ? <p className="muted">No notes about {name} yet.</p> : null}
      {entries.length ? (
        <ol className="log">
          {entries.map((e) => (
            <li key={e.id} className="log__entry">
              <p className="log__meta">
                <span className={`log__kind log__kind--${e.kind}`}>{KIND_LABELS[e.kind]}</span> {formatDate(e.occurredOn)} · {e.author.name}
              </p>
              <p className="prose__text">{e.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {canWrite ? (
        <form className="form log__form" onSubmit={handleSubmit} noValidate aria-label={`Add a note about ${name}`}>
          <div className="form__row">
            <div className="field">
              <label className="field__label" htmlFor={`${id}-kind`}>
                Kind
              </label>
              <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as LogKind)}>
                {LOG_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-date`}>
                When
              </label>
              <input id={`${id}-date`} className="input" type="date" max={today()} value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
            </div>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-body`}>
              What happened
            </label>
            <textarea
              id={`${id}-body`}
              className="input textarea textarea--short"
              value={body}
              maxLength={5000}
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={bodyError ? `${id}-body-error` : undefined}
              onChange={(e) => {
                setBody(e.target.value);
                setBodyError(null);
              }}
            />
            {bodyError ? (
              <p className="field__error" id={`${id}-body-error`}>
                {bodyError}
              </p>
            ) : null}
          </div>
          <ActionOutcome action={action} heading="The note was not added" />
          <div className="form__actions">
            <SubmitButton busy={action.busy} busyLabel="Adding…" className="button button--secondary">
              Add note
            </SubmitButton>
          </div>
        </form>
      ) : null}
    </section>
  );
}
