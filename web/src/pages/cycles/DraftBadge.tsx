import { draftStatusLabel, type DraftStatus } from './cycle-format.ts';

/** Not started / Draft / Submitted as a small badge. */
export function DraftBadge({ status }: { status: DraftStatus }) {
  return <span className={`badge badge--status-${status}`}>{draftStatusLabel(status)}</span>;
}
