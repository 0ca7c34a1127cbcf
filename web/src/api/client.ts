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
 * demands; errors become an ApiError holding the problem document.
 */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
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
  if (!response.ok) {
    const problem = asProblem(payload, response);
    // Sign-in failures are the form's to show; the shell itself handles /api/me.
    if (response.status === 401 && path !== '/api/session' && path !== '/api/me') onUnauthenticated?.();
    throw new ApiError(problem);
  }
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
