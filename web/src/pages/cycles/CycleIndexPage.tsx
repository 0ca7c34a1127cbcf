import { Navigate } from 'react-router-dom';
import { getCycle } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { PageLoading } from '../../components/PageStates.tsx';
import { useMe } from '../../components/me-context.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { useCycleId } from './CycleFrame.tsx';

/** `/cycles/:id` (where notifications point): my tasks, or the dashboard for those who only run it. */
export function CycleIndexPage() {
  const cycleId = useCycleId();
  if (cycleId === null) return <NotFoundPage />;
  return <CycleRedirect cycleId={cycleId} />;
}

function CycleRedirect({ cycleId }: { cycleId: number }) {
  const { me } = useMe();
  const cycle = useResource((signal) => getCycle(cycleId, signal), `cycle-${cycleId}`);
  if (cycle.data) {
    const c = cycle.data;
    const participant = me.personId !== null && c.status !== 'draft';
    return <Navigate replace to={participant || !c.canAdminister ? `/cycles/${cycleId}/tasks` : `/cycles/${cycleId}/dashboard`} />;
  }
  return <PageLoading title="Review cycle" resource={cycle} />;
}
