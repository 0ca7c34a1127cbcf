import { AppError } from '../shared/errors.ts';
import type { Problem } from './feedback.rules.ts';

/** Optimistic concurrency: a save names the version it edited; a newer one on the server wins and is returned. */
export function assertVersion(current: { version: number; status: string } | undefined, expected: number | undefined, latest: unknown): void {
  if (current?.status === 'submitted') throw new AppError('ALREADY_SUBMITTED', { detail: 'This was already submitted and can no longer change.', extra: { rule: 'ALREADY_SUBMITTED' } });
  const version = current?.version ?? 0;
  if (expected !== undefined && expected !== version) {
    throw new AppError('VERSION_CONFLICT', {
      detail: 'This was saved from another tab or device since you opened it. Nothing you typed is lost: compare with the saved text below and save again.',
      extra: { rule: 'VERSION_CONFLICT', version, latest },
    });
  }
}

/** Rule violations as one problem+json listing each, with the first rule named for clients. */
export function throwIfProblems(problems: Problem[]): void {
  if (!problems.length) return;
  throw new AppError('FEEDBACK_RULE_VIOLATED', {
    detail: problems.map((p) => `${p.path} ${p.message}`).join('; '),
    errors: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
    extra: { rule: problems[0]!.rule, rules: [...new Set(problems.map((p) => p.rule))] },
  });
}
