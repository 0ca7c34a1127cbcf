import { useId, useState, type FormEvent } from 'react';
import { problemOf, type Problem } from '../../api/client.ts';
import { addFeedbackLogEntry, listFeedbackLog, type LogKind } from '../../api/log.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
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
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    setProblem(null);
    if (!body.trim()) {
      setBodyError('Write what happened.');
      return;
    }
    setBusy(true);
    try {
      await addFeedbackLogEntry(personId, { kind, occurredOn, body: body.trim() });
      setBody('');
      setStatus('Note added.');
      log.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
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
          <LiveRegion>
            {problem ? <ProblemMessage problem={problem} heading="The note was not added" /> : null}
            {status ? <p className="notice notice--success">{status}</p> : null}
          </LiveRegion>
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={busy}>
              {busy ? 'Adding…' : 'Add note'}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
