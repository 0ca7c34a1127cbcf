import { useId, useState, type FormEvent } from 'react';
import type { Cycle, Readers } from '../../api/cycles.ts';
import { saveManagerReview, submitManagerReview, type ManagerReview } from '../../api/feedback.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.tsx';
import { formatDate } from '../../components/format.ts';
import { AutosaveStatus } from './AutosaveStatus.tsx';
import { useAutosave } from './autosave.ts';
import { ConflictPanel } from './ConflictPanel.tsx';
import { ManagerReviewView, isWebUrl } from './ManagerReviewView.tsx';
import { ReadersNote } from './ReadersNote.tsx';

type Answers = Pick<ManagerReview, 'narrative' | 'strengths' | 'growthAreas' | 'evidenceLinks'>;
type TextKey = 'narrative' | 'strengths' | 'growthAreas';

const TEXT_FIELDS: { key: TextKey; label: string; hint: string; tall?: boolean }[] = [
  { key: 'narrative', label: 'Narrative', hint: 'The story of their year: what they delivered, how, and its effect. Required to submit.', tall: true },
  { key: 'strengths', label: 'Strengths', hint: 'What to keep doing, with examples from peer feedback and your log.' },
  { key: 'growthAreas', label: 'Growth areas', hint: 'What would make them more effective next year, and how you will support it.' },
];

interface ManagerReviewEditorProps {
  cycle: Cycle;
  personId: number;
  name: string;
  review: ManagerReview;
  readers: Readers;
  /** Each autosave's answer, so the status badge beside the title follows. */
  onSaved: (review: ManagerReview) => void;
  onSubmitted: (review: ManagerReview) => void;
}

/** The manager's review of one person: autosaved drafts, evidence links, an explicit submit. */
export function ManagerReviewEditor({ cycle, personId, name, review, readers, onSaved, onSubmitted }: ManagerReviewEditorProps) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const draft = useAutosave<Answers, ManagerReview>({
    initial: { narrative: review.narrative, strengths: review.strengths, growthAreas: review.growthAreas, evidenceLinks: review.evidenceLinks },
    initialVersion: review.version,
    editable: true,
    save: (value, version) => saveManagerReview(cycle.id, personId, { ...value, version }),
    versionOf: (r) => r.version,
    onSaved,
    fromLatest: (latest) => {
      const l = latest as Partial<Answers> | undefined;
      return { narrative: l?.narrative ?? '', strengths: l?.strengths ?? '', growthAreas: l?.growthAreas ?? '', evidenceLinks: l?.evidenceLinks ?? [] };
    },
  });
  const value = draft.value;
  const stuck = draft.state.kind === 'conflict' || draft.state.kind === 'error' || draft.state.kind === 'blocked';

  return (
    <div className="stack stack--tight">
      <UnsavedChangesGuard when={draft.unsaved && stuck} message={`Your latest changes to ${name}’s review have not been saved.`} />
      <ReadersNote readers={readers} title="Who reads your review" />
      {draft.state.kind === 'conflict' ? (
        <ConflictPanel mine={<ManagerReviewView review={value} />} theirs={<ManagerReviewView review={draft.state.latest} />} onKeepMine={draft.keepMine} onUseSaved={draft.useSaved} />
      ) : null}
      {TEXT_FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label className="field__label" htmlFor={`${id}-${f.key}`}>
            {f.label}
          </label>
          <p className="field__hint" id={`${id}-${f.key}-hint`}>
            {f.hint}
          </p>
          <textarea
            id={`${id}-${f.key}`}
            className={f.tall ? 'input textarea textarea--tall' : 'input textarea'}
            value={value[f.key]}
            aria-describedby={`${id}-${f.key}-hint`}
            aria-invalid={f.key === 'narrative' && submitError ? true : undefined}
            onChange={(e) => {
              const text = e.target.value;
              setSubmitError(null);
              draft.setValue((v) => ({ ...v, [f.key]: text }));
            }}
          />
        </div>
      ))}
      <EvidenceLinks links={value.evidenceLinks} onChange={(evidenceLinks) => draft.setValue((v) => ({ ...v, evidenceLinks }))} />
      <LiveRegion>{submitError ? <p className="field__error">{submitError}</p> : null}</LiveRegion>
      <div className="form__actions form__actions--spread">
        <AutosaveStatus state={draft.state} onRetry={() => void draft.saveNow()} />
        <button
          type="button"
          className="button"
          disabled={draft.state.kind === 'conflict'}
          onClick={() => {
            if (!value.narrative.trim()) setSubmitError('Write the narrative before you submit.');
            else setConfirming(true);
          }}
        >
          Submit review<span className="visually-hidden"> of {name}</span>
        </button>
      </div>
      <p className="muted small">Drafts save automatically. Due {formatDate(cycle.deadlines['manager_review'])}; submitting is final.</p>
      {confirming ? (
        <ConfirmDialog
          title={`Submit your review of ${name}?`}
          confirmLabel="Submit review"
          busyLabel="Submitting…"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const saved = await draft.submit((v, version) => submitManagerReview(cycle.id, personId, { ...v, version }));
            if (saved) onSubmitted(saved);
          }}
        >
          <p>Once submitted it can no longer change. It goes to calibration, and {name} reads it when reviews are delivered.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Links to evidence (design docs, launches, incidents); only complete web links are added. */
function EvidenceLinks({ links, onChange }: { links: Answers['evidenceLinks']; onChange: (links: Answers['evidenceLinks']) => void }) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);

  function add(event?: FormEvent) {
    event?.preventDefault();
    if (!label.trim()) return setError('Name the link, for example “Checkout redesign doc”.');
    if (!isWebUrl(url.trim())) return setError('Enter a web address starting with https://');
    if (links.length >= 20) return setError('At most 20 links.');
    onChange([...links, { label: label.trim().slice(0, 200), url: url.trim() }]);
    setLabel('');
    setUrl('');
    setError(null);
  }

  return (
    <fieldset className="fieldset">
      <legend className="field__label">Evidence links</legend>
      {links.length ? (
        <ul className="people-list">
          {links.map((l, i) => (
            <li key={`${l.url}-${i}`} className="people-list__row">
              <span className="evidence">
                <span className="finder__name">{l.label}</span>
                <span className="muted small evidence__url">{l.url}</span>
              </span>
              <button type="button" className="button button--ghost button--small" onClick={() => onChange(links.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> {l.label}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field__hint">Design documents, launches, incident reviews: anything calibration should be able to check.</p>
      )}
      <div className="evidence-form">
        <div className="field">
          <label className="field__label field__label--quiet" htmlFor={`${id}-label`}>
            Link name
          </label>
          <input id={`${id}-label`} className="input" value={label} onChange={(e) => setLabel(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add(e)} />
        </div>
        <div className="field">
          <label className="field__label field__label--quiet" htmlFor={`${id}-url`}>
            Address
          </label>
          <input id={`${id}-url`} className="input" type="url" inputMode="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add(e)} />
        </div>
        <button type="button" className="button button--secondary" onClick={() => add()}>
          Add link
        </button>
      </div>
      {error ? <p className="field__error">{error}</p> : null}
    </fieldset>
  );
}
