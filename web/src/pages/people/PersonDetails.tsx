import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Person } from '../../api/people.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate, orDash, plural } from '../../components/format.ts';

/** Name, title and contact: the top of a person page or my profile. */
export function PersonHeading({ person }: { person: Person }) {
  return (
    <div className="person-heading">
      <Avatar name={person.name} size="lg" />
      <div>
        <p className="person-heading__title">{orDash(person.title)}</p>
        <p className="person-heading__meta">
          <a href={`mailto:${person.email}`}>{person.email}</a>
          {person.private ? (
            <>
              {' '}
              <StatusBadge status={person.private.status} />
            </>
          ) : null}
        </p>
      </div>
    </div>
  );
}

/** What every signed-in reader sees about a person. */
export function DirectoryFields({ person }: { person: Person }) {
  return (
    <section className="card" aria-labelledby={`directory-${person.id}`}>
      <h2 className="card__title" id={`directory-${person.id}`}>
        Directory
      </h2>
      <dl className="details">
        <Detail term="Title">{orDash(person.title)}</Detail>
        <Detail term="Team">{person.team ? <Link to={`/people?teamId=${person.team.id}`}>{person.team.name}</Link> : '—'}</Detail>
        <Detail term="Manager">{person.manager ? <Link to={`/people/${person.manager.id}`}>{person.manager.name}</Link> : '—'}</Detail>
        <Detail term="Location">{orDash(person.location)}</Detail>
        <Detail term="Job function">{orDash(person.jobFunction)}</Detail>
        <Detail term="Employee ID">{person.employeeId}</Detail>
        <Detail term="Email">
          <a href={`mailto:${person.email}`}>{person.email}</a>
        </Detail>
        <Detail term="Direct reports">
          {person.directReports > 0 ? (
            <Link to={`/people?managerId=${person.id}`}>{plural(person.directReports, 'person', 'people')}</Link>
          ) : (
            'None'
          )}
        </Detail>
      </dl>
    </section>
  );
}

/** Level, hire date, status and time zone: present only when the reader may see them. */
export function PrivateFields({ details }: { details: NonNullable<Person['private']> }) {
  return (
    <section className="card" aria-labelledby="private-record" data-testid="private-record">
      <div className="card__header">
        <h2 className="card__title" id="private-record">
          Employment record
        </h2>
        <span className="tag tag--private">Private</span>
      </div>
      <p className="muted small">Visible to the person, their management chain, HR partners in scope and administrators.</p>
      <dl className="details">
        <Detail term="Level">
          <span className="level">{details.level}</span>
          {details.levelTitle ? <span className="muted"> · {details.levelTitle}</span> : null}
        </Detail>
        <Detail term="Hire date">{formatDate(details.hireDate)}</Detail>
        <Detail term="Status">
          <StatusBadge status={details.status} />
        </Detail>
        <Detail term="Time zone">{orDash(details.timeZone)}</Detail>
      </dl>
    </section>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
