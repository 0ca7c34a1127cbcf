import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { listNotifications } from '../api/log.ts';
import { useResource } from '../api/use-resource.ts';

/** The header's link to my notifications with the unread count; checks again on every page. */
export function NotificationBell() {
  const { pathname } = useLocation();
  const notifications = useResource((signal) => listNotifications(signal), `bell-${pathname}`, { keepPrevious: true });
  const reload = notifications.reload;
  useEffect(() => {
    window.addEventListener('highbar:notifications', reload);
    return () => window.removeEventListener('highbar:notifications', reload);
  }, [reload]);
  const unread = notifications.data?.notifications.filter((n) => !n.read).length ?? 0;
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Link to="/notifications" className="bell" aria-label={label} title={label} data-testid="notification-bell">
      <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6Zm0 18a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 21Z" />
      </svg>
      {unread ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
