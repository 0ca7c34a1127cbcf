import { useId } from 'react';
import { toggle } from './dimensions.ts';

interface Choice {
  value: string;
  label: string;
}

/** A labelled select. */
export function SelectField({ label, value, choices, onChange, hint }: { label: string; value: string; choices: Choice[]; onChange: (value: string) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes choosing several values. */
export function ChecksField({ legend, choices, chosen, onChange, hint }: { legend: string; choices: Choice[]; chosen: readonly string[]; onChange: (chosen: string[]) => void; hint?: string }) {
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <div className="checks checks--inline">
        {choices.map((c) => (
          <label key={c.value} className="check check--inline">
            <input type="checkbox" checked={chosen.includes(c.value)} onChange={(e) => onChange(toggle(chosen, c.value, e.target.checked))} />
            <span className="check__label">{c.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The smallest group a report may show: the policy's minimum or more. */
export function MinGroupField({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Minimum group size
      </label>
      <p className="field__hint">5 or more. Smaller groups are counted, never shown.</p>
      <input id={id} className="input" type="number" min={5} max={1000} value={value} onChange={(e) => onChange(Math.max(5, Number(e.target.value) || 5))} />
    </div>
  );
}
