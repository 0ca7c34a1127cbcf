import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount, buildPerson, TEST_PASSWORD } from '../../test/factories.ts';
import { cookieFrom, signInCookie, startTestServer, WRITE_HEADERS } from '../../test/server.ts';
import { DEFAULT_SESSION_POLICY } from './session.rules.ts';

let database: Database;
let app: FastifyInstance;
let clock = new Date('2026-11-23T09:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const signIn = (email: string, password: string, extra: { ip?: string; cookie?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { ...WRITE_HEADERS, ...(extra.cookie ? { cookie: extra.cookie } : {}) },
    payload: { email, password },
    remoteAddress: extra.ip ?? '10.0.0.1',
  });
const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

describe('sign-in', () => {
  it('signs in, sets an HttpOnly SameSite=Strict cookie with a 256-bit opaque token, and returns the roles', async () => {
    const person = await buildPerson(database.db);
    await buildPerson(database.db, { manager: person });
    const account = await buildAccount(database.db, { person });
    const response = await signIn(account.email.toUpperCase(), account.password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: account.id, roles: ['employee', 'manager'], personId: person.id });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^highbar_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect((await me(cookieFrom(response))).json()).toMatchObject({ email: account.email });
  });

  it('uses a __Host- cookie marked Secure when the request came over TLS', async () => {
    const account = await buildAccount(database.db);
    const tlsApp = await startTestServer(database.db, { now: () => clock, trustProxy: true });
    const viaTls = { 'x-forwarded-proto': 'https', host: 'highbar.example' };
    const response = await tlsApp.inject({
      method: 'POST',
      url: '/api/session',
      headers: { ...viaTls, 'x-highbar-csrf': '1', origin: 'https://highbar.example' },
      payload: { email: account.email, password: account.password },
    });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-highbar_session=[A-Za-z0-9_-]{43}; Path=\/;/);
    expect(setCookie).toContain('Secure');
    expect(setCookie).not.toContain('Domain');
    const cookie = cookieFrom(response);
    expect((await tlsApp.inject({ method: 'GET', url: '/api/me', headers: { ...viaTls, cookie } })).statusCode).toBe(200);
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    // The plain-HTTP cookie name is not accepted over TLS, and vice versa.
    const plain = cookie.replace('__Host-highbar_session', 'highbar_session');
    expect((await tlsApp.inject({ method: 'GET', url: '/api/me', headers: { ...viaTls, cookie: plain } })).statusCode).toBe(401);
    await tlsApp.close();
  });

  it('answers a wrong password, an unknown email and a disabled account with the same 401', async () => {
    const active = await buildAccount(database.db);
    const disabled = await buildAccount(database.db, { disabled: true });
    const answers = await Promise.all([
      signIn(active.email, 'not the right password at all', { ip: '10.0.1.1' }),
      signIn('nobody@example.test', TEST_PASSWORD, { ip: '10.0.1.2' }),
      signIn(disabled.email, disabled.password, { ip: '10.0.1.3' }),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    const details = answers.map((a) => a.json().detail);
    expect(new Set(details).size).toBe(1);
  });

  it('locks an account after five failures with the same generic answer, even for the right password', async () => {
    const account = await buildAccount(database.db);
    for (let i = 0; i < 5; i++) expect((await signIn(account.email, `wrong password number ${i}`, { ip: `10.1.0.${i}` })).statusCode).toBe(401);
    const locked = await signIn(account.email, account.password, { ip: '10.1.0.99' });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().detail).toBe((await signIn('nobody@example.test', 'x', { ip: '10.1.0.98' })).json().detail);
    advance(16 * 60 * 1000);
    expect((await signIn(account.email, account.password, { ip: '10.1.0.99' })).statusCode).toBe(200);
  });

  it('throttles an address that fails too often with 429 and Retry-After', async () => {
    let last;
    for (let i = 0; i < 31; i++) last = await signIn(`user${i}@example.test`, 'wrong wrong wrong', { ip: '10.9.9.9' });
    expect(last!.statusCode).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    const other = await buildAccount(database.db);
    expect((await signIn(other.email, other.password, { ip: '10.9.9.10' })).statusCode).toBe(200);
  });

  it('rotates the session on sign-in: the old token stops working', async () => {
    const account = await buildAccount(database.db);
    const first = await signInCookie(app, account.email, account.password);
    const second = cookieFrom(await signIn(account.email, account.password, { cookie: first }));
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('rejects unknown body fields and a missing CSRF header', async () => {
    const account = await buildAccount(database.db);
    const extra = await app.inject({ method: 'POST', url: '/api/session', headers: WRITE_HEADERS, payload: { email: account.email, password: account.password, roles: ['admin'] } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].path).toContain('body');
    const noHeader = await app.inject({ method: 'POST', url: '/api/session', payload: { email: account.email, password: account.password } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().code).toBe('CSRF_REJECTED');
    const crossOrigin = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { ...WRITE_HEADERS, origin: 'https://evil.example' },
      payload: { email: account.email, password: account.password },
    });
    expect(crossOrigin.statusCode).toBe(403);
  });
});

describe('session lifetime', () => {
  it('ends after the idle timeout but survives regular use', async () => {
    const account = await buildAccount(database.db);
    const cookie = await signInCookie(app, account.email, account.password);
    for (let i = 0; i < 3; i++) {
      advance(DEFAULT_SESSION_POLICY.idleTimeoutMs - 60_000);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    advance(DEFAULT_SESSION_POLICY.idleTimeoutMs + 1);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends at the absolute timeout however active it is', async () => {
    const account = await buildAccount(database.db);
    const cookie = await signInCookie(app, account.email, account.password);
    const steps = Math.ceil(DEFAULT_SESSION_POLICY.absoluteTimeoutMs / (20 * 60_000));
    let last = 200;
    for (let i = 0; i < steps; i++) {
      advance(20 * 60_000);
      last = (await me(cookie)).statusCode;
    }
    expect(last).toBe(401);
  });

  it('ends on sign-out, server-side', async () => {
    const account = await buildAccount(database.db);
    const cookie = await signInCookie(app, account.email, account.password);
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { ...WRITE_HEADERS, cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.headers['clear-site-data']).toBe('"cache", "cookies", "storage"');
    expect((await me(cookie)).statusCode).toBe(401);
    const rows = await database.db.selectFrom('sessions').select('account_id').where('account_id', '=', account.id).execute();
    expect(rows).toHaveLength(0);
  });

  it('ends every session of an account when an admin disables it', async () => {
    const admin = await buildAccount(database.db, { roles: ['admin'] });
    const target = await buildAccount(database.db);
    const adminCookie = await signInCookie(app, admin.email, admin.password);
    const targetCookie = await signInCookie(app, target.email, target.password);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${target.id}`,
      headers: { ...WRITE_HEADERS, cookie: adminCookie },
      payload: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().disabled).toBe(true);
    expect((await me(targetCookie)).statusCode).toBe(401);
    expect((await signIn(target.email, target.password)).statusCode).toBe(401);
  });

  it('stores only a hash of the token', async () => {
    const account = await buildAccount(database.db);
    const cookie = await signInCookie(app, account.email, account.password);
    const token = cookie.split('=')[1]!;
    const stored = await database.db.selectFrom('sessions').select('token_hash').where('account_id', '=', account.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('passwords', () => {
  it('hashes new passwords with argon2id at m=19456,t=2,p=1 and refuses weak ones', async () => {
    const admin = await buildAccount(database.db, { roles: ['admin'] });
    const cookie = await signInCookie(app, admin.email, admin.password);
    const weak = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: { ...WRITE_HEADERS, cookie },
      payload: { email: 'weak@example.test', name: 'Weak', password: 'password1234', roles: ['employee'] },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().detail).toContain('commonly used');
    const short = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: { ...WRITE_HEADERS, cookie },
      payload: { email: 'short@example.test', name: 'Short', password: 'xK9#', roles: ['employee'] },
    });
    expect(short.statusCode).toBe(422);
    expect(await database.db.selectFrom('accounts').select('id').where('email', 'in', ['weak@example.test', 'short@example.test']).execute()).toHaveLength(0);
    const good = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: { ...WRITE_HEADERS, cookie },
      payload: { email: 'good@example.test', name: 'Good', password: 'a sensible long passphrase', roles: ['employee'] },
    });
    expect(good.statusCode).toBe(201);
    const stored = await database.db.selectFrom('accounts').select('password_hash').where('email', '=', 'good@example.test').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('changes my own password only with the current one, and ends my other sessions', async () => {
    const account = await buildAccount(database.db);
    const here = await signInCookie(app, account.email, account.password, '10.5.0.1');
    const elsewhere = await signInCookie(app, account.email, account.password, '10.5.0.2');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { ...WRITE_HEADERS, cookie: here },
      payload: { currentPassword: 'not it at all', newPassword: 'another long passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { ...WRITE_HEADERS, cookie: here },
      payload: { currentPassword: account.password, newPassword: 'another long passphrase' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await signIn(account.email, 'another long passphrase', { ip: '10.5.0.3' })).statusCode).toBe(200);
  });
});

describe('audit', () => {
  it('records sign-ins and failures in the hash chain', async () => {
    const account = await buildAccount(database.db);
    await signIn(account.email, 'definitely the wrong one', { ip: '10.7.0.1' });
    await signIn(account.email, account.password, { ip: '10.7.0.1' });
    const events = await database.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id', 'prev_hash', 'hash', 'seq'])
      .where('subject_id', '=', String(account.id))
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['session.sign_in_failed', 'session.signed_in']);
    const all = await database.db.selectFrom('audit_events').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    for (let i = 1; i < all.length; i++) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
  });
});
