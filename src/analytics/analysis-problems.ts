import { AppError } from '../shared/errors.ts';
import { formatInputProblem, type InputProblem } from './input-problem.ts';

/**
 * The engine's reasons as sentences: request-wide ones first, then by line, as the CLI prints
 * them. `file` names an uploaded dataset so positions read `hr.csv:12: column Gender: is empty`;
 * for the app's own data a line is a person, so only the grouping is named ("Location has ...").
 */
export function describeProblems(problems: readonly InputProblem[], file?: string): string[] {
  return [...problems]
    .sort((x, y) => (x.line ?? 0) - (y.line ?? 0))
    .map((p) => (p.line === null ? p.reason : file ? `${formatInputProblem(file, p)}.` : `${p.column.charAt(0).toUpperCase()}${p.column.slice(1)} ${p.reason}.`));
}

/** The reasons an analysis cannot run, as one 422 problem: each in `errors`, the first twenty in the detail. */
export function analysisRefused(problems: readonly InputProblem[], file?: string): AppError {
  const sentences = describeProblems(problems, file);
  const more = sentences.length > 20 ? ` (and ${sentences.length - 20} more)` : '';
  return new AppError('ANALYSIS_REFUSED', {
    detail: `${sentences.slice(0, 20).join(' ')}${more} Nothing was analysed.`,
    errors: sentences.slice(0, 200).map((message) => ({ path: 'request', message })),
  });
}
