import { useId } from 'react';

interface PrinciplePickerProps {
  legend: string;
  principles: string[];
  chosen: string[];
  max: number;
  onChange: (chosen: string[]) => void;
}

/** Tick up to `max` Leadership Principles; the rest are disabled once the maximum is reached. */
export function PrinciplePicker({ legend, principles, chosen, max, onChange }: PrinciplePickerProps) {
  const id = useId();
  const full = chosen.length >= max;
  return (
    <fieldset className="fieldset" aria-describedby={`${id}-hint`}>
      <legend className="field__label">
        {legend} <span className="muted">(up to {max})</span>
      </legend>
      <p className="field__hint" id={`${id}-hint`} aria-live="polite">
        {chosen.length} of {max} chosen{full ? `: that is the most allowed. Untick one to choose another.` : '.'}
      </p>
      <div className="lp-grid">
        {principles.map((lp) => {
          const checked = chosen.includes(lp);
          return (
            <label key={lp} className={!checked && full ? 'lp-option lp-option--disabled' : 'lp-option'}>
              <input
                type="checkbox"
                checked={checked}
                disabled={!checked && full}
                onChange={(e) => onChange(e.target.checked ? principles.filter((p) => p === lp || chosen.includes(p)) : chosen.filter((p) => p !== lp))}
              />
              <span>{lp}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
