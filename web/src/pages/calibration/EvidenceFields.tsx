import { useId } from 'react';
import { listFeedbackLog } from '../../api/log.ts';
import { useResource } from '../../api/use-resource.ts';
import { formatDate } from '../../components/format.ts';
import type { TeamProposals } from '../../api/calibration.ts';
import type { ProposalDraft } from './proposal-draft.ts';

interface EvidenceFieldsProps {
  personId: number;
  team: TeamProposals;
  value: ProposalDraft;
  onChange: (update: (d: ProposalDraft) => ProposalDraft) => void;
}

/**
 * The evidence packet: items per evidence dimension (the threshold counts these), 2-3 impact
 * examples, peer-feedback themes, dated continuous-log notes to cite, 1-2 system metrics as
 * context and the multiplier impact.
 */
export function EvidenceFields({ personId, team, value, onChange }: EvidenceFieldsProps) {
  const id = useId();
  const notes = useResource((signal) => listFeedbackLog(personId, signal), `log-${personId}`);
  const text = (key: keyof ProposalDraft, label: string, hint: string, tall = false) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-${key}-hint`}>
        {hint}
      </p>
      <textarea
        id={`${id}-${key}`}
        className={tall ? 'input textarea' : 'input textarea textarea--short'}
        aria-describedby={`${id}-${key}-hint`}
        value={value[key] as string}
        onChange={(e) => {
          const next = e.target.value;
          onChange((d) => ({ ...d, [key]: next }));
        }}
      />
    </div>
  );
  return (
    <fieldset className="fieldset">
      <legend className="field__label">Evidence</legend>
      <p className="field__hint">One item per line. Each dimension with at least one item counts towards the evidence threshold.</p>
      {team.evidenceDimensions.map((dimension) => (
        <div className="field" key={dimension.key}>
          <label className="field__label" htmlFor={`${id}-dim-${dimension.key}`}>
            {dimension.label}
          </label>
          <textarea
            id={`${id}-dim-${dimension.key}`}
            className="input textarea textarea--short"
            value={value.byDimension[dimension.key] ?? ''}
            onChange={(e) => {
              const next = e.target.value;
              onChange((d) => ({ ...d, byDimension: { ...d.byDimension, [dimension.key]: next } }));
            }}
          />
        </div>
      ))}
      {text('impactExamples', 'Impact examples', '2–3 major examples of impact, one per line.', true)}
      {text('peerFeedbackThemes', 'Peer-feedback themes', 'What peers said, in themes, without naming who said it.')}
      {text('systemMetrics', 'System metrics (context)', '1–2 metrics, one per line: context for the room, never a score.')}
      {text('multiplierImpact', 'Multiplier impact', 'Did they change how the team works? Templates, practices, people they grew.')}
      {notes.data?.entries.length ? (
        <fieldset className="fieldset fieldset--nested">
          <legend className="field__label">Continuous-log notes to cite</legend>
          <div className="checks">
            {notes.data.entries.map((note) => (
              <label key={note.id} className="check">
                <input
                  type="checkbox"
                  checked={value.logNoteIds.includes(note.id)}
                  onChange={(e) => {
                    const on = e.target.checked;
                    onChange((d) => ({ ...d, logNoteIds: on ? [...d.logNoteIds, note.id] : d.logNoteIds.filter((n) => n !== note.id) }));
                  }}
                />
                <span className="check__label">
                  {formatDate(note.occurredOn)} · {note.kind}: {note.body}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </fieldset>
  );
}
