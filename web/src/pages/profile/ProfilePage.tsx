import { Link } from 'react-router-dom';
import { getPerson, listPeople, type Person } from '../../api/people.ts';
import { useResource } from '../../api/use-resource.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { orDash, plural } from '../../components/format.ts';
import { hasRole, useMe } from '../../components/me-context.ts';
import { DirectoryFields, PersonHeading, PrivateFields } from '../people/PersonDetails.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { DataExportCard } from './DataExportCard.tsx';
import { SessionsCard } from './SessionsCard.tsx';

/** My person record, my manager and team, and my password. */
export function ProfilePage() {
  const { me } = useMe();
  return <div className="stack">{me.personId === null ? <NoPersonProfile /> : <PersonProfile personId={me.personId} />}</div>;
}

function NoPersonProfile() {
  const { me } = useMe();
  return (
    <>
      <PageHeader title={me.name} tabTitle="My profile" lead={me.email} />
      <section className="card" aria-labelledby="no-person">
        <h2 className="card__title" id="no-person">
          No directory record
        </h2>
        <p data-testid="no-person-note">
          This account is not linked to a person in the directory, so there is no profile, manager or team to show. Accounts are linked
          when a person with the same email address is imported.
        </p>
        <p className="muted small">Roles: {me.roles.join(', ')}</p>
      </section>
      <SessionsCard />
      <ChangePasswordForm />
    </>
  );
}

function PersonProfile({ personId }: { personId: number }) {
  const person = useResource((signal) => getPerson(personId, signal), `person-${personId}`);
  if (!person.data) {
    return (
      <>
        <PageHeader title="My profile" />
        <LiveRegion>{person.status === 'error' ? <ProblemMessage problem={person.problem} /> : <Loading />}</LiveRegion>
        <ChangePasswordForm />
      </>
    );
  }
  const p = person.data;
  return (
    <>
      <PageHeader title={p.name} tabTitle="My profile" lead={<PersonHeading person={p} />} />
      <div className="grid grid--two">
        <div className="stack">
          <DirectoryFields person={p} />
          {p.private ? <PrivateFields details={p.private} /> : null}
        </div>
        <div className="stack">
          <ManagerCard person={p} />
          <TeamCard person={p} />
          <DataExportCard personId={p.id} />
          <SessionsCard />
          <ChangePasswordForm />
        </div>
      </div>
    </>
  );
}

function ManagerCard({ person }: { person: Person }) {
  const { me } = useMe();
  return (
    <section className="card" aria-labelledby="my-manager">
      <h2 className="card__title" id="my-manager">
        My manager
      </h2>
      {person.manager ? (
        <Link className="person-chip" to={`/people/${person.manager.id}`}>
          <Avatar name={person.manager.name} size="sm" />
          <span>{person.manager.name}</span>
        </Link>
      ) : (
        <p className="muted">You have no manager in the directory.</p>
      )}
      {hasRole(me, 'manager') ? (
        <p className="card__footer">
          You manage {plural(person.directReports, 'person', 'people')}. <Link to="/team">See your direct reports</Link>
        </p>
      ) : null}
    </section>
  );
}

const TEAMMATES_SHOWN = 8;

function TeamCard({ person }: { person: Person }) {
  const team = person.team;
  const mates = useResource(
    (signal) => (team ? listPeople({ teamId: team.id, limit: TEAMMATES_SHOWN + 1 }, signal) : Promise.resolve(null)),
    `team-${team?.id ?? 'none'}`,
  );
  const others = (mates.data?.people ?? []).filter((m) => m.id !== person.id).slice(0, TEAMMATES_SHOWN);
  return (
    <section className="card" aria-labelledby="my-team-card">
      <h2 className="card__title" id="my-team-card">
        {team ? `My team: ${team.name}` : 'My team'}
      </h2>
      {!team ? <p className="muted">You are not on a team in the directory.</p> : null}
      {team && mates.status === 'error' ? <ProblemMessage problem={mates.problem} /> : null}
      {team && mates.status === 'loading' ? <Loading /> : null}
      {team && mates.data ? (
        others.length ? (
          <>
            <ul className="people-list">
              {others.map((m) => (
                <li key={m.id}>
                  <Link className="person-chip" to={`/people/${m.id}`}>
                    <Avatar name={m.name} size="sm" />
                    <span>
                      <span className="person-chip__name">{m.name}</span>
                      <span className="person-chip__meta">{orDash(m.title)}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <p className="card__footer">
              <Link to={`/people?teamId=${team.id}`}>All {plural(mates.data.total, 'member', 'members')} of {team.name}</Link>
            </p>
          </>
        ) : (
          <p className="muted">Nobody else is on {team.name} yet.</p>
        )
      ) : null}
    </section>
  );
}
