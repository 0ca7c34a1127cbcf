import { useState } from 'react';
import { getMyPipelineCase, type PipelineCase } from '../../api/pipeline.ts';
import { isApiError } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { PageLoading } from '../../components/PageStates.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CaseView } from './CaseView.tsx';
import { StepForm } from './StepForm.tsx';

/** The employee's own plan, at the stages the policy shows them, with the steps that are theirs (acknowledge, choose, appeal). */
export function MyPlanPage() {
  const loaded = useResource((signal) => getMyPipelineCase(signal), 'my-plan');
  const [updated, setUpdated] = useState<PipelineCase | null>(null);
  const c = updated ?? loaded.data;
  if (!c) {
    if (loaded.status === 'error' && isApiError(loaded.error, 404)) {
      return (
        <div className="stack">
          <PageHeader title="My plan" />
          <p className="card muted" data-testid="no-plan">
            You have no plan to show.
          </p>
        </div>
      );
    }
    return <PageLoading title="My plan" resource={loaded} />;
  }
  return (
    <div className="stack">
      <PageHeader title={`My plan: ${c.stageLabel}`} lead={c.policy.focusVisibleToEmployee ? 'Everything about your plan is here: its goals, its timeline, the check-ins and how success is judged.' : 'Your current step in the performance process and its deadline.'} />
      <CaseView c={c} />
      {c.viewer.allowedNext.map((n) => (
        <StepForm key={`${n.transition}-${c.version}`} c={c} transition={n.transition} onDone={(next) => (next ? setUpdated(next) : loaded.reload())} />
      ))}
    </div>
  );
}
