import { useEffect, useId, useRef, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { saveSection, type EvidenceItem, type Packet, type PacketSection } from '../../api/promotions.ts';
import { useAction } from '../../api/use-action.ts';
import { ActionOutcome } from '../../components/ActionOutcome.tsx';
import { countWords } from '../../../../src/shared/words.ts';
import { ConflictPanel } from '../cycles/ConflictPanel.tsx';
import { DIMENSION_LABELS, EVIDENCE_LABELS } from './format.ts';
import { EvidencePicker } from './EvidencePicker.tsx';

type Latest = { text: string; evidence: EvidenceItem[]; version: number; updatedBy: string | null };

const asInput = (e: PacketSection['evidence'][number]): EvidenceItem => ({ kind: e.kind, ...(e.refId !== undefined ? { refId: e.refId } : {}), ...(e.url !== undefined ? { url: e.url } : {}), title: e.title, expectations: e.expectations });

/**
 * One section of a packet: its text and evidence, saved with the version it started from. When
 * someone else saved the same section first, both texts are shown side by side and nothing is
 * overwritten until the writer chooses.
 */
export function SectionEditor({ packet, section, readiness, editable, onSaved }: { packet: Packet; section: PacketSection; readiness: Packet['readiness']['sections'][number] | undefined; editable: boolean; onSaved: (p: Packet) => void }) {
  const id = useId();
  const action = useAction();
  const [text, setText] = useState(section.text);
  const [evidence, setEvidence] = useState<EvidenceItem[]>(section.evidence.map(asInput));
  const [version, setVersion] = useState(section.version);
  const [conflict, setConflict] = useState<Latest | null>(null);
  // A newer saved version arriving (our own save, or a reload after someone else's) replaces
  // the text only when nothing was typed since the last one we adopted: typing is never lost.
  const adopted = useRef(section);
  useEffect(() => {
    const before = adopted.current;
    if (section.version === before.version) return;
    adopted.current = section;
    if (text === before.text && JSON.stringify(evidence) === JSON.stringify(before.evidence.map(asInput))) {
      setText(section.text);
      setEvidence(section.evidence.map(asInput));
      setVersion(section.version);
    }
    // Otherwise the version stays the one the typing started from, so saving shows the conflict.
  }, [section]);
  const dirty = text !== section.text || JSON.stringify(evidence) !== JSON.stringify(section.evidence.map(asInput)) || version !== section.version;

  async function save(atVersion: number) {
    await action.run(async () => {
      try {
        const saved = await saveSection(packet.id, section.key, { text, evidence, version: atVersion });
        const mine = saved.sections.find((s) => s.key === section.key)!;
        setVersion(mine.version);
        setConflict(null);
        onSaved(saved);
        return `${section.label} saved.`;
      } catch (error) {
        if (isApiError(error, 409) && error.code === 'VERSION_CONFLICT') {
          setConflict((error.problem as unknown as { latest: Latest }).latest);
          return;
        }
        throw error;
      }
    });
  }

  const flag = readiness?.thin ? (readiness.commonBlocker ? 'Thin: the usual blocker for this transition' : 'Thin') : null;
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={`section-${section.key}`}>
      <div className="card__header">
        <h2 className="card__title" id={`${id}-title`}>
          {section.label}
        </h2>
        {flag ? (
          <span className="tag tag--sensitive" data-testid="thin-flag">
            {flag}
          </span>
        ) : null}
      </div>
      <p className="muted small">{section.prompt}</p>
      {editable ? (
        <>
          <label className="field__label" htmlFor={`${id}-text`}>
            {section.label} text
          </label>
          <textarea id={`${id}-text`} className="textarea textarea--tall" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-count`} />
          <p className="counter" id={`${id}-count`}>
            {countWords(text)} words{readiness?.targetWords ? ` of about ${readiness.targetWords} guided` : ''}
          </p>
        </>
      ) : (
        <div className="prose">{section.text ? <p className="prose__text">{section.text}</p> : <p className="muted">Nothing written.</p>}</div>
      )}
      <h3 className="prose__heading">Evidence</h3>
      {evidence.length === 0 ? <p className="muted small">No evidence linked yet: a section without evidence counts as thin.</p> : null}
      <ul className="evidence" aria-label={`${section.label} evidence`}>
        {evidence.map((e, i) => {
          const shown = section.evidence.find((s) => s.kind === e.kind && s.refId === e.refId && s.url === e.url);
          return (
            <li key={`${e.kind}-${e.refId ?? e.url}-${i}`}>
              <strong>{EVIDENCE_LABELS[e.kind]}</strong>: {e.url ? <a href={e.url}>{e.title}</a> : e.title}
              {shown?.excerpt ? <span className="muted small"> “{shown.excerpt}”</span> : null}
              <span className="muted small"> · shows {e.expectations.map((d) => DIMENSION_LABELS[d]).join(', ') || 'nothing tagged'}</span>
              {editable ? (
                <button type="button" className="button button--ghost button--small" onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}>
                  Remove<span className="visually-hidden"> {e.title}</span>
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {editable && packet.evidenceOptions ? <EvidencePicker options={packet.evidenceOptions} onAdd={(item) => setEvidence([...evidence, item])} /> : null}
      {conflict ? (
        <ConflictPanel
          mine={<p className="prose__text">{text}</p>}
          theirs={
            <p className="prose__text">
              {conflict.text}
              {conflict.updatedBy ? <span className="muted small"> (saved by {conflict.updatedBy})</span> : null}
            </p>
          }
          onKeepMine={() => void save(conflict.version)}
          onUseSaved={() => {
            setText(conflict.text);
            setEvidence(conflict.evidence);
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      ) : null}
      <ActionOutcome action={action} heading="Not saved" />
      {editable ? (
        <div className="form__actions">
          <button type="button" className="button" disabled={action.busy || !dirty || conflict !== null} onClick={() => void save(version)}>
            Save {section.label}
          </button>
        </div>
      ) : null}
    </section>
  );
}
