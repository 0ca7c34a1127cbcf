import type { Person } from '../api/people.ts';

type Status = NonNullable<Person['private']>['status'];

const LABELS: Record<Status, string> = { active: 'Active', leave: 'On leave', terminated: 'Left' };

/** A person's employment status as a small badge. */
export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge badge--${status}`}>{LABELS[status]}</span>;
}
