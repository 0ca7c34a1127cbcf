import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import type { Cycle, CycleQuestions } from '../../api/cycles.ts';
import { getMySelfReview, saveMySelfReview, submitMySelfReview, type SelfReview } from '../../api/feedback.ts';
import { useResource } from '../../api/use-resource.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.tsx';
import { formatDate } from '../../components/format.ts';
import { AutosaveStatus } from './AutosaveStatus.tsx';
import { useAutosave } from './autosave.ts';
import { ConflictPanel } from './ConflictPanel.tsx';
import { CycleFrame } from './CycleFrame.tsx';
import { DraftBadge } from './DraftBadge.tsx';
import { ReadersNote } from './ReadersNote.tsx';
import { SelfReviewView } from './SelfReviewView.tsx';
import { isOpen } from './cycle-format.ts';

type Answers = Pick<SelfReview, 'body' | 'principles'>;

/** My self review: free text and the Leadership Principles I championed, each with an example. */
export function SelfReviewPage() {
  return <CycleFrame title="Self review">{(cycle) => <SelfReviewLoader cycle={cycle} />}</CycleFrame>;
}

function SelfReviewLoader({ cycle }: { cycle: Cycle }) {
  const review = useResource((signal) => getMySelfReview(cycle.id, signal), `self-review-${cycle.id}`);
  if (review.status === 'error' && isApiError(review.error, 403)) return <p className="card">{review.problem.detail}</p>;
  if (!review.data || !cycle.questions) {
    return <LiveRegion>{review.status === 'error' ? <ProblemMessage problem={review.problem} /> : <Loading />}</LiveRegion>;
  }
  const r = review.data;
  if (r.status === 'submitted' || !isOpen('writeSelfReview', cycle.phase)) {
    return <SubmittedSelfReview cycle={cycle} questions={cycle.questions} review={r} />;
  }
  return <SelfReviewEditor cycle={cycle} questions={cycle.questions} review={r} onSubmitted={review.replace} />;
}

function SubmittedSelfReview({ cycle, questions, review }: { cycle: Cycle; questions: CycleQuestions; review: SelfReview }) {
  return (
    <div className="grid grid--two">
      <section className="card" aria-labelledby="self-read-title">
        <div className="card__header">
          <h2 className="card__title" id="self-read-title">
            Your self review
          </h2>
          <DraftBadge status={review.status} />
        </div>
        {review.status === 'submitted' ? (
          <p className="notice notice--success" data-testid="self-review-submitted">
            Submitted{review.submittedAt ? ` on ${formatDate(review.submittedAt)}` : ''}. It can no longer change.
          </p>
        ) : (
          <p className="notice notice--warning">
            Self reviews are closed ({cycle.deadlines['self_review'] ? `the deadline was ${formatDate(cycle.deadlines['self_review'])}` : 'not open now'}).
            {review.status === 'draft' ? ' Your draft was not submitted.' : ''}
          </p>
        )}
        <SelfReviewView review={review} />
      </section>
      <div className="stack">
        <ReadersNote readers={questions.self.readers} title="Who reads it" />
        <p>
          <Link to={`/cycles/${cycle.id}/tasks`}>Back to my tasks</Link>
        </p>
      </div>
    </div>
  );
}

function SelfReviewEditor({ cycle, questions, review, onSubmitted }: { cycle: Cycle; questions: CycleQuestions; review: SelfReview; onSubmitted: (r: SelfReview) => void }) {
  const id = useId();
  const [status, setStatus] = useState(review.status);
  const draft = useAutosave<Answers, SelfReview>({
    initial: { body: review.body, principles: review.principles },
    initialVersion: review.version,
    editable: true,
    save: (value, version) => saveMySelfReview(cycle.id, { ...value, version }),
    versionOf: (r) => r.version,
    onSaved: (r) => setStatus(r.status),
    fromLatest: (latest) => {
      const l = latest as Partial<Answers> | undefined;
      return { body: l?.body ?? '', principles: l?.principles ?? [] };
    },
  });
  const [errors, setErrors] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const value = draft.value;
  const lps = questions.leadershipPrinciples;
  const chosen = new Set(value.principles.map((p) => p.principle));

  function togglePrinciple(principle: string, on: boolean) {
    draft.setValue((v) => {
      const principles = on ? [...v.principles, { principle, example: '' }] : v.principles.filter((p) => p.principle !== principle);
      // Keep the order of the policy's list, whatever order they were ticked in.
      principles.sort((a, b) => lps.indexOf(a.principle) - lps.indexOf(b.principle));
      return { ...v, principles };
    });
  }

  function setExample(principle: string, example: string) {
    draft.setValue((v) => ({ ...v, principles: v.principles.map((p) => (p.principle === principle ? { ...p, example } : p)) }));
  }

  /** The server's submit rules, checked first so the writer sees them all at once. */
  function submitProblems(): string[] {
    const problems: string[] = [];
    if (!value.body.trim()) problems.push('Write what you delivered this year.');
    if (value.principles.length === 0) problems.push('Choose at least one Leadership Principle you championed.');
    for (const p of value.principles) if (!p.example.trim()) problems.push(`Give an example for ${p.principle}.`);
    return problems;
  }

  function askToSubmit() {
    const problems = submitProblems();
    setErrors(problems);
    if (!problems.length) setConfirming(true);
  }

  const stuck = draft.state.kind === 'conflict' || draft.state.kind === 'error' || draft.state.kind === 'blocked';
  return (
    <div className="grid grid--two">
      <UnsavedChangesGuard when={draft.unsaved && stuck} message="Your latest changes to your self review have not been saved." />
      <form className="card card--form" aria-labelledby={`${id}-title`} onSubmit={(e) => e.preventDefault()} noValidate>
        <div className="card__header">
          <h2 className="card__title" id={`${id}-title`}>
            Your self review
          </h2>
          <DraftBadge status={status} />
        </div>
        {draft.state.kind === 'conflict' ? (
          <ConflictPanel mine={<SelfReviewView review={value} />} theirs={<SelfReviewView review={draft.state.latest} />} onKeepMine={draft.keepMine} onUseSaved={draft.useSaved} />
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-body`}>
            What you delivered
          </label>
          <p className="field__hint" id={`${id}-body-hint`}>
            {questions.self.prompt}
          </p>
          <textarea
            id={`${id}-body`}
            className="input textarea textarea--tall"
            value={value.body}
            aria-describedby={`${id}-body-hint`}
            onChange={(e) => {
              const body = e.target.value;
              draft.setValue((v) => ({ ...v, body }));
            }}
          />
        </div>
        <fieldset className="fieldset">
          <legend className="field__label">Leadership Principles you championed</legend>
          <p className="field__hint">Tick each principle you championed this year, then give a concrete example for it.</p>
          <div className="lp-grid">
            {lps.map((lp) => (
              <label key={lp} className="lp-option">
                <input type="checkbox" checked={chosen.has(lp)} onChange={(e) => togglePrinciple(lp, e.target.checked)} />
                <span>{lp}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {value.principles.map((p) => (
          <div className="field field--example" key={p.principle}>
            <label className="field__label" htmlFor={`${id}-ex-${lps.indexOf(p.principle)}`}>
              Example for {p.principle}
            </label>
            <textarea
              id={`${id}-ex-${lps.indexOf(p.principle)}`}
              className="input textarea"
              value={p.example}
              onChange={(e) => setExample(p.principle, e.target.value)}
            />
          </div>
        ))}
        <LiveRegion>
          {errors.length ? (
            <div className="notice notice--error">
              <p className="notice__title">Before you submit</p>
              <ul className="notice__list">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </LiveRegion>
        <div className="form__actions form__actions--spread">
          <AutosaveStatus state={draft.state} onRetry={() => void draft.saveNow()} />
          <button type="button" className="button" onClick={askToSubmit} disabled={draft.state.kind === 'conflict'}>
            Submit self review
          </button>
        </div>
        <p className="muted small">Drafts save automatically as you type. Submitting is final.</p>
      </form>
      <div className="stack">
        <ReadersNote readers={questions.self.readers} title="Who reads it" />
        <p className="muted small">Due {formatDate(cycle.deadlines['self_review'])}.</p>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Submit your self review?"
          confirmLabel="Submit"
          busyLabel="Submitting…"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const saved = await draft.submit((v, version) => submitMySelfReview(cycle.id, { ...v, version }));
            if (saved) onSubmitted(saved);
          }}
        >
          <p>Once submitted, your self review can no longer change. Your manager and HR partners read it.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
