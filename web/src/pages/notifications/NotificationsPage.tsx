import { useState } from 'react';
import { problemOf, type Problem } from '../../api/client.ts';
import { listNotifications, markNotificationsRead } from '../../api/log.ts';
import { useResource } from '../../api/use-resource.ts';
import { LiveRegion } from '../../components/LiveRegion.tsx';
import { Loading } from '../../components/Loading.tsx';
import { announceNotificationsChanged, NotificationList } from '../../components/NotificationList.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { plural } from '../../components/format.ts';

/** My notifications and reminders, newest first. */
export function NotificationsPage() {
  const notifications = useResource((signal) => listNotifications(signal), 'notifications');
  const [problem, setProblem] = useState<Problem | null>(null);
  const list = notifications.data?.notifications ?? [];
  const unread = list.filter((n) => !n.read);

  async function markRead(ids: number[]) {
    setProblem(null);
    try {
      await markNotificationsRead(ids);
      notifications.replace({ notifications: list.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n)) });
      announceNotificationsChanged();
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <div className="stack">
      <PageHeader
        title="Notifications"
        lead={notifications.data ? (unread.length ? `${plural(unread.length, 'unread notification', 'unread notifications')}.` : 'You are all caught up.') : 'Reminders and requests for you.'}
        actions={
          unread.length ? (
            <button type="button" className="button button--secondary" onClick={() => markRead(unread.map((n) => n.id))}>
              Mark all as read
            </button>
          ) : undefined
        }
      />
      <LiveRegion>
        {notifications.status === 'error' ? <ProblemMessage problem={notifications.problem} /> : null}
        {problem ? <ProblemMessage problem={problem} /> : null}
      </LiveRegion>
      {!notifications.data && notifications.status === 'loading' ? <Loading /> : null}
      {notifications.data && list.length === 0 ? (
        <div className="card empty">
          <p className="empty__title">No notifications</p>
          <p className="muted">Requests for your feedback and reminders about deadlines appear here.</p>
        </div>
      ) : null}
      {list.length ? (
        <div className="card card--flush">
          <NotificationList notifications={list} onMarkRead={markRead} />
        </div>
      ) : null}
    </div>
  );
}
