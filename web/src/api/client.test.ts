import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRequest, ApiError, noteSessionRotated, setReauthenticationHandler, setUnauthenticatedHandler } from './client.ts';

/**
 * The API client's answer to REAUTHENTICATION_REQUIRED: ask once for the password however many
 * requests were refused together, send them again, and tell a rotated cookie from an ended session.
 * `fetch` is replaced by a scripted server that answers from the state the test sets.
 */

const problem = (code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status: 401, detail: `${code} detail`, code }), {
    status: 401,
    headers: { 'content-type': 'application/problem+json' },
  });
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

let fresh: boolean;
let calls: { url: string; method: string; body: string | null }[];
let respond: (url: string) => Response;
const realFetch = globalThis.fetch;

beforeEach(() => {
  fresh = false;
  calls = [];
  respond = (url) => (fresh ? json({ url }) : problem('REAUTHENTICATION_REQUIRED'));
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : null });
    return respond(url);
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  setReauthenticationHandler(null);
  setUnauthenticatedHandler(null);
});

describe('a step-up refusal', () => {
  it('asks once for requests refused together, then sends each again and resolves them', async () => {
    let asked = 0;
    setReauthenticationHandler(async () => {
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      fresh = true;
      return true;
    });
    const results = await Promise.all([
      apiRequest('GET', '/api/pipeline/board'),
      apiRequest('GET', '/api/pipeline/cases'),
      apiRequest('POST', '/api/ura/targets', { json: { year: 2027 } }),
    ]);
    expect(asked).toBe(1);
    expect(results).toEqual([{ url: '/api/pipeline/board' }, { url: '/api/pipeline/cases' }, { url: '/api/ura/targets' }]);
    // Each sent twice, the write with the same body both times.
    expect(calls.filter((c) => c.url === '/api/ura/targets').map((c) => c.body)).toEqual(['{"year":2027}', '{"year":2027}']);
    expect(calls).toHaveLength(6);
  });

  it('gives the caller the refusal when the user cancels, without signing them out', async () => {
    let signedOut = false;
    setUnauthenticatedHandler(() => (signedOut = true));
    setReauthenticationHandler(async () => false);
    const error = await apiRequest('GET', '/api/pipeline/board').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(signedOut).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('gives up after three proofs that do not satisfy the server', async () => {
    let asked = 0;
    setReauthenticationHandler(async () => {
      asked++;
      return true;
    });
    const error = await apiRequest('GET', '/api/pipeline/board').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('REAUTHENTICATION_REQUIRED');
    expect(asked).toBe(3);
    expect(calls).toHaveLength(4);
  });

  it('passes the refusal on when no dialog is mounted (outside the signed-in shell)', async () => {
    const error = await apiRequest('GET', '/api/pipeline/board').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('REAUTHENTICATION_REQUIRED');
  });
});

describe('a 401 that is not a step-up refusal', () => {
  it('sends again once when the cookie was rotated while the request was in flight', async () => {
    let signedOut = false;
    setUnauthenticatedHandler(() => (signedOut = true));
    let first = true;
    respond = (url) => {
      if (first) {
        first = false;
        // The dialog elsewhere proved the password and replaced the cookie meanwhile.
        noteSessionRotated();
        return problem('UNAUTHENTICATED');
      }
      return json({ url });
    };
    expect(await apiRequest('GET', '/api/notifications')).toEqual({ url: '/api/notifications' });
    expect(signedOut).toBe(false);
  });

  it('signs out when the session has ended, with no rotation in between', async () => {
    let signedOut = false;
    setUnauthenticatedHandler(() => (signedOut = true));
    respond = () => problem('UNAUTHENTICATED');
    const error = await apiRequest('GET', '/api/notifications').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('UNAUTHENTICATED');
    expect(signedOut).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('leaves a wrong password in the dialog to the dialog', async () => {
    let signedOut = false;
    setUnauthenticatedHandler(() => (signedOut = true));
    respond = () => problem('SIGN_IN_FAILED');
    const error = await apiRequest('POST', '/api/auth/reauthenticate', { json: { password: 'wrong' } }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('SIGN_IN_FAILED');
    expect(signedOut).toBe(false);
  });
});

describe('a session that ends while the dialog is open', () => {
  it('signs out when re-authenticating finds no session, instead of keeping the dialog', async () => {
    let signedOut = false;
    setUnauthenticatedHandler(() => (signedOut = true));
    respond = () => problem('UNAUTHENTICATED');
    const error = await apiRequest('POST', '/api/auth/reauthenticate', { json: { password: 'right' } }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('UNAUTHENTICATED');
    expect(signedOut).toBe(true);
  });

  it('lets later requests ask again once the unanswered dialog is gone', async () => {
    setReauthenticationHandler(() => new Promise<boolean>(() => undefined));
    void apiRequest('GET', '/api/pipeline/board').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Signed out and back in: a new shell installs a new dialog.
    setReauthenticationHandler(async () => {
      fresh = true;
      return true;
    });
    expect(await apiRequest('GET', '/api/pipeline/cases')).toEqual({ url: '/api/pipeline/cases' });
  });
});
