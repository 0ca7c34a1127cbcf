import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildAccount, buildPerson } from '../../test/factories.ts';
import { cookieFrom, signInCookie, startTestServer, WRITE_HEADERS } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildOlrOrg, launchCycle, proposal, type OlrOrg } from '../../test/olr-helpers.ts';
import { finalisedCalibration, FOCUS_STEP } from '../../test/pipeline-helpers.ts';
import { STEP_UP_EXTENSION } from '../app/auth.ts';
import { DEFAULT_STEP_UP_WINDOW_MS } from './session.rules.ts';
import { hashSessionToken } from './sessions.service.ts';

/**
 * Re-authentication before pipeline, calibration and demographic records (ASVS 5.0 level 3).
 * Which routes are marked is read from the running app's OpenAPI document, so a new pipeline or
 * calibration route without the marker fails here, and a new marked route without a sample
 * request below fails too. Every marked route is then called with a stale proof (401
 * REAUTHENTICATION_REQUIRED, nothing read or written) and again after re-authenticating.
 */

const MINUTE = 60_000;
// Launched before the manager-review phase; the step-up checks run inside it.
const LAUNCH = new Date('2026-11-02T09:00:00Z');
const BASE = new Date('2027-01-05T09:00:00Z');
const STALE = new Date(BASE.getTime() + DEFAULT_STEP_UP_WINDOW_MS + MINUTE);
const clock = new Date(LAUNCH);

/** Operations whose path or tag says they hold pipeline, calibration or demographic records. */
const SENSITIVE_PATH = /^\/api\/(pipeline|ura|transfer-requests|calibration-sessions)(\/|$)|\/demographics$|\/proposals?(\/|$)|\/rating-history$/u;
const SENSITIVE_TAGS = new Set(['pipeline', 'calibration']);
/** Sensitive by path or tag, but deliberately without step-up (docs/security.md says why). */
const NOT_MARKED = new Set(['GET /api/cycles/{id}/my-rating']);

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: OlrOrg;
let reviewCycleId: number;
let pipelineCycleId: number;
let sessionId: number;
let caseId: number;
let humaneCaseId: number;
let operations: { key: string; tags: string[]; marked: boolean; sensitive: boolean }[];
/** Marked routes of this feature's scope; other features may mark theirs too (and test them). */
const markedHere = () => operations.filter((o) => o.marked && o.sensitive);

type Who = 'hr' | 'director' | 'manager' | 'otherManager' | 'employee' | 'caseEmployee';
interface Sample {
  who: Who;
  request: () => Promise<InjectOptions> | InjectOptions;
  /** 'ok': a 2xx answer. 'handled': the handler ran and answered with a domain rule (409, 422) or success. */
  expect: 'ok' | 'handled';
}

function accountOf(who: Who): { email: string; password: string } {
  switch (who) {
    case 'hr':
      return org.accounts.hr;
    case 'director':
      return org.accounts.director;
    case 'manager':
      return org.accounts.managers[0]!;
    case 'otherManager':
      return org.accounts.managers[1]!;
    case 'employee':
      return org.accounts.engineers[2]!;
    case 'caseEmployee':
      return org.accounts.engineers[1]!;
  }
}

const get = (url: string): InjectOptions => ({ method: 'GET', url });
const send = (method: 'POST' | 'PUT', url: string, payload?: object): InjectOptions => ({ method, url, headers: WRITE_HEADERS, ...(payload ? { payload } : {}) });

/** One request per marked route, by a caller allowed to make it. */
function samples(): Record<string, Sample> {
  const { engineers, managers, director } = org.people;
  const s = `/api/calibration-sessions/${sessionId}`;
  const c = `/api/pipeline/cases/${caseId}`;
  const caseVersion = async () =>
    (await database.db.selectFrom('pipeline_cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
  const ratingVersion = async () =>
    (await database.db.selectFrom('calibrated_ratings').select('version').where('session_id', '=', sessionId).where('person_id', '=', engineers[6]!.id).executeTakeFirstOrThrow()).version;
  return {
    // Pipeline
    'GET /api/pipeline/cases': { who: 'hr', request: () => get('/api/pipeline/cases'), expect: 'ok' },
    'POST /api/pipeline/cases': { who: 'manager', request: () => send('POST', '/api/pipeline/cases', { source: 'manual', personId: engineers[3]!.id, reason: 'Missed three quarterly commitments in a row', policy: 'amazon' }), expect: 'ok' },
    'POST /api/pipeline/identify': { who: 'hr', request: () => send('POST', '/api/pipeline/identify', { cycleId: pipelineCycleId }), expect: 'ok' },
    'GET /api/pipeline/cases/{id}': { who: 'hr', request: () => get(c), expect: 'ok' },
    'POST /api/pipeline/cases/{id}/transitions': { who: 'manager', request: async () => send('POST', `${c}/transitions`, { version: await caseVersion(), step: FOCUS_STEP }), expect: 'ok' },
    'GET /api/pipeline/cases/{id}/access-log': { who: 'hr', request: () => get(`${c}/access-log`), expect: 'ok' },
    'GET /api/pipeline/cases/{id}/severance': { who: 'hr', request: () => get(`${c}/severance?annualBasePayCents=10000000`), expect: 'ok' },
    'GET /api/pipeline/my-case': { who: 'caseEmployee', request: () => get('/api/pipeline/my-case'), expect: 'ok' },
    'GET /api/pipeline/board': { who: 'hr', request: () => get('/api/pipeline/board'), expect: 'ok' },
    'GET /api/pipeline/jury-duties': { who: 'employee', request: () => get('/api/pipeline/jury-duties'), expect: 'ok' },
    'GET /api/ura/exits': { who: 'hr', request: () => get('/api/ura/exits'), expect: 'ok' },
    'POST /api/ura/exits': { who: 'hr', request: () => send('POST', '/api/ura/exits', { personId: engineers[11]!.id, exitDate: '2026-12-15', kind: 'voluntary', regretted: true, reason: 'Moved abroad' }), expect: 'ok' },
    'PUT /api/ura/targets': { who: 'hr', request: () => send('PUT', '/api/ura/targets', { rootPersonId: director.id, year: 2027, targetPercent: 6 }), expect: 'ok' },
    'GET /api/ura/dashboard': { who: 'hr', request: () => get('/api/ura/dashboard?year=2027'), expect: 'ok' },
    'GET /api/ura/hire-to-fire': { who: 'hr', request: () => get(`/api/ura/hire-to-fire?cycleId=${pipelineCycleId}`), expect: 'ok' },
    'POST /api/transfer-requests': { who: 'manager', request: () => send('POST', '/api/transfer-requests', { personId: engineers[4]!.id, toManagerId: managers[1]!.id, note: 'Wants to join the search team.' }), expect: 'ok' },
    'GET /api/transfer-requests': { who: 'employee', request: () => get('/api/transfer-requests'), expect: 'ok' },
    // Calibration: proposals, the session and its ratings, history
    'GET /api/cycles/{id}/proposals': { who: 'manager', request: () => get(`/api/cycles/${reviewCycleId}/proposals`), expect: 'ok' },
    'GET /api/cycles/{id}/people/{personId}/proposal': { who: 'manager', request: () => get(`/api/cycles/${reviewCycleId}/people/${engineers[0]!.id}/proposal`), expect: 'ok' },
    // Submitted proposals are locked once calibration has them: the rule answers, past the gate.
    'PUT /api/cycles/{id}/people/{personId}/proposal': { who: 'manager', request: () => send('PUT', `/api/cycles/${reviewCycleId}/people/${engineers[0]!.id}/proposal`, proposal(4, 2)), expect: 'handled' },
    'POST /api/cycles/{id}/people/{personId}/proposal/submit': { who: 'manager', request: () => send('POST', `/api/cycles/${reviewCycleId}/people/${engineers[0]!.id}/proposal/submit`, proposal(4, 2)), expect: 'handled' },
    'GET /api/calibration-sessions': { who: 'hr', request: () => get('/api/calibration-sessions'), expect: 'ok' },
    // The director subtree already has a session this cycle: refused by the domain, past the gate.
    'GET /api/calibration-sessions/calibrator-candidates': { who: 'hr', request: () => get(`/api/calibration-sessions/calibrator-candidates?cycleId=${reviewCycleId}&rootPersonId=${director.id}`), expect: 'ok' },
    'POST /api/calibration-sessions': { who: 'hr', request: () => send('POST', '/api/calibration-sessions', { cycleId: reviewCycleId, rootPersonId: director.id, name: 'Second look', calibratorAccountIds: [org.accounts.hr.id], blind: false }), expect: 'handled' },
    'GET /api/calibration-sessions/{id}': { who: 'hr', request: () => get(s), expect: 'ok' },
    'POST /api/calibration-sessions/{id}/sync': { who: 'hr', request: () => send('POST', `${s}/sync`), expect: 'ok' },
    // Not a blind session: nothing to reveal (409), past the gate.
    'POST /api/calibration-sessions/{id}/reveal': { who: 'hr', request: () => send('POST', `${s}/reveal`), expect: 'handled' },
    'PUT /api/calibration-sessions/{id}/votes': { who: 'otherManager', request: () => send('PUT', `${s}/votes`, { personId: engineers[0]!.id, vote: 'agree' }), expect: 'ok' },
    'POST /api/calibration-sessions/{id}/adjustments': { who: 'hr', request: async () => send('POST', `${s}/adjustments`, { personId: engineers[6]!.id, performance: 4, potential: 3, rationale: 'Led the incident review programme this year.', version: await ratingVersion() }), expect: 'ok' },
    // Everyone proposed HV1, beyond the forced targets: refused with the violations, past the gate.
    'POST /api/calibration-sessions/{id}/finalise': { who: 'hr', request: () => send('POST', `${s}/finalise`), expect: 'handled' },
    'POST /api/calibration-sessions/{id}/deliver': { who: 'hr', request: () => send('POST', `${s}/deliver`), expect: 'handled' },
    'GET /api/calibration-sessions/{id}/export.csv': { who: 'hr', request: () => get(`${s}/export.csv`), expect: 'ok' },
    'GET /api/calibration-sessions/{id}/compare': { who: 'hr', request: () => get(`${s}/compare?policy=humane`), expect: 'ok' },
    'GET /api/calibration-sessions/{id}/bias-audit': { who: 'hr', request: () => get(s + '/bias-audit'), expect: 'ok' },
    'GET /api/people/{id}/rating-history': { who: 'hr', request: () => get(`/api/people/${engineers[0]!.id}/rating-history`), expect: 'ok' },
    // Demographics
    'GET /api/people/{id}/demographics': { who: 'hr', request: () => get(`/api/people/${engineers[0]!.id}/demographics`), expect: 'ok' },
  };
}

const inject = (options: InjectOptions, cookie: string) => app.inject({ ...options, headers: { ...options.headers, cookie } });
const reauthenticate = (cookie: string, password: string, ip = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/reauthenticate', headers: { ...WRITE_HEADERS, cookie }, payload: { password }, remoteAddress: ip });

async function count(table: 'audit_events' | 'pipeline_access_log' | 'sign_in_attempts') {
  return Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
const writesAndReads = async () => ({ audit: await count('audit_events'), pipelineReads: await count('pipeline_access_log') });

function expectReauthenticationRequired(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(401);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json()).toMatchObject({ code: 'REAUTHENTICATION_REQUIRED', status: 401 });
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildOlrOrg(database.db, app, 'stepup');
  await database.db.insertInto('person_attributes').values({ person_id: org.people.engineers[0]!.id, name: 'gender', value: 'female' }).execute();
  reviewCycleId = await launchCycle(app, org, 'amazon', 'Forte 2026 step-up');

  clock.setTime(BASE.getTime()); // manager review: proposals, then a session for the director's organisation
  await org.signIn();
  for (const [i, engineer] of org.people.engineers.entries()) {
    const saved = await http.send(org.cookies.managers[Math.floor(i / 6)]!, 'POST', `/api/cycles/${reviewCycleId}/people/${engineer.id}/proposal/submit`, proposal(4, 2));
    expect(saved.statusCode, saved.body).toBe(200);
  }
  const calibratorAccountIds = [org.accounts.director.id, ...org.accounts.managers.map((m) => m.id), org.accounts.hr.id];
  const created = await http.send(org.cookies.hr, 'POST', '/api/calibration-sessions', { cycleId: reviewCycleId, rootPersonId: org.people.director.id, name: 'Director org', calibratorAccountIds, blind: false });
  expect(created.statusCode, created.body).toBe(201);
  sessionId = created.json().id;

  // A year-old delivered calibration rating engineer 0 LE, and a case for them (amazon), plus a
  // humane case for engineer 1, who sees their own plan.
  pipelineCycleId = await finalisedCalibration(database.db, app, org, { policy: 'amazon', name: 'Forte 2025 step-up', ratings: new Map([[org.people.engineers[0]!.id, 'LE']]) });
  const opened = await http.send(org.cookies.hr, 'POST', '/api/pipeline/cases', { source: 'rating', personId: org.people.engineers[0]!.id, cycleId: pipelineCycleId });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().id;
  const humane = await http.send(org.cookies.hr, 'POST', '/api/pipeline/cases', { source: 'manual', personId: org.people.engineers[1]!.id, reason: 'Delivery slipped for two quarters running', policy: 'humane' });
  expect(humane.statusCode, humane.body).toBe(201);
  humaneCaseId = humane.json().id;

  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Record<string, unknown>>> };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      tags: (operation.tags as string[] | undefined) ?? [],
      marked: operation[STEP_UP_EXTENSION] === true,
      sensitive: SENSITIVE_PATH.test(path) || ((operation.tags as string[] | undefined) ?? []).some((t) => SENSITIVE_TAGS.has(t)),
    })),
  );
}, 120_000);
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('which routes need a recent password proof', () => {
  it('marks every pipeline, calibration and demographics route in the OpenAPI document, except the allowlist', () => {
    const sensitive = operations.filter((o) => o.sensitive);
    expect(sensitive.length).toBeGreaterThan(30);
    expect(sensitive.filter((o) => !o.marked && !NOT_MARKED.has(o.key)).map((o) => o.key), 'sensitive routes without stepUp').toEqual([]);
    expect(operations.filter((o) => o.marked && NOT_MARKED.has(o.key)).map((o) => o.key), 'allowlisted routes that are marked').toEqual([]);
    // Sign-in, re-authentication itself, the directory and reviews are not marked.
    for (const key of ['POST /api/session', 'POST /api/auth/reauthenticate', 'GET /api/me', 'GET /api/people', 'GET /api/people/{id}', 'GET /api/cycles']) {
      expect(operations.find((o) => o.key === key)?.marked, key).toBe(false);
    }
  });

  it('has a sample request for every marked route (add one when marking a new route)', () => {
    const marked = markedHere().map((o) => o.key);
    expect(marked.filter((key) => !samples()[key])).toEqual([]);
    expect(Object.keys(samples()).filter((key) => !marked.includes(key)), 'samples for routes that are not marked').toEqual([]);
  });
});

describe('a stale proof on every marked route', () => {
  it('answers 401 REAUTHENTICATION_REQUIRED reading and writing nothing, then the route’s own answer after re-authenticating', async () => {
    const failures: string[] = [];
    for (const operation of markedHere()) {
      const sample = samples()[operation.key]!;
      const account = accountOf(sample.who);
      clock.setTime(BASE.getTime());
      const cookie = await signInCookie(app, account.email, account.password);
      clock.setTime(STALE.getTime());

      const request = await sample.request();
      const before = await writesAndReads();
      const stale = await inject(request, cookie);
      const after = await writesAndReads();
      if (stale.statusCode !== 401 || stale.json().code !== 'REAUTHENTICATION_REQUIRED') failures.push(`${operation.key} stale: ${stale.statusCode} ${stale.body.slice(0, 200)}`);
      else expectReauthenticationRequired(stale);
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${operation.key} stale: wrote or logged ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);

      const proved = await reauthenticate(cookie, account.password);
      expect(proved.statusCode, proved.body).toBe(200);
      const fresh = await inject(await sample.request(), cookieFrom(proved));
      const allowed = sample.expect === 'ok' ? [200, 201, 204] : [200, 201, 204, 409, 422];
      if (!allowed.includes(fresh.statusCode)) failures.push(`${operation.key} after re-authenticating as ${sample.who}: ${fresh.statusCode} ${fresh.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('the proof', () => {
  it('counts sign-in: a marked route answers until the window ends, then asks', async () => {
    clock.setTime(BASE.getTime());
    const cookie = await signInCookie(app, org.accounts.hr.email, org.accounts.hr.password);
    clock.setTime(BASE.getTime() + DEFAULT_STEP_UP_WINDOW_MS - 1);
    expect((await http.get(cookie, '/api/pipeline/board')).statusCode).toBe(200);
    clock.setTime(BASE.getTime() + DEFAULT_STEP_UP_WINDOW_MS);
    expectReauthenticationRequired(await http.get(cookie, '/api/pipeline/board'));
    // The session itself is still valid: unmarked routes answer.
    expect((await http.get(cookie, '/api/me')).statusCode).toBe(200);
    expect((await http.get(cookie, '/api/people')).statusCode).toBe(200);
  });

  it('guards the creation and rotation of webhook secrets too', async () => {
    const admin = await buildAccount(database.db, { roles: ['admin'] });
    clock.setTime(BASE.getTime());
    const cookie = await signInCookie(app, admin.email, admin.password);
    clock.setTime(STALE.getTime());
    expectReauthenticationRequired(await http.send(cookie, 'POST', '/api/webhook-sources', { name: 'step-up-probe' }));
    expectReauthenticationRequired(await http.send(cookie, 'POST', '/api/webhook-sources/step-up-probe/rotate', {}));
    expect(await database.db.selectFrom('webhook_sources').select('name').where('name', '=', 'step-up-probe').execute()).toEqual([]);
    const proved = await reauthenticate(cookie, admin.password);
    expect(proved.statusCode, proved.body).toBe(200);
    const created = await http.send(cookieFrom(proved), 'POST', '/api/webhook-sources', { name: 'step-up-probe' });
    expect(created.statusCode, created.body).toBe(201);
  });

  it('lets an employee read their own delivered rating without stepping up', async () => {
    clock.setTime(BASE.getTime());
    const cookie = await signInCookie(app, org.accounts.engineers[2]!.email, org.accounts.engineers[2]!.password);
    clock.setTime(STALE.getTime());
    expect((await http.get(cookie, `/api/cycles/${reviewCycleId}/my-rating`)).json().code).not.toBe('REAUTHENTICATION_REQUIRED');
    expectReauthenticationRequired(await http.get(cookie, '/api/pipeline/jury-duties'));
  });

  it('is refused to a request without a session as sign-in required, not as re-authentication', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/pipeline/cases/${humaneCaseId}` });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
    const reauth = await app.inject({ method: 'POST', url: '/api/auth/reauthenticate', headers: WRITE_HEADERS, payload: { password: 'anything at all' } });
    expect(reauth.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/auth/reauthenticate', () => {
  it('rotates the token, keeps the absolute expiry, audits, and makes step-up routes answer', async () => {
    clock.setTime(BASE.getTime());
    const cookie = await signInCookie(app, org.accounts.hr.email, org.accounts.hr.password);
    const tokenOf = (c: string) => hashSessionToken(c.split('=')[1]!);
    const signedIn = await database.db.selectFrom('sessions').select(['expires_at', 'created_at']).where('token_hash', '=', tokenOf(cookie)).executeTakeFirstOrThrow();
    clock.setTime(STALE.getTime());
    const audits = await count('audit_events');

    const proved = await reauthenticate(cookie, org.accounts.hr.password);
    expect(proved.statusCode, proved.body).toBe(200);
    expect(proved.json()).toEqual({ passwordVerifiedAt: STALE.toISOString() });
    const rotated = cookieFrom(proved);
    expect(rotated).not.toBe(cookie);
    expect(String(proved.headers['set-cookie'])).toContain('HttpOnly');
    // The old token is gone: whoever held it before the proof holds nothing now.
    expect((await http.get(cookie, '/api/me')).statusCode).toBe(401);
    expect((await http.get(rotated, '/api/pipeline/board')).statusCode).toBe(200);

    const rows = await database.db.selectFrom('sessions').select(['token_hash', 'created_at', 'expires_at', 'password_verified_at']).where('token_hash', 'in', [tokenOf(cookie), tokenOf(rotated)]).execute();
    expect(rows).toEqual([{ token_hash: tokenOf(rotated), created_at: signedIn.created_at, expires_at: signedIn.expires_at, password_verified_at: STALE }]);
    expect(await count('audit_events')).toBe(audits + 1);
    const event = await database.db.selectFrom('audit_events').select(['action', 'actor_account_id', 'subject_id']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toEqual({ action: 'session.reauthenticated', actor_account_id: org.accounts.hr.id, subject_id: String(org.accounts.hr.id) });
  });

  it('answers a wrong password exactly like a failed sign-in, keeps the session and its staleness, and audits the failure', async () => {
    clock.setTime(BASE.getTime());
    const cookie = await signInCookie(app, org.accounts.director.email, org.accounts.director.password);
    clock.setTime(STALE.getTime());
    const failedSignIn = await app.inject({ method: 'POST', url: '/api/session', headers: WRITE_HEADERS, payload: { email: org.accounts.director.email, password: 'not the password at all' }, remoteAddress: '10.9.9.9' });
    const wrong = await reauthenticate(cookie, 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect({ code: wrong.json().code, detail: wrong.json().detail, title: wrong.json().title }).toEqual({ code: failedSignIn.json().code, detail: failedSignIn.json().detail, title: failedSignIn.json().title });
    expect((await http.get(cookie, '/api/me')).statusCode).toBe(200);
    expectReauthenticationRequired(await http.get(cookie, `/api/calibration-sessions/${sessionId}`));
    const event = await database.db.selectFrom('audit_events').select(['action', 'actor_account_id']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toEqual({ action: 'session.reauthentication_failed', actor_account_id: org.accounts.director.id });
  });

  it('shares the sign-in throttle: five failures lock the account for sign-in and re-authentication alike', async () => {
    const person = await buildPerson(database.db);
    const account = await buildAccount(database.db, { person });
    clock.setTime(BASE.getTime());
    const cookie = await signInCookie(app, account.email, account.password, '10.8.0.1');
    clock.setTime(STALE.getTime());
    const attempts = await count('sign_in_attempts');
    for (let i = 0; i < 5; i++) expect((await reauthenticate(cookie, `wrong guess ${i}`, '10.8.0.1')).statusCode).toBe(401);
    expect(await count('sign_in_attempts')).toBe(attempts + 5);
    // Locked: the right password now fails the same way, here and at sign-in, from any address.
    const locked = await reauthenticate(cookie, account.password, '10.8.0.2');
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('SIGN_IN_FAILED');
    const signIn = await app.inject({ method: 'POST', url: '/api/session', headers: WRITE_HEADERS, payload: { email: account.email, password: account.password }, remoteAddress: '10.8.0.3' });
    expect(signIn.statusCode).toBe(401);
    // Once the window has passed, the proof succeeds.
    clock.setTime(STALE.getTime() + 16 * MINUTE);
    const later = await signInCookie(app, account.email, account.password, '10.8.0.4');
    expect((await reauthenticate(later, account.password, '10.8.0.4')).statusCode).toBe(200);
  });

  it('answers 429 with Retry-After when one address has failed too often', async () => {
    clock.setTime(BASE.getTime());
    const person = await buildPerson(database.db);
    const account = await buildAccount(database.db, { person });
    const cookie = await signInCookie(app, account.email, account.password, '10.7.0.1');
    await database.db
      .insertInto('sign_in_attempts')
      .values(Array.from({ length: 30 }, (_, i) => ({ email: `someone${i}@example.test`, ip: '10.7.0.9', at: BASE, succeeded: false })))
      .execute();
    const throttled = await reauthenticate(cookie, account.password, '10.7.0.9');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBeDefined();
    expect(throttled.json().code).toBe('SIGN_IN_THROTTLED');
  });

  it('refuses a body with anything but the password, storing nothing', async () => {
    clock.setTime(BASE.getTime());
    const cookie = await signInCookie(app, org.accounts.hr.email, org.accounts.hr.password);
    const attempts = await count('sign_in_attempts');
    const response = await app.inject({ method: 'POST', url: '/api/auth/reauthenticate', headers: { ...WRITE_HEADERS, cookie }, payload: { password: org.accounts.hr.password, email: 'x@example.test' } });
    expect(response.statusCode).toBe(400);
    expect(await count('sign_in_attempts')).toBe(attempts);
  });
});
