import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { getPerson } from '../../api/people.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { DemographicsPanel } from './DemographicsPanel.tsx';
import { DirectoryFields, PersonHeading, PrivateFields } from './PersonDetails.tsx';

/** One person: directory fields for everyone, the private record only when the server sends it. */
export function PersonPage() {
  const { id } = useParams();
  const personId = Number(id);
  if (!Number.isInteger(personId) || personId <= 0) return <NotFoundPage />;
  return <PersonView personId={personId} />;
}

function PersonView({ personId }: { personId: number }) {
  const { me } = useMe();
  const person = useResource((signal) => getPerson(personId, signal), `person-${personId}`);
  if (person.status === 'error' && isApiError(person.error, 404)) {
    return (
      <div className="stack">
        <PageHeader title="Person not found" lead="Nobody in the directory has this address, or you may not see them." />
        <p>
          <Link to="/people">Back to all people</Link>
        </p>
      </div>
    );
  }
  if (!person.data) {
    return (
      <div className="stack">
        <PageHeader title="Person" />
        <LiveRegion>{person.status === 'error' ? <ProblemMessage problem={person.problem} /> : <Loading />}</LiveRegion>
      </div>
    );
  }
  const p = person.data;
  const isMe = me.personId === p.id;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/people">People</Link>
          </li>
          <li aria-current="page">{p.name}</li>
        </ol>
      </nav>
      <PageHeader
        title={p.name}
        lead={<PersonHeading person={p} />}
        actions={isMe ? <span className="tag">This is you</span> : undefined}
      />
      <div className="grid grid--two">
        <DirectoryFields person={p} />
        <div className="stack">
          {p.private ? <PrivateFields details={p.private} /> : null}
          {hasRole(me, 'hr') ? <DemographicsPanel personId={p.id} /> : null}
        </div>
      </div>
    </div>
  );
}
