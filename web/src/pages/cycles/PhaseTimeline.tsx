import type { CyclePhase } from '../../api/cycles.ts';
import { formatDate } from '../../components/format.ts';
import { phaseLabel, timelineSteps } from './cycle-format.ts';

const STATE_TEXT = { done: 'Done', current: 'Now', upcoming: 'Upcoming' } as const;

/** The five phases in order with their deadlines; the current one is marked as the current step. */
export function PhaseTimeline({ phase, deadlines, compact = false }: { phase: CyclePhase; deadlines: Record<string, string>; compact?: boolean }) {
  const steps = timelineSteps(phase, deadlines);
  return (
    <ol className={compact ? 'timeline timeline--compact' : 'timeline'} aria-label="Phases and deadlines">
      {steps.map((step) => (
        <li key={step.phase} className={`timeline__step timeline__step--${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
          <span className="timeline__marker" aria-hidden="true" />
          <span className="timeline__text">
            <span className="timeline__label">{phaseLabel(step.phase)}</span>
            <span className="timeline__date">
              <span className="visually-hidden">{STATE_TEXT[step.state]}, </span>
              {step.state === 'done' ? 'Ended ' : 'Due '}
              {formatDate(step.deadline)}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
