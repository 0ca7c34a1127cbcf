import { Link } from 'react-router-dom';
import type { Resource } from '../api/use-resource.ts';
import { LiveRegion } from './LiveRegion.tsx';
import { Loading } from './Loading.tsx';
import { PageHeader } from './PageHeader.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';

/** A page whose subject does not exist or may not be seen: why, and the way back. */
export function MissingPage({ title, lead, back }: { title: string; lead: string; back: { to: string; label: string } }) {
  return (
    <div className="stack">
      <PageHeader title={title} lead={lead} />
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}

/** A page still loading its subject, or the problem that stopped it. */
export function PageLoading({ title, resource }: { title: string; resource: Resource<unknown> }) {
  return (
    <div className="stack">
      <PageHeader title={title} />
      <LiveRegion>{resource.status === 'error' ? <ProblemMessage problem={resource.problem} /> : <Loading />}</LiveRegion>
    </div>
  );
}
