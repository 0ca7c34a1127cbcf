import type { ReactNode } from 'react';
import type { PeerRequest } from '../../api/feedback.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { orDash } from '../../components/format.ts';
import { requestStatusLabel } from './cycle-format.ts';

interface PeerRequestTableProps {
  requests: PeerRequest[];
  caption: string;
  testId: string;
  /** Show the reason a colleague gave for declining under the status. */
  declineReasons?: boolean;
  /** The buttons for one request, or null. */
  actions: (request: PeerRequest) => ReactNode;
}

/** Who was asked for feedback about someone, each request's status, and what may be done with it. */
export function PeerRequestTable({ requests, caption, testId, declineReasons = false, actions }: PeerRequestTableProps) {
  return (
    <table className="table table--stack table--compact table--wide-labels" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <TableHead columns={['Colleague', 'Status']} actions />
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <th scope="row" data-label="Colleague">
              <span className="person-cell">
                <Avatar name={r.reviewer.name} size="sm" />
                <span>
                  {r.reviewer.name}
                  <span className="person-chip__meta">{orDash(r.reviewer.title)}</span>
                </span>
              </span>
            </th>
            <td data-label="Status">
              <span className={`badge badge--request-${r.status}`}>{requestStatusLabel(r.status)}</span>
              {declineReasons && r.declineReason ? <span className="block small muted">“{r.declineReason}”</span> : null}
            </td>
            <td data-label="Actions" className="cell-actions">
              {actions(r)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
