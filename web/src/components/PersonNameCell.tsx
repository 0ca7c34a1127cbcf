import { Link } from 'react-router-dom';
import type { PersonView } from '../../../src/shared/schemas/people.ts';
import { Avatar } from './Avatar.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** The row header of a people table: avatar, linked name, and a badge unless active. */
export function PersonNameCell({ person }: { person: PersonView }) {
  return (
    <th scope="row" data-label="Name">
      <Link className="person-cell" to={`/people/${person.id}`}>
        <Avatar name={person.name} size="sm" />
        <span>{person.name}</span>
      </Link>
      {person.private && person.private.status !== 'active' ? (
        <>
          {' '}
          <StatusBadge status={person.private.status} />
        </>
      ) : null}
    </th>
  );
}
