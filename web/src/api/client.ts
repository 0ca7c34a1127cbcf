import type { z } from 'zod';
import type { problemSchema } from '../../../src/shared/schemas/common.ts';

/** An RFC 9457 problem document, as every error response from the server is shaped. */
export type Problem = z.infer<typeof problemSchema>;
export type FieldProblem = NonNullable<Problem['errors']>[number];

/** A failed API call. `problem` is the server's problem document (or one we made up for network failures). */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (a file), with `headers` naming its type. */
  body?: BodyInit;
  headers?: Record<string, string>;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

let onUnauthenticated: (() => void) | null = null;

/** Called when a request answers 401 after the app has loaded: the session ended under us. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** Asks the user to prove their password again; resolves true once they have, false if they declined. */
type ReauthenticationHandler = () => Promise<boolean>;
let onReauthenticationRequired: ReauthenticationHandler | null = null;
// Requests refused together (a page loading three step-up resources) share one dialog.
let pendingProof: Promise<boolean> | null = null;
// Re-authenticating rotates the session cookie: a request sent with the old one just before may
// come back 401 although the session lives on. Counting rotations tells those apart.
let sessionRotations = 0;
/** A request asks at most this often before giving up, so a misconfigured window cannot loop. */
const MAX_PROOFS_PER_REQUEST = 3;

/**
 * Installed by the signed-in shell: when the server answers REAUTHENTICATION_REQUIRED, this
 * shows the password dialog, and the request is retried once the password is proved.
 */
export function setReauthenticationHandler(handler: ReauthenticationHandler | null): void {
  onReauthenticationRequired = handler;
  // A dialog that went away (signed out meanwhile) must not hold later requests hostage.
  pendingProof = null;
}

/** The session cookie was replaced (after re-authenticating). */
export function noteSessionRotated(): void {
  sessionRotations++;
}

function proveIdentity(): Promise<boolean> {
  if (!onReauthenticationRequired) return Promise.resolve(false);
  pendingProof ??= onReauthenticationRequired().finally(() => {
    pendingProof = null;
  });
  return pendingProof;
}

const REAUTHENTICATE = '/api/auth/reauthenticate';
// Their 401s belong to the form that called them, not to the shell (a wrong password in the
// re-authentication dialog stays there; a session that ended meanwhile does not).
const OWN_401 = new Set(['/api/session', '/api/me', REAUTHENTICATE]);
const ownsRefusal = (path: string, error: ApiError) => OWN_401.has(path) && !(path === REAUTHENTICATE && error.code === 'UNAUTHENTICATED');

/** Builds `/api/x?a=1` leaving out empty query values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Calls the API on this origin with the session cookie. Writes carry the CSRF header the server
 * demands; errors become an ApiError holding the problem document. A route that wants the
 * password proved again (pipeline, calibration, demographics) gets it through the dialog, and
 * the request is then sent again, so callers never see REAUTHENTICATION_REQUIRED unless the
 * user cancels.
 */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  let proofs = 0;
  let rotationRetried = false;
  for (;;) {
    const rotationsBefore = sessionRotations;
    try {
      return await sendOnce<T>(method, path, options);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || ownsRefusal(path, error)) throw error;
      if (error.code === 'REAUTHENTICATION_REQUIRED') {
        if (proofs++ < MAX_PROOFS_PER_REQUEST && (await proveIdentity())) continue;
        throw error;
      }
      if (sessionRotations !== rotationsBefore && !rotationRetried) {
        rotationRetried = true;
        continue;
      }
      onUnauthenticated?.();
      throw error;
    }
  }
}

async function sendOnce<T>(method: Method, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  if (method !== 'GET') headers['x-highbar-csrf'] = '1';
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'Highbar could not be reached. Check your connection and try again.',
      code: 'NETWORK_ERROR',
    });
  }
  if (response.status === 204) return null as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(asProblem(payload, response));
  return payload as T;
}

function asProblem(payload: unknown, response: Response): Problem {
  if (payload && typeof payload === 'object' && 'detail' in payload && 'status' in payload) return payload as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}`.trim() + '.',
    code: 'UNEXPECTED_RESPONSE',
  };
}

/** True for an ApiError with this HTTP status. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** A problem document for any thrown value, for showing to the user. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { type: 'about:blank', title: 'Something went wrong', status: 0, detail: error instanceof Error ? error.message : String(error), code: 'CLIENT_ERROR' };
}
