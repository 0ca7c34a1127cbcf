import type { z } from 'zod';
import type { LOG_KINDS, logEntryBodySchema, logSchema, notificationListSchema } from '../../../src/shared/schemas/cycles.ts';
import { apiRequest } from './client.ts';

export type FeedbackLog = z.infer<typeof logSchema>;
export type LogEntry = FeedbackLog['entries'][number];
export type LogKind = (typeof LOG_KINDS)[number];
export type LogEntryBody = z.input<typeof logEntryBodySchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type Notification = NotificationList['notifications'][number];

/** Notes logged about a person (continuous feedback), newest first. */
export function listFeedbackLog(personId: number, signal?: AbortSignal): Promise<FeedbackLog> {
  return apiRequest<FeedbackLog>('GET', `/api/people/${personId}/log`, { signal });
}

export function addFeedbackLogEntry(personId: number, body: LogEntryBody): Promise<{ id: number }> {
  return apiRequest<{ id: number }>('POST', `/api/people/${personId}/log`, { json: body });
}

/** My latest notifications and reminders (at most 100), newest first. */
export function listNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return apiRequest<NotificationList>('GET', '/api/notifications', { signal });
}

export function markNotificationsRead(ids: number[]): Promise<null> {
  return apiRequest<null>('POST', '/api/notifications/read', { json: { ids } });
}
