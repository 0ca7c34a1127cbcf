import type { Problem } from '../api/client.ts';
import type { Action } from '../api/use-action.ts';
import { LiveRegion } from './LiveRegion.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';

interface ActionOutcomeProps {
  action: Pick<Action, 'problem' | 'status'>;
  /** Data the page loads, whose failure is reported first. */
  resource?: { status: 'loading' | 'ready' | 'error'; problem: Problem | null };
  /** Heads the action's problem, e.g. "Nothing was sent". */
  heading?: string;
  /** Extra classes for the success notice. */
  className?: string;
  testId?: string;
}

/** Announces how the last action went: a failed load, the action's problem, or what it did. */
export function ActionOutcome({ action, resource, heading, className, testId }: ActionOutcomeProps) {
  return (
    <LiveRegion>
      {resource?.status === 'error' && resource.problem ? <ProblemMessage problem={resource.problem} /> : null}
      {action.problem ? <ProblemMessage problem={action.problem} heading={heading} /> : null}
      {action.status ? (
        <p className={['notice notice--success', className].filter(Boolean).join(' ')} data-testid={testId}>
          {action.status}
        </p>
      ) : null}
    </LiveRegion>
  );
}
