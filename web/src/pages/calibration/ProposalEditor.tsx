import { useId, useState } from 'react';
import { saveProposal, submitProposal, type Proposal, type TeamProposals } from '../../api/calibration.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.tsx';
import { AutosaveStatus } from '../cycles/AutosaveStatus.tsx';
import { useAutosave } from '../cycles/autosave.ts';
import { ConflictPanel } from '../cycles/ConflictPanel.tsx';
import { DraftBadge } from '../cycles/DraftBadge.tsx';
import { EvidenceFields } from './EvidenceFields.tsx';
import { EvidenceMeter } from './EvidenceMeter.tsx';
import { ProposalView } from './ProposalView.tsx';
import { ScaleChoice } from './ScaleChoice.tsx';
import { bodyFromDraft, draftBlockReason, draftFromProposal, submitProblems, type ProposalDraft } from './proposal-draft.ts';

interface ProposalEditorProps {
  cycleId: number;
  team: TeamProposals;
  proposal: Proposal;
  onSaved: (proposal: Proposal) => void;
  /** After a submission: the page shows it read-only again. */
  onSubmitted: (proposal: Proposal) => void;
}

/**
 * A manager's proposal for one report: performance and potential on the policy's scales, a
 * rating per Leadership Principle, a justification and the evidence packet. It saves itself as a
 * draft (each save naming the version it edited; another tab's newer save is shown, never
 * overwritten) and shows the evidence threshold as the evidence is written.
 */
export function ProposalEditor({ cycleId, team, proposal, onSaved, onSubmitted }: ProposalEditorProps) {
  const id = useId();
  const dimensions = team.evidenceDimensions.map((d) => d.key);
  const labels = Object.fromEntries(team.evidenceDimensions.map((d) => [d.key, d.label]));
  const [saved, setSaved] = useState(proposal);
  const [errors, setErrors] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const draft = useAutosave<ProposalDraft, Proposal>({
    initial: draftFromProposal(proposal, dimensions),
    initialVersion: proposal.version,
    editable: true,
    save: (value, version) => saveProposal(cycleId, proposal.person.id, { ...bodyFromDraft(value), version }),
    versionOf: (p) => p.version,
    onSaved: (p) => {
      setSaved(p);
      onSaved(p);
    },
    fromLatest: (latest) => draftFromProposal(latest as Proposal, dimensions),
    blockReason: (value) => draftBlockReason(value, labels),
  });
  const value = draft.value;
  const name = proposal.person.name;
  const lpLevels = team.scales.leadershipPrinciples;
  const set = (update: (d: ProposalDraft) => ProposalDraft) => draft.setValue(update);

  function askToSubmit() {
    const problems = submitProblems(value);
    setErrors(problems);
    if (!problems.length) setConfirming(true);
  }

  const stuck = draft.state.kind === 'conflict' || draft.state.kind === 'error' || draft.state.kind === 'blocked';
  return (
    <form className="card card--form proposal" aria-labelledby={`${id}-title`} onSubmit={(e) => e.preventDefault()} noValidate data-testid="proposal-editor">
      <UnsavedChangesGuard when={draft.unsaved && stuck} message={`Your latest changes to ${name}’s proposal have not been saved.`} />
      <div className="card__header">
        <h2 className="card__title" id={`${id}-title`}>
          {name}
        </h2>
        <DraftBadge status={saved.status} />
      </div>
      <p className="muted small">
        {proposal.person.level}
        {proposal.person.title ? ` · ${proposal.person.title}` : ''}
      </p>
      {draft.state.kind === 'conflict' ? (
        <ConflictPanel
          mine={<ProposalView team={team} proposal={{ ...saved, ...bodyFromDraft(value) }} />}
          theirs={<ProposalView team={team} proposal={{ ...saved, ...bodyFromDraft(draft.state.latest) }} />}
          onKeepMine={draft.keepMine}
          onUseSaved={draft.useSaved}
        />
      ) : null}
      <div className="grid grid--halves">
        <ScaleChoice legend="Job performance" hint="What was delivered, against the level’s expectations." levels={team.scales.performance} value={value.performance} onChange={(performance) => set((d) => ({ ...d, performance }))} />
        <ScaleChoice legend="Potential" hint="Readiness for larger roles: acting on feedback, initiative, strategic thinking." levels={team.scales.potential} value={value.potential} onChange={(potential) => set((d) => ({ ...d, potential }))} />
      </div>
      {saved.ov ? (
        <p className="small" data-testid="proposal-outcome" aria-live="polite">
          As last saved: <span className={`ov ov--${saved.ov}`}>{saved.ov}</span> · Forte summary {saved.forteSummary}
        </p>
      ) : null}
      <details className="disclosure">
        <summary>Leadership Principles ({Object.keys(value.principles).length} rated)</summary>
        <div className="disclosure__body lp-ratings">
          {team.principles.map((principle, i) => (
            <div className="field" key={principle}>
              <label className="field__label field__label--quiet" htmlFor={`${id}-lp-${i}`}>
                {principle}
              </label>
              <select
                id={`${id}-lp-${i}`}
                className="input"
                value={value.principles[principle] ?? ''}
                onChange={(e) => {
                  const grade = e.target.value ? Number(e.target.value) : null;
                  set((d) => {
                    const principles = { ...d.principles };
                    if (grade === null) delete principles[principle];
                    else principles[principle] = grade;
                    return { ...d, principles };
                  });
                }}
              >
                <option value="">Not rated</option>
                {[...lpLevels].reverse().map((l) => (
                  <option key={l.value} value={l.value}>
                    {l.value} · {l.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </details>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-why`}>
          Justification
        </label>
        <p className="field__hint" id={`${id}-why-hint`}>
          A short case for the rating, about the work: scope, quality, impact. At least 20 characters to submit.
        </p>
        <textarea
          id={`${id}-why`}
          className="input textarea"
          aria-describedby={`${id}-why-hint`}
          value={value.justification}
          onChange={(e) => {
            const justification = e.target.value;
            set((d) => ({ ...d, justification }));
          }}
        />
      </div>
      <EvidenceMeter team={team} draft={value} />
      <EvidenceFields personId={proposal.person.id} team={team} value={value} onChange={set} />
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
          Submit proposal<span className="visually-hidden"> for {name}</span>
        </button>
      </div>
      <p className="muted small">Drafts save as you type (version {saved.version}). A submitted proposal can still be revised until a calibration session takes it.</p>
      {confirming ? (
        <ConfirmDialog
          title={`Submit the proposal for ${name}?`}
          confirmLabel="Submit proposal"
          busyLabel="Submitting…"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await draft.submit((v, version) => submitProposal(cycleId, proposal.person.id, { ...bodyFromDraft(v), version }));
            if (result) onSubmitted(result);
          }}
        >
          <p>The calibration session for {name}’s organisation takes it as it stands. Until then you can still revise it.</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
