import type { z } from 'zod';
import type { erasureResultSchema } from '../../../src/privacy/privacy.schemas.ts';
import { apiRequest } from './client.ts';

export type ErasureResult = z.infer<typeof erasureResultSchema>;

/** Everything Highbar holds about a person, as they may read it: the person, or HR in scope on request. */
export function exportPersonData(personId: number): Promise<Record<string, unknown>> {
  return apiRequest<Record<string, unknown>>('GET', `/api/people/${personId}/data-export`);
}

/** Erases a leaver's personal data (administrators); irreversible. */
export function erasePerson(personId: number): Promise<ErasureResult> {
  return apiRequest<ErasureResult>('POST', `/api/people/${personId}/erasure`, { json: { confirm: true } });
}
