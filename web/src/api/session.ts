import type { z } from 'zod';
import type { Me, changePasswordBodySchema, endedSessionsSchema, mySessionsSchema, reauthenticationSchema, signInBodySchema } from '../../../src/shared/schemas/session.ts';
import { apiRequest, noteSessionRotated } from './client.ts';

export type { Me };
export type SignInBody = z.input<typeof signInBodySchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type MySessions = z.infer<typeof mySessionsSchema>;
export type EndedSessions = z.infer<typeof endedSessionsSchema>;

/** The signed-in account with its effective roles (401 when signed out). */
export function getMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest<Me>('GET', '/api/me', { signal });
}

export function signIn(body: SignInBody): Promise<Me> {
  return apiRequest<Me>('POST', '/api/session', { json: body });
}

export function signOut(): Promise<null> {
  return apiRequest<null>('DELETE', '/api/session');
}

/** Changes my password; my other sessions end, this one stays. */
export function changeMyPassword(body: ChangePasswordBody): Promise<null> {
  return apiRequest<null>('POST', '/api/me/password', { json: body });
}

export type Reauthentication = z.infer<typeof reauthenticationSchema>;

/** Proves my password again for pipeline, calibration and demographic records; the cookie is replaced. */
export async function reauthenticate(password: string): Promise<Reauthentication> {
  const result = await apiRequest<Reauthentication>('POST', '/api/auth/reauthenticate', { json: { password } });
  noteSessionRotated();
  return result;
}

/** Where I am signed in. */
export function listMySessions(signal?: AbortSignal): Promise<MySessions> {
  return apiRequest<MySessions>('GET', '/api/me/sessions', { signal });
}

/** Signs out one of my sessions, by its handle. */
export function endMySession(handle: string): Promise<EndedSessions> {
  return apiRequest<EndedSessions>('POST', '/api/me/sessions/end', { json: { handle } });
}

/** Signs out everywhere but here. */
export function endMyOtherSessions(): Promise<EndedSessions> {
  return apiRequest<EndedSessions>('POST', '/api/me/sessions/end-others');
}
