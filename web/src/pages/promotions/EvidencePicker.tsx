import { useId, useState } from 'react';
import type { EvidenceItem, Packet } from '../../api/promotions.ts';
import { DIMENSION_LABELS, EVIDENCE_LABELS } from './format.ts';

const DIMENSIONS = Object.keys(DIMENSION_LABELS) as EvidenceItem['expectations'];

/** Which next-level expectations a piece of evidence shows: coverage is counted from these. */
function ExpectationChecks({ value, onChange, legend }: { value: string[]; onChange: (next: EvidenceItem['expectations']) => void; legend: string }) {
  return (
    <fieldset className="fieldset fieldset--nested">
      <legend>{legend}</legend>
      <div className="checks checks--inline">
        {DIMENSIONS.map((d) => (
          <label className="check check--inline" key={d}>
            <input
              type="checkbox"
              checked={value.includes(d)}
              onChange={(e) => onChange((e.target.checked ? [...value, d] : value.filter((v) => v !== d)) as EvidenceItem['expectations'])}
            />
            <span className="check__text">{DIMENSION_LABELS[d]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Adds evidence to a section: a continuous-log note or peer feedback already in Highbar, or a
 * link to shipped work, a design document or an incident, each tagged with the expectations of
 * the next level it shows.
 */
export function EvidencePicker({ options, onAdd }: { options: NonNullable<Packet['evidenceOptions']>; onAdd: (item: EvidenceItem) => void }) {
  const id = useId();
  const [source, setSource] = useState('');
  const [kind, setKind] = useState<'shipped_work' | 'design_doc' | 'incident'>('shipped_work');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [expectations, setExpectations] = useState<EvidenceItem['expectations']>([]);

  // The title stored with the link names the source, never its text: everyone who reads the
  // packet sees titles, while excerpts are shown only to readers the log and cycle allow.
  const choices = [
    ...options.logNotes.map((n) => ({ value: `log_note:${n.id}`, label: `Log note ${n.occurredOn}: ${n.excerpt}`, title: `Log note of ${n.occurredOn}` })),
    ...options.peerFeedback.map((f) => ({ value: `peer_feedback:${f.id}`, label: `Peer feedback (${f.cycle}): ${f.excerpt}`, title: `Peer feedback, ${f.cycle}` })),
  ];

  function add() {
    if (source) {
      const [k, ref] = source.split(':') as ['log_note' | 'peer_feedback', string];
      const choice = choices.find((c) => c.value === source)!;
      onAdd({ kind: k, refId: Number(ref), title: choice.title, expectations });
    } else {
      onAdd({ kind, url: url.trim(), title: title.trim(), expectations });
    }
    setSource('');
    setUrl('');
    setTitle('');
    setExpectations([]);
  }

  const ready = expectations.length > 0 && (source !== '' || (/^https?:\/\/\S+$/u.test(url.trim()) && title.trim() !== ''));
  return (
    <details className="disclosure">
      <summary>Add evidence</summary>
      <div className="disclosure__body stack stack--tight">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-source`}>
            From Highbar
          </label>
          <select id={`${id}-source`} className="input" value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">A link instead (below)</option>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        {source === '' ? (
          <div className="form__row">
            <div className="field">
              <label className="field__label" htmlFor={`${id}-kind`}>
                Kind
              </label>
              <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                {(['shipped_work', 'design_doc', 'incident'] as const).map((k) => (
                  <option key={k} value={k}>
                    {EVIDENCE_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-title`}>
                Title
              </label>
              <input id={`${id}-title`} className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-url`}>
                Link
              </label>
              <input id={`${id}-url`} className="input" type="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
            </div>
          </div>
        ) : null}
        <ExpectationChecks value={expectations} onChange={setExpectations} legend="Shows these next-level expectations" />
        <div>
          <button type="button" className="button button--secondary button--small" disabled={!ready} onClick={add}>
            Add to this section
          </button>
        </div>
      </div>
    </details>
  );
}
