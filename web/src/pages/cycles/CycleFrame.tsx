import type { ReactNode } from 'react';
import { NavLink, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { getCycle, type Cycle } from '../../api/cycles.ts';
import { useResource } from '../../api/use-resource.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { formatDate } from '../../components/format.ts';
import { hasRole, useMe } from '../../components/me-context.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { currentDeadline, phaseLabel } from './cycle-format.ts';

/** The cycle id of the route, or null when the address is not a cycle. */
export function useCycleId(): number | null {
  const { id } = useParams();
  const n = Number(id);
  return Number.isInteger(n) && n > 0 ? n : null;
}

interface CycleFrameProps {
  title: string;
  /** A sentence under the title; the cycle's phase is shown beside it. */
  lead?: ReactNode;
  actions?: (cycle: Cycle) => ReactNode;
  children: (cycle: Cycle, reload: () => void) => ReactNode;
}

/**
 * Every page of one cycle: loads it (404 for cycles I may not see), then shows the breadcrumb,
 * the page title with the current phase, the cycle's own navigation, and the page.
 */
export function CycleFrame({ title, lead, actions, children }: CycleFrameProps) {
  const cycleId = useCycleId();
  if (cycleId === null) return <NotFoundPage />;
  return (
    <CycleLoader cycleId={cycleId} title={title} lead={lead} actions={actions}>
      {children}
    </CycleLoader>
  );
}

function CycleLoader({ cycleId, title, lead, actions, children }: CycleFrameProps & { cycleId: number }) {
  const cycle = useResource((signal) => getCycle(cycleId, signal), `cycle-${cycleId}`);
  if (cycle.status === 'error' && isApiError(cycle.error, 404)) {
    return <MissingPage title="Review cycle not found" lead="There is no such cycle, or you do not take part in it." back={{ to: '/cycles', label: 'All review cycles' }} />;
  }
  if (!cycle.data) return <PageLoading title={title} resource={cycle} />;
  const c = cycle.data;
  const deadline = currentDeadline(c.phase, c.deadlines);
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: '/cycles', label: 'Reviews' }]} current={c.name} />
      <PageHeader
        title={title}
        tabTitle={`${title} · ${c.name}`}
        lead={
          <>
            <span className={`phase phase--${c.phase}`} data-testid="cycle-phase">
              {phaseLabel(c.phase)}
            </span>{' '}
            {deadline ? <span className="muted">until {formatDate(deadline)}</span> : null}
            {lead ? <span className="block page-header__sub">{lead}</span> : null}
          </>
        }
        actions={actions?.(c)}
      />
      <CycleNav cycle={c} />
      {children(c, cycle.reload)}
    </div>
  );
}

/** The pages of one cycle that this account can use. */
function CycleNav({ cycle }: { cycle: Cycle }) {
  const { me } = useMe();
  const base = `/cycles/${cycle.id}`;
  const links: { to: string; label: string }[] = [];
  if (me.personId !== null && cycle.status !== 'draft') {
    links.push({ to: `${base}/tasks`, label: 'My tasks' }, { to: `${base}/self-review`, label: 'Self review' }, { to: `${base}/peers`, label: 'Ask for feedback' }, { to: `${base}/feedback`, label: 'My feedback' });
  }
  if (me.personId !== null && cycle.status !== 'draft') links.push({ to: `${base}/my-rating`, label: 'My rating' });
  if (hasRole(me, 'manager') && cycle.status !== 'draft') links.push({ to: `${base}/team`, label: 'My team' }, { to: `${base}/proposals`, label: 'Propose ratings' });
  if (cycle.canAdminister) links.push({ to: `${base}/dashboard`, label: 'Dashboard' });
  if (links.length < 2) return null;
  return (
    <nav className="subnav" aria-label={`${cycle.name} pages`}>
      <ul className="subnav__list">
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} className={({ isActive }) => (isActive ? 'subnav__link subnav__link--active' : 'subnav__link')}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
