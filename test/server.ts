import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { buildServer } from '../src/app/server.ts';

/** The whole HTTP server in process, without a network: requests go through app.inject. */
export async function startTestServer(db: Kysely<DB>, options: { now?: () => Date; webDist?: string; trustProxy?: boolean } = {}): Promise<FastifyInstance> {
  const app = await buildServer({ db, logLevel: 'silent', now: options.now, webDist: options.webDist ?? '/nonexistent', trustProxy: options.trustProxy });
  await app.ready();
  return app;
}

/** Headers a browser on the same origin sends with a write. */
export const WRITE_HEADERS = { 'x-highbar-csrf': '1', origin: 'http://localhost:80' };

/** Signs in and returns the cookie header to send on later requests. */
export async function signInCookie(app: FastifyInstance, email: string, password: string, ip = '127.0.0.1'): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { ...WRITE_HEADERS, host: 'localhost:80' },
    payload: { email, password },
    remoteAddress: ip,
  });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  return cookieFrom(response);
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const setCookie = response.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no session cookie was set');
  return first.split(';')[0]!;
}
