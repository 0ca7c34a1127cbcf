import { formatCsvProblem } from '../people/people-csv.rules.ts';

/**
 * A reason the input cannot be analysed: at a place in the file (`line` and `column`), or about
 * the request as a whole (`line` null), which is printed as a plain sentence.
 */
export interface InputProblem {
  line: number | null;
  column: string;
  reason: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

/** `FILE:LINE: column C: reason`, as CONTRACTS.md prints problems, or the bare sentence. */
export function formatInputProblem(file: string, problem: InputProblem): string {
  if (problem.line === null) return problem.reason;
  return formatCsvProblem(file, { line: problem.line, column: problem.column, reason: problem.reason });
}

/** A short, quoted list of values for messages: long lists would bury the point. */
export function listValues(values: readonly string[], limit = 10): string {
  const shown = values.slice(0, limit).map((v) => JSON.stringify(v));
  return values.length > limit ? `${shown.join(', ')} and ${values.length - limit} more` : shown.join(', ');
}
