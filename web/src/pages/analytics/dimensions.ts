import { BUILT_IN_DIMENSIONS, EXIT_VALUES, FORTE_GRADES_LOW_FIRST, OV_GRADES_LOW_FIRST, type AppOutcome } from '../../../../src/shared/schemas/analytics.ts';

const LABELS: Record<string, string> = { level: 'Level', location: 'Location', jobFunction: 'Job function', tenure: 'Tenure band', manager: 'Manager' };

/** The groupings an HR partner may choose: the record fields, then each recorded attribute. */
export function dimensionChoices(attributes: readonly string[]): { value: string; label: string }[] {
  return [...BUILT_IN_DIMENSIONS.map((d) => ({ value: d, label: LABELS[d]! })), ...attributes.map((a) => ({ value: `attribute:${a}`, label: (a.charAt(0).toUpperCase() + a.slice(1)).replaceAll('_', ' ') }))];
}

/** Each outcome's values, best first, and the ones a page ticks to begin with. */
export const OUTCOMES: Record<AppOutcome, { label: string; values: readonly string[]; favourable: string[] }> = {
  ov: { label: 'OV rating', values: [...OV_GRADES_LOW_FIRST].reverse(), favourable: ['TT', 'HV3'] },
  forte: { label: 'Forte summary', values: [...FORTE_GRADES_LOW_FIRST].reverse(), favourable: ['Exceeds High Bar'] },
  exit: { label: 'Exit (stayed or left)', values: EXIT_VALUES, favourable: ['stayed'] },
};

/** Adds or removes a value from a list of choices. */
export function toggle(list: readonly string[], value: string, on: boolean): string[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}
