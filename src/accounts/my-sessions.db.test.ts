import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount } from '../../test/factories.ts';
import { signInCookie, startTestServer, WRITE_HEADERS } from '../../test/server.ts';

// A person sees where they are signed in and can end any of those sessions (ASVS 5.0 7.5.2),
// their own only.

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Listed = { handle: string; current: boolean; ip: string | null; userAgent: string | null };
const list = async (cookie: string) => (await app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie } })).json().sessions as Listed[];
const post = (cookie: string, url: string, payload?: object) => app.inject({ method: 'POST', url, headers: { ...WRITE_HEADERS, cookie }, ...(payload ? { payload } : {}) });
const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

describe('my sessions', () => {
  it('lists only my live sessions, this one marked, with no token or hash in the answer', async () => {
    const account = await buildAccount(database.db);
    const other = await buildAccount(database.db);
    const laptop = await signInCookie(app, account.email, account.password, '10.80.0.1');
    await signInCookie(app, account.email, account.password, '10.80.0.2');
    await signInCookie(app, other.email, other.password, '10.80.0.3');
    const response = await app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie: laptop } });
    const sessions = response.json().sessions as Listed[];
    expect(sessions.map((s) => s.ip).sort()).toEqual(['10.80.0.1', '10.80.0.2']);
    expect(sessions.filter((s) => s.current).map((s) => s.ip)).toEqual(['10.80.0.1']);
    const stored = await database.db.selectFrom('sessions').select('token_hash').where('account_id', '=', account.id).execute();
    for (const { token_hash } of stored) expect(response.body).not.toContain(token_hash);
    expect(response.body).not.toContain(laptop.split('=')[1]!);
  });

  it('ends another of my sessions by its handle, audited, and refuses a handle that is not mine', async () => {
    const account = await buildAccount(database.db);
    const other = await buildAccount(database.db);
    const laptop = await signInCookie(app, account.email, account.password, '10.80.1.1');
    const phone = await signInCookie(app, account.email, account.password, '10.80.1.2');
    const theirs = await signInCookie(app, other.email, other.password, '10.80.1.3');
    const phoneHandle = (await list(laptop)).find((s) => s.ip === '10.80.1.2')!.handle;
    const theirHandle = (await list(theirs))[0]!.handle;

    const refused = await post(laptop, '/api/me/sessions/end', { handle: theirHandle });
    expect(refused.statusCode).toBe(404);
    expect((await me(theirs)).statusCode).toBe(200);

    const ended = await post(laptop, '/api/me/sessions/end', { handle: phoneHandle });
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(200);
    const audit = await database.db.selectFrom('audit_events').select(['action', 'details']).where('actor_account_id', '=', account.id).where('action', '=', 'session.ended_by_owner').execute();
    expect(audit).toEqual([{ action: 'session.ended_by_owner', details: { sessions: 1, current: false } }]);
  });

  it('signs out everywhere but here', async () => {
    const account = await buildAccount(database.db);
    const here = await signInCookie(app, account.email, account.password, '10.80.2.1');
    const elsewhere = [await signInCookie(app, account.email, account.password, '10.80.2.2'), await signInCookie(app, account.email, account.password, '10.80.2.3')];
    expect((await post(here, '/api/me/sessions/end-others')).json()).toEqual({ ended: 2 });
    for (const cookie of elsewhere) expect((await me(cookie)).statusCode).toBe(401);
    expect((await list(here)).map((s) => s.current)).toEqual([true]);
  });

  it('refuses a malformed handle as a validation error', async () => {
    const account = await buildAccount(database.db);
    const cookie = await signInCookie(app, account.email, account.password);
    expect((await post(cookie, '/api/me/sessions/end', { handle: 'not-a-handle' })).statusCode).toBe(400);
  });
});
