import { Link } from 'react-router-dom';
import type { Progress } from '../../api/cycles.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { DraftBadge } from './DraftBadge.tsx';

type Row = Progress['people'][number];

/** A participant's name, linking to their report below the table. */
export function ParticipantCell({ row, selected, leftTagClass }: { row: Row; selected: boolean; leftTagClass: string }) {
  return (
    <th scope="row" data-label="Name">
      <Link className="person-cell" to={`?person=${row.person.id}`} aria-current={selected ? 'true' : undefined}>
        <Avatar name={row.person.name} size="sm" />
        <span>{row.person.name}</span>
      </Link>
      {row.left ? <span className={leftTagClass}>Left</span> : null}
    </th>
  );
}

/** Self review, peers asked and responses received, with too few responses flagged. */
export function ReviewProgressCells({ row, minimum, flagTooFew }: { row: Row; minimum: number; flagTooFew: boolean }) {
  return (
    <>
      <td data-label="Self review">
        <DraftBadge status={row.selfReview} />
      </td>
      <td data-label="Peers asked">{row.peersRequested}</td>
      <td data-label="Responses" className={flagTooFew ? 'cell-warning' : undefined}>
        {row.peerResponses}
        {flagTooFew ? <span className="cell-warning__note"> (fewer than {minimum})</span> : null}
      </td>
    </>
  );
}

/** Where their manager's review stands. */
export function ManagerReviewCell({ row }: { row: Row }) {
  return (
    <td data-label="Manager review">
      <DraftBadge status={row.managerReview} />
    </td>
  );
}
