import { Link } from 'react-router-dom';
import type { Notification } from '../api/log.ts';
import { formatDate } from './format.ts';

/** Notifications, unread first in weight; following one marks it read. */
export function NotificationList({ notifications, onMarkRead }: { notifications: Notification[]; onMarkRead: (ids: number[]) => void }) {
  return (
    <ul className="notifications" data-testid="notifications">
      {notifications.map((n) => (
        <li key={n.id} className={n.read ? 'notifications__item' : 'notifications__item notifications__item--unread'}>
          <span className="notifications__dot" aria-hidden="true" />
          <span className="notifications__body">
            {n.read ? null : <span className="visually-hidden">Unread: </span>}
            {n.link ? (
              <Link to={n.link} onClick={() => (n.read ? undefined : onMarkRead([n.id]))}>
                {n.title}
              </Link>
            ) : (
              <span>{n.title}</span>
            )}
            <span className="notifications__date">{formatDate(n.createdAt)}</span>
          </span>
          {n.read ? null : (
            <button type="button" className="button button--ghost button--small" onClick={() => onMarkRead([n.id])}>
              Mark read<span className="visually-hidden">: {n.title}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Tells the header's bell that notifications changed (marked read), so it counts again. */
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event('highbar:notifications'));
}
