import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { getPerson } from '../../api/people.ts';
import { useResource } from '../../api/use-resource.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MissingPage, PageLoading } from '../../components/PageStates.tsx';
import { hasRole, useMe } from '../../components/me-context.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { DemographicsPanel } from './DemographicsPanel.tsx';
import { EraseCard } from './EraseCard.tsx';
import { DataExportCard } from '../profile/DataExportCard.tsx';
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
    return <MissingPage title="Person not found" lead="Nobody in the directory has this address, or you may not see them." back={{ to: '/people', label: 'Back to all people' }} />;
  }
  if (!person.data) return <PageLoading title="Person" resource={person} />;
  const p = person.data;
  const isMe = me.personId === p.id;
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: '/people', label: 'People' }]} current={p.name} />
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
          {hasRole(me, 'hr') && !isMe && p.private ? <DataExportCard personId={p.id} onBehalf /> : null}
          {hasRole(me, 'admin') && p.private?.status === 'terminated' && !p.email.endsWith('@erased.invalid') ? <EraseCard personId={p.id} onErased={person.reload} /> : null}
        </div>
      </div>
    </div>
  );
}
