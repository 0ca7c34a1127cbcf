import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { openTestDatabase } from './db.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie, startTestServer, WRITE_HEADERS } from './server.ts';
import { loadActor } from '../src/accounts/actor.ts';
import { createCycle, launchCycle } from '../src/cycles/cycles.service.ts';
import { requestPeers } from '../src/cycles/peer-requests.service.ts';
import { createSession } from '../src/calibration/sessions.service.ts';

/**
 * Every route of the OpenAPI document against every role and no session. A route missing
 * from EXPECTATIONS fails the suite: new routes must state who may call them.
 */
type Outcome = 'allow' | 'deny' | 'allow-without-private';
type Who = 'anonymous' | 'employee' | 'manager' | 'hr' | 'admin';
const WHO: Who[] = ['anonymous', 'employee', 'manager', 'hr', 'admin'];

const all = (outcome: Outcome): Record<Who, Outcome> => ({ anonymous: outcome, employee: outcome, manager: outcome, hr: outcome, admin: outcome });
const signedIn = (outcome: Outcome): Record<Who, Outcome> => ({ ...all(outcome), anonymous: 'deny' });
const only = (...roles: Who[]): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, roles.includes(w) ? 'allow' : 'deny'])) as Record<Who, Outcome>;

const EXPECTATIONS: Record<string, Record<Who, Outcome>> = {
  'GET /api/health': all('allow'),
  'GET /api/ready': all('allow'),
  'POST /api/session': all('allow'),
  'DELETE /api/session': signedIn('allow'),
  'GET /api/me': signedIn('allow'),
  'POST /api/me/password': signedIn('allow'),
  'GET /api/accounts': only('admin'),
  'GET /api/accounts/{id}': only('admin'),
  'POST /api/accounts': only('admin'),
  'PATCH /api/accounts/{id}': only('admin'),
  'GET /api/people': signedIn('allow'),
  // The target sits outside the employee's and the manager's subtrees.
  'GET /api/people/{id}': { anonymous: 'deny', employee: 'allow-without-private', manager: 'allow-without-private', hr: 'allow', admin: 'allow' },
  'GET /api/people/{id}/demographics': only('hr'),
  'GET /api/teams': signedIn('allow'),
  'GET /api/ladders': signedIn('allow'),
  'POST /api/imports/people': only('admin'),
  // Forte. The employee takes part and was asked for feedback (request R1); the manager manages
  // the engineer whose records {personId} names; HR serves the whole organisation; the admin
  // account has no person and administers, but does not read reviews.
  'GET /api/cycles': signedIn('allow'),
  'POST /api/cycles': only('hr', 'admin'),
  'GET /api/cycles/{id}': signedIn('allow'),
  'POST /api/cycles/{id}/launch': only('hr', 'admin'),
  'POST /api/cycles/{id}/advance': only('hr', 'admin'),
  'POST /api/cycles/{id}/participants/sync': only('hr', 'admin'),
  'GET /api/cycles/{id}/progress': only('manager', 'hr', 'admin'),
  'POST /api/cycles/{id}/reminders': only('hr', 'admin'),
  'GET /api/cycles/{id}/tasks': only('employee', 'manager'),
  'GET /api/cycles/{id}/self-review': only('employee', 'manager'),
  'PUT /api/cycles/{id}/self-review': only('employee', 'manager'),
  'POST /api/cycles/{id}/self-review/submit': only('employee', 'manager'),
  'GET /api/cycles/{id}/people/{personId}/self-review': only('manager', 'hr'),
  'GET /api/cycles/{id}/peer-requests': only('employee', 'manager'),
  'POST /api/cycles/{id}/peer-requests': only('employee', 'manager'),
  'POST /api/cycles/{id}/peer-requests/approve': only('manager'),
  'DELETE /api/peer-requests/{id}': only('manager'),
  'POST /api/peer-requests/{id}/respond': only('employee'),
  'GET /api/peer-requests/{id}/feedback': only('employee'),
  'PUT /api/peer-requests/{id}/feedback': only('employee'),
  'POST /api/peer-requests/{id}/feedback/submit': only('employee'),
  'GET /api/cycles/{id}/feedback/received': only('employee', 'manager'),
  'GET /api/cycles/{id}/feedback/received.csv': only('employee', 'manager'),
  'GET /api/cycles/{id}/people/{personId}/feedback': only('manager', 'hr'),
  'GET /api/cycles/{id}/people/{personId}/manager-review': only('manager', 'hr'),
  'PUT /api/cycles/{id}/people/{personId}/manager-review': only('manager'),
  'POST /api/cycles/{id}/people/{personId}/manager-review/submit': only('manager'),
  'GET /api/people/{id}/log': only('hr'),
  'POST /api/people/{id}/log': only(),
  'GET /api/notifications': signedIn('allow'),
  'POST /api/notifications/read': signedIn('allow'),
  'GET /api/policies': signedIn('allow'),
  // OLR. The manager proposed {personId}'s rating and is the session's one calibrator; HR (whole
  // organisation) and the admin run sessions; the employee neither calibrates nor runs one.
  'GET /api/cycles/{id}/proposals': only('employee', 'manager'),
  'GET /api/cycles/{id}/people/{personId}/proposal': only('manager', 'hr'),
  'PUT /api/cycles/{id}/people/{personId}/proposal': only('manager'),
  'POST /api/cycles/{id}/people/{personId}/proposal/submit': only('manager'),
  'GET /api/calibration-sessions': signedIn('allow'),
  'POST /api/calibration-sessions': only('hr', 'admin'),
  'GET /api/calibration-sessions/{id}': only('manager', 'hr', 'admin'),
  'POST /api/calibration-sessions/{id}/sync': only('hr', 'admin'),
  'POST /api/calibration-sessions/{id}/reveal': only('hr', 'admin'),
  'PUT /api/calibration-sessions/{id}/votes': only('manager'),
  'POST /api/calibration-sessions/{id}/adjustments': only('manager', 'hr', 'admin'),
  'GET /api/calibration-sessions/{id}/compare': only('manager', 'hr', 'admin'),
  'GET /api/calibration-sessions/{id}/export.csv': only('hr', 'admin'),
  'POST /api/calibration-sessions/{id}/finalise': only('hr', 'admin'),
  'POST /api/calibration-sessions/{id}/deliver': only('hr', 'admin'),
  'GET /api/cycles/{id}/my-rating': only('employee', 'manager'),
  // The target sits under another manager: only HR in scope reads the history.
  'GET /api/people/{id}/rating-history': only('hr'),
};

let database: Database;
let app: FastifyInstance;
let target: BuiltPerson;
let targetAccountId: number;
let reviewed: BuiltPerson;
let cycleId: number;
let requestToEmployee: number;
let requestToWithdraw: number;
let sessionId: number;
let topId: number;
const accounts = {} as Record<Exclude<Who, 'anonymous'>, { email: string; password: string }>;
let counter = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  const top = await buildPerson(db, { level: 'L8' });
  const manager = await buildPerson(db, { manager: top, level: 'L6' });
  const engineer = await buildPerson(db, { manager, level: 'L5' });
  const otherManager = await buildPerson(db, { manager: top, level: 'L6' });
  target = await buildPerson(db, { manager: otherManager, level: 'L5', attributes: { gender: 'female' } });
  accounts.employee = await buildAccount(db, { person: engineer });
  accounts.manager = await buildAccount(db, { person: manager });
  accounts.hr = await buildAccount(db, { roles: ['hr'] });
  accounts.admin = await buildAccount(db, { roles: ['admin'] });
  targetAccountId = (await buildAccount(db, { person: target })).id;
  reviewed = await buildPerson(db, { manager, level: 'L5' });
  const colleague = await buildPerson(db, { manager, level: 'L4' });

  const hrActor = (await loadActor(db, (await buildAccount(db, { roles: ['hr'] })).id))!;
  const managerActor = (await loadActor(db, (await db.selectFrom('accounts').select('id').where('person_id', '=', manager.id).executeTakeFirstOrThrow()).id))!;
  const now = new Date();
  cycleId = await createCycle(db, { actor: hrActor, name: 'Matrix cycle', rootPersonId: top.id, policyKey: 'amazon', now });
  await launchCycle(db, { actor: hrActor, cycleId, now });
  await requestPeers(db, { actor: managerActor, cycleId, subjectId: reviewed.id, reviewerIds: [engineer.id, colleague.id], now });
  const requests = await db.selectFrom('peer_requests').select(['id', 'reviewer_id']).where('subject_id', '=', reviewed.id).execute();
  requestToEmployee = requests.find((r) => r.reviewer_id === engineer.id)!.id;
  requestToWithdraw = requests.find((r) => r.reviewer_id === colleague.id)!.id;
  // A submitted proposal (written directly: the cycle is still in self review) and a session
  // with the manager as its calibrator.
  await db.insertInto('rating_proposals').values({ cycle_id: cycleId, person_id: reviewed.id, author_id: manager.id, principles: '{}', performance: 4, potential: 2, justification: 'A solid year of delivery.', evidence: JSON.stringify({ byDimension: {}, impactExamples: [], peerFeedbackThemes: '', logNoteIds: [], systemMetrics: [], multiplierImpact: '' }), status: 'submitted' }).execute();
  sessionId = (await createSession(db, { actor: hrActor, input: { cycleId, rootPersonId: top.id, name: 'Matrix session', calibratorAccountIds: [managerActor.accountId], blind: false }, now })).id;
  topId = top.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function pathId(route: string): number {
  if (route.includes('/accounts/')) return targetAccountId;
  if (route.includes('/cycles/')) return cycleId;
  if (route.includes('/calibration-sessions/')) return sessionId;
  if (route === 'DELETE /api/peer-requests/{id}') return requestToWithdraw;
  if (route.includes('/peer-requests/')) return requestToEmployee;
  return target.id;
}

const ANSWERS = { superpowers: 'Calm, clear incident command.', improvements: 'Write the design down earlier.', lpsChampioned: ['Ownership'], lpsToImprove: [] };
const PROPOSAL = { performance: 4, potential: 2, principles: {}, justification: 'A solid year of delivery and operations.', evidence: { byDimension: {}, impactExamples: [], peerFeedbackThemes: '', logNoteIds: [], systemMetrics: [], multiplierImpact: '' } };
const REVIEW = { narrative: 'A strong year.', strengths: 'Operations', growthAreas: 'Scope', evidenceLinks: [] };

function sampleRequest(route: string, who: Who): InjectOptions {
  const [method, path] = route.split(' ') as [InjectOptions['method'], string];
  const url = path.replace('{id}', String(pathId(route))).replace('{personId}', String(reviewed.id));
  const account = who === 'anonymous' ? accounts.employee : accounts[who];
  const bodies: Record<string, unknown> = {
    'POST /api/session': { email: account.email, password: account.password },
    'POST /api/me/password': { currentPassword: account.password, newPassword: account.password },
    'POST /api/accounts': { email: `new${++counter}@example.test`, name: 'New Person', password: 'a sensible long passphrase', roles: ['employee'] },
    'PATCH /api/accounts/{id}': { name: `Renamed ${++counter}` },
    'POST /api/cycles': { name: `Cycle ${++counter}`, rootPersonId: target.id, policy: 'humane' },
    'PUT /api/cycles/{id}/self-review': { body: 'Draft', principles: [] },
    'POST /api/cycles/{id}/self-review/submit': { body: 'Done', principles: [{ principle: 'Ownership', example: 'Owned it' }] },
    'POST /api/cycles/{id}/peer-requests': { reviewerIds: [target.id] },
    'POST /api/cycles/{id}/peer-requests/approve': { subjectId: reviewed.id },
    'POST /api/peer-requests/{id}/respond': { accept: true },
    'PUT /api/peer-requests/{id}/feedback': ANSWERS,
    'POST /api/peer-requests/{id}/feedback/submit': ANSWERS,
    'PUT /api/cycles/{id}/people/{personId}/manager-review': REVIEW,
    'POST /api/cycles/{id}/people/{personId}/manager-review/submit': REVIEW,
    'POST /api/people/{id}/log': { kind: 'win', occurredOn: '2026-01-05', body: 'Shipped the ledger.' },
    'POST /api/notifications/read': { ids: [1] },
    'PUT /api/cycles/{id}/people/{personId}/proposal': PROPOSAL,
    'POST /api/cycles/{id}/people/{personId}/proposal/submit': PROPOSAL,
    'POST /api/calibration-sessions': { cycleId, rootPersonId: topId, name: `Session ${++counter}`, calibratorAccountIds: [targetAccountId] },
    'PUT /api/calibration-sessions/{id}/votes': { personId: reviewed.id, vote: 'agree' },
    // Version 1 the first time; later ones meet a version conflict (409), still past authorization.
    'POST /api/calibration-sessions/{id}/adjustments': { personId: reviewed.id, performance: 4, potential: 3, rationale: 'Led the incident programme this year.', version: 1 },
  };
  if (route === 'GET /api/calibration-sessions/{id}/compare') return { method, url: `${url}?policy=humane` };
  if (route === 'POST /api/imports/people') {
    return {
      method,
      url: `${url}?dryRun=true`,
      headers: { ...WRITE_HEADERS, 'content-type': 'text/csv' },
      payload: 'employee_id,name,email,manager_id,level,hire_date\nZ1,Zed,zed@example.test,,L5,2020-01-01\n',
    };
  }
  return { method, url, headers: method === 'GET' ? {} : WRITE_HEADERS, ...(bodies[route] ? { payload: bodies[route] as object } : {}) };
}

describe('authorization matrix', () => {
  it('covers every route in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !EXPECTATIONS[r]), 'routes without an authorization expectation').toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((r) => !routes.includes(r)), 'expectations for routes that no longer exist').toEqual([]);
  });

  for (const [route, expected] of Object.entries(EXPECTATIONS)) {
    for (const who of WHO) {
      it(`${route} as ${who}: ${expected[who]}`, async () => {
        const request = sampleRequest(route, who);
        if (who !== 'anonymous' && route !== 'POST /api/session') {
          const account = accounts[who];
          request.headers = { ...request.headers, cookie: await signInCookie(app, account.email, account.password) };
        }
        const response = await app.inject(request);
        if (expected[who] === 'deny') {
          expect([401, 403, 404], response.body).toContain(response.statusCode);
          expect(response.body).not.toContain('"private"');
          expect(response.body).not.toContain('female');
          if (who === 'anonymous') expect(response.statusCode).toBe(401);
        } else {
          // Allowed through authorization: success, or a domain rule's answer (409, 422), never 401/403/404.
          expect([200, 201, 204, 409, 422], response.body).toContain(response.statusCode);
          if (expected[who] === 'allow-without-private') expect(response.json()).not.toHaveProperty('private');
          if (route === 'GET /api/people/{id}' && expected[who] === 'allow') expect(response.json()).toHaveProperty('private');
        }
      });
    }
  }
});
