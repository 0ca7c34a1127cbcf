import { useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { getCycle, type Cycle, type CycleQuestions } from '../../api/cycles.ts';
import { getMyPeerFeedback, savePeerFeedback, submitPeerFeedback, type PeerFeedback, type WordingConcern } from '../../api/feedback.ts';
import { useResource } from '../../api/use-resource.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.tsx';
import { formatDate } from '../../components/format.ts';
import { countWords } from '../../../../src/shared/words.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { AutosaveStatus } from './AutosaveStatus.tsx';
import { useAutosave } from './autosave.ts';
import { ConflictPanel } from './ConflictPanel.tsx';
import { FeedbackResponse } from './FeedbackResponse.tsx';
import { PrinciplePicker } from './PrinciplePicker.tsx';
import { ReadersNote } from './ReadersNote.tsx';
import { WordCounter } from './WordCounter.tsx';
import { isOpen, phaseLabel } from './cycle-format.ts';

type Answers = Pick<PeerFeedback, 'superpowers' | 'improvements' | 'lpsChampioned' | 'lpsToImprove'>;
type QuestionKey = 'superpowers' | 'improvements';

/** Peer feedback for one request: two short answers, LP tags, autosaved, submitted explicitly. */
export function WriteFeedbackPage() {
  const { requestId } = useParams();
  const id = Number(requestId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <FeedbackLoader requestId={id} />;
}

function FeedbackLoader({ requestId }: { requestId: number }) {
  const feedback = useResource(async (signal) => {
    const draft = await getMyPeerFeedback(requestId, signal);
    // The questions, limits and readers were locked into the cycle at launch.
    const cycle = await getCycle(draft.cycleId, signal);
    return { draft, cycle };
  }, `peer-feedback-${requestId}`);
  if (feedback.status === 'error' && (isApiError(feedback.error, 404) || isApiError(feedback.error, 403))) {
    return <MissingPage title="Feedback request not found" lead={feedback.problem.detail} back={{ to: '/cycles', label: 'Your review cycles' }} />;
  }
  if (!feedback.data) return <PageLoading title="Write feedback" resource={feedback} />;
  const { draft, cycle } = feedback.data;
  return (
    <div className="stack">
      <Breadcrumb
        trail={[
          { to: '/cycles', label: 'Reviews' },
          { to: `/cycles/${cycle.id}/tasks`, label: cycle.name },
        ]}
        current={`Feedback for ${draft.subject.name}`}
      />
      <PageHeader
        title={`Feedback for ${draft.subject.name}`}
        lead={
          <>
            <span className={`phase phase--${cycle.phase}`}>{phaseLabel(cycle.phase)}</span> {cycle.name}
            {isOpen('writePeerFeedback', cycle.phase) ? <span className="muted"> · due {formatDate(cycle.deadlines['peer_feedback'])}</span> : null}
          </>
        }
      />
      {!cycle.questions ? (
        <p className="card">This cycle has not been launched.</p>
      ) : draft.status === 'submitted' || !isOpen('writePeerFeedback', cycle.phase) ? (
        <SubmittedFeedback draft={draft} cycle={cycle} questions={cycle.questions} />
      ) : (
        <FeedbackEditor draft={draft} cycle={cycle} questions={cycle.questions} onSubmitted={(saved) => feedback.replace({ draft: saved, cycle })} />
      )}
    </div>
  );
}

function SubmittedFeedback({ draft, cycle, questions }: { draft: PeerFeedback; cycle: Cycle; questions: CycleQuestions }) {
  return (
    <div className="grid grid--two">
      <section className="card" aria-labelledby="submitted-title">
        <h2 className="card__title" id="submitted-title">
          Your feedback
        </h2>
        {draft.status === 'submitted' ? (
          <p className="notice notice--success" data-testid="feedback-submitted">
            Submitted. Thank you: it can no longer change.
          </p>
        ) : (
          <p className="notice notice--warning">Peer feedback is closed for this cycle.{draft.status === 'draft' ? ' Your draft was not submitted and nobody else reads it.' : ''}</p>
        )}
        <FeedbackResponse as="div" superpowers={draft.superpowers} improvements={draft.improvements} lpsChampioned={draft.lpsChampioned} lpsToImprove={draft.lpsToImprove} />
      </section>
      <div className="stack">
        <ReadersNote readers={questions.peer.readers} />
        <p>
          <Link to={`/cycles/${cycle.id}/tasks`}>Back to my tasks</Link>
        </p>
      </div>
    </div>
  );
}

function FeedbackEditor({ draft, cycle, questions, onSubmitted }: { draft: PeerFeedback; cycle: Cycle; questions: CycleQuestions; onSubmitted: (saved: PeerFeedback) => void }) {
  const id = useId();
  const { wordLimit, maxLpChampioned, maxLpToImprove } = questions.peer;
  const labels = Object.fromEntries(questions.peer.questions.map((q) => [q.key, q.label])) as Record<QuestionKey, string>;
  const [concerns, setConcerns] = useState<WordingConcern[]>(draft.wordingConcerns);
  const [confirming, setConfirming] = useState(false);

  const overLimit = (v: Answers): string | null => {
    for (const key of ['superpowers', 'improvements'] as const) {
      const n = countWords(v[key]);
      if (n > wordLimit) return `${labels[key] ?? key} has ${n} words; the limit is ${wordLimit}. Shorten it and it saves again.`;
    }
    return null;
  };

  const autosave = useAutosave<Answers, PeerFeedback>({
    initial: { superpowers: draft.superpowers, improvements: draft.improvements, lpsChampioned: draft.lpsChampioned, lpsToImprove: draft.lpsToImprove },
    initialVersion: draft.version,
    editable: true,
    save: (value, version) => savePeerFeedback(draft.requestId, { ...value, version }),
    versionOf: (r) => r.version,
    onSaved: (r) => setConcerns(r.wordingConcerns),
    blockReason: overLimit,
    fromLatest: (latest) => {
      const l = latest as Partial<Answers> | undefined;
      return { superpowers: l?.superpowers ?? '', improvements: l?.improvements ?? '', lpsChampioned: l?.lpsChampioned ?? [], lpsToImprove: l?.lpsToImprove ?? [] };
    },
  });
  const value = autosave.value;
  const counts = { superpowers: countWords(value.superpowers), improvements: countWords(value.improvements) };
  const over = (['superpowers', 'improvements'] as const).filter((k) => counts[k] > wordLimit);
  const empty = (['superpowers', 'improvements'] as const).filter((k) => !value[k].trim());
  const submitBlocker = over.length
    ? `Submit is unavailable: ${over.map((k) => `${labels[k]} has ${counts[k]} words`).join(' and ')}; the limit is ${wordLimit} words per answer.`
    : empty.length
      ? `Answer ${empty.map((k) => labels[k]).join(' and ')} to submit.`
      : autosave.state.kind === 'conflict'
        ? 'Choose which version to keep before you submit.'
        : null;
  // A concern stays up only while its words are still in the text.
  const liveConcerns = concerns.filter((c) => value[c.field].toLowerCase().includes(c.match.toLowerCase()));
  const stuck = autosave.state.kind === 'conflict' || autosave.state.kind === 'error' || autosave.state.kind === 'blocked';

  return (
    <div className="grid grid--two">
      <UnsavedChangesGuard when={autosave.unsaved && stuck} message={`Your latest changes to the feedback for ${draft.subject.name} have not been saved.`} />
      <form className="card card--form" aria-labelledby={`${id}-title`} onSubmit={(e) => e.preventDefault()} noValidate>
        <h2 className="card__title" id={`${id}-title`}>
          Your feedback
        </h2>
        {autosave.state.kind === 'conflict' ? (
          <ConflictPanel
            mine={<FeedbackResponse as="div" {...value} />}
            theirs={<FeedbackResponse as="div" {...autosave.state.latest} />}
            onKeepMine={autosave.keepMine}
            onUseSaved={autosave.useSaved}
          />
        ) : null}
        {questions.peer.questions.map((q) => (
          <AnswerField
            key={q.key}
            id={`${id}-${q.key}`}
            label={q.label}
            help={q.help}
            value={value[q.key]}
            count={counts[q.key]}
            limit={wordLimit}
            concerns={liveConcerns.filter((c) => c.field === q.key)}
            onChange={(text) => autosave.setValue((v) => ({ ...v, [q.key]: text }))}
          />
        ))}
        <PrinciplePicker
          legend="Leadership Principles they championed"
          principles={questions.leadershipPrinciples}
          chosen={value.lpsChampioned}
          max={maxLpChampioned}
          onChange={(lpsChampioned) => autosave.setValue((v) => ({ ...v, lpsChampioned }))}
        />
        <PrinciplePicker
          legend="Leadership Principles to improve"
          principles={questions.leadershipPrinciples}
          chosen={value.lpsToImprove}
          max={maxLpToImprove}
          onChange={(lpsToImprove) => autosave.setValue((v) => ({ ...v, lpsToImprove }))}
        />
        <div className="form__actions form__actions--spread">
          <AutosaveStatus state={autosave.state} onRetry={() => void autosave.saveNow()} />
          <button type="button" className="button" disabled={submitBlocker !== null} aria-describedby={`${id}-submit-note`} onClick={() => setConfirming(true)}>
            Submit feedback
          </button>
        </div>
        <p id={`${id}-submit-note`} className={over.length ? 'field__error' : 'muted small'} data-testid="submit-note">
          {submitBlocker ?? 'Drafts save automatically as you type. Submitting is final.'}
        </p>
      </form>
      <div className="stack">
        <ReadersNote readers={questions.peer.readers} />
        <section className="card card--quiet" aria-labelledby={`${id}-tips`}>
          <h2 className="card__title" id={`${id}-tips`}>
            Writing tips
          </h2>
          <ul className="bullets small">
            <li>Describe what they did and its effect, with an example only you could give.</li>
            <li>Keep each answer under {wordLimit} words: specific beats long.</li>
            <li>Write expecting that {draft.subject.name} may recognise your style, even without your name.</li>
          </ul>
        </section>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={`Submit your feedback for ${draft.subject.name}?`}
          confirmLabel="Submit feedback"
          busyLabel="Submitting…"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const saved = await autosave.submit((v, version) => submitPeerFeedback(draft.requestId, { ...v, version }));
            if (saved) onSubmitted(saved);
          }}
        >
          <p>Once submitted it can no longer change. Who reads it:</p>
          <ul className="bullets">
            {questions.peer.readers.map((r) => (
              <li key={r.who}>{r.who}</li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

interface AnswerFieldProps {
  id: string;
  label: string;
  help: string;
  value: string;
  count: number;
  limit: number;
  concerns: WordingConcern[];
  onChange: (text: string) => void;
}

/** One answer with its live word counter (the server's own count) and any wording notes. */
function AnswerField({ id, label, help, value, count, limit, concerns, onChange }: AnswerFieldProps) {
  const over = count > limit;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-help`}>
        {help}
      </p>
      <textarea
        id={id}
        className="input textarea"
        value={value}
        aria-describedby={`${id}-help ${id}-count`}
        aria-invalid={over ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <WordCounter id={`${id}-count`} count={count} limit={limit} />
      {/* Announced once when crossing the limit, not on every word. */}
      <LiveRegion className="visually-hidden">{over ? `${label} is over the ${limit}-word limit.` : ''}</LiveRegion>
      {concerns.length ? (
        <div className="notice notice--info wording" data-testid="wording-concerns">
          <p className="notice__title">A thought on wording</p>
          <ul className="notice__list">
            {concerns.map((c) => (
              <li key={`${c.term}-${c.match}`}>
                <strong>“{c.match}”</strong>: {c.why}
              </li>
            ))}
          </ul>
          <p className="small">This is only a suggestion: it never stops you submitting.</p>
        </div>
      ) : null}
    </div>
  );
}
