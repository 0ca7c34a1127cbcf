import { useId } from 'react';
import type { ScaleLevel } from '../../api/calibration.ts';

interface ScaleChoiceProps {
  legend: string;
  hint?: string;
  levels: readonly ScaleLevel[];
  value: number | null;
  onChange: (value: number) => void;
  disabled?: boolean;
}

/**
 * One rating on a policy scale, highest first, each level with its label and what it means. The
 * whole row is the click target; the radio's name is the label alone, the meaning its description.
 */
export function ScaleChoice({ legend, hint, levels, value, onChange, disabled }: ScaleChoiceProps) {
  const id = useId();
  return (
    <fieldset className="fieldset scale" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="scale__options">
        {[...levels].reverse().map((level) => (
          <label key={level.value} className={value === level.value ? 'scale__option scale__option--chosen' : 'scale__option'}>
            <input type="radio" name={id} value={level.value} checked={value === level.value} disabled={disabled} onChange={() => onChange(level.value)} aria-labelledby={`${id}-${level.value}-label`} aria-describedby={`${id}-${level.value}`} />
            <span className="scale__text">
              <span className="scale__label" id={`${id}-${level.value}-label`}>
                {level.value} · {level.label}
              </span>
              <span className="scale__description" id={`${id}-${level.value}`}>
                {level.description}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
