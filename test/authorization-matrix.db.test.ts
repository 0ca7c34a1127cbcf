import { sessionHandle } from '../src/accounts/my-sessions.service.ts';
import { hashSessionToken } from '../src/accounts/sessions.service.ts';
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
import { buildMetricsMatrixFixtures } from './metrics-matrix.ts';
import { buildAnalyticsMatrixFixtures } from './analytics-matrix.ts';
import { buildGrowthMatrixFixtures } from './growth-helpers.ts';
import { createPacket } from '../src/promotions/packets.service.ts';
import { openCase } from '../src/pipeline/cases.service.ts';

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
  'GET /api/me/sessions': signedIn('allow'),
  'POST /api/me/sessions/end': signedIn('allow'),
  'POST /api/me/sessions/end-others': signedIn('allow'),
  'POST /api/auth/reauthenticate': signedIn('allow'),
  'GET /api/accounts': only('admin'),
  'GET /api/accounts/{id}': only('admin'),
  'POST /api/accounts': only('admin'),
  'PATCH /api/accounts/{id}': only('admin'),
  'GET /api/people': signedIn('allow'),
  // The target sits outside the employee's and the manager's subtrees.
  'GET /api/people/{id}': { anonymous: 'deny', employee: 'allow-without-private', manager: 'allow-without-private', hr: 'allow', admin: 'allow' },
  'GET /api/people/{id}/demographics': only('hr'),
  // Privacy: the target's export is theirs; HR in scope produces it on request (admins do not read
  // reviews). Erasure is the admin's, refused (409) for the target, who has not left.
  'GET /api/people/{id}/data-export': only('hr'),
  'POST /api/people/{id}/erasure': only('admin'),
  'GET /api/teams': signedIn('allow'),
  'GET /api/ladders': signedIn('allow'),
  'POST /api/imports/people': only('admin'),
  // Forte. The employee takes part and was asked for feedback (request R1); the manager manages
  // the engineer whose records {personId} names; HR serves the whole organisation; the admin
  // account has no person and administers, but does not read reviews.
  'GET /api/cycles': signedIn('allow'),
  'POST /api/cycles': only('hr', 'admin'),
  'PATCH /api/cycles/{id}': only('hr', 'admin'),
  // The matrix's cycle is launched: deleting it is refused (409) past authorization.
  'DELETE /api/cycles/{id}': only('hr', 'admin'),
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
  'GET /api/calibration-sessions/calibrator-candidates': only('hr', 'admin'),
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
  // People analytics read demographics: HR only (the admin account has no HR role). The session
  // audit groups by gender: the manager calibrates but does not run it (403), the admin runs it
  // but may not read demographics (403). Themes: `reviewed` is the manager's report; the group
  // themes are the whole cycle's, whose root only HR covers. The lab uses no person's data.
  'GET /api/analytics/attributes': only('hr'),
  'POST /api/analytics/bias-audits': only('hr'),
  'GET /api/analytics/manager-drift': only('hr'),
  'POST /api/analytics/simulations': only('hr', 'admin'),
  'GET /api/calibration-sessions/{id}/bias-audit': only('hr'),
  'POST /api/analytics/datasets': only('hr'),
  'GET /api/analytics/datasets': only('hr'),
  'GET /api/analytics/datasets/{id}': only('hr'),
  'DELETE /api/analytics/datasets/{id}': only('hr'),
  'POST /api/analytics/datasets/{id}/bias-audit': only('hr'),
  'POST /api/analytics/datasets/{id}/manager-drift': only('hr'),
  // Governance analyses: demographics or pipeline data, HR only; sustainable work is team
  // aggregates of operational data, which administrators also read.
  'GET /api/analytics/promotion-velocity': only('hr'),
  'POST /api/analytics/complexity': only('hr'),
  'GET /api/analytics/ura-governance': only('hr'),
  'GET /api/analytics/sustainable-work': only('hr', 'admin'),
  'GET /api/cycles/{id}/themes/me': only('employee', 'manager'),
  'GET /api/cycles/{id}/people/{personId}/themes': only('manager', 'hr'),
  'GET /api/cycles/{id}/themes': only('hr'),
  // Promotions and pay. {id} of a packet is a draft case the manager opened for `reviewed`; the
  // manager reaches the vote's policy rule (422: their own report) while HR and the admin are not
  // committee members. Career and pay of {id} are the target's, under another manager.
  'GET /api/promotion-packets': signedIn('allow'),
  'POST /api/promotion-packets': only('manager'),
  'GET /api/promotion-packets/{id}': only('manager', 'hr', 'admin'),
  'PUT /api/promotion-packets/{id}/sections/{section}': only('manager'),
  'POST /api/promotion-packets/{id}/submit': only('manager'),
  'POST /api/promotion-packets/{id}/withdraw': only('manager'),
  'POST /api/promotion-packets/{id}/committee': only('hr', 'admin'),
  'PUT /api/promotion-packets/{id}/votes': only('manager'),
  'POST /api/promotion-packets/{id}/decision': only('hr', 'admin'),
  'GET /api/people/{id}/career': only('hr', 'admin'),
  'PUT /api/ladders/{key}/levels/{code}': only('admin'),
  'GET /api/people/{id}/compensation': only('hr', 'admin'),
  'POST /api/people/{id}/compensation/changes': only('hr', 'admin'),
  'POST /api/compensation/share-prices': only('hr', 'admin'),
  'GET /api/compensation/budget': only('hr', 'admin'),
  // Pipeline. {id} is a case about the manager's report `reviewed` (amazon: Focus hidden from
  // them); the employee is a peer of theirs with a humane case of their own (my-case). The admin
  // runs the system but is not HR: no pipeline record is theirs to read.
  'GET /api/pipeline/cases': only('manager', 'hr'),
  'POST /api/pipeline/cases': only('manager', 'hr'),
  'POST /api/pipeline/identify': only('hr'),
  'GET /api/pipeline/cases/{id}': only('manager', 'hr'),
  'POST /api/pipeline/cases/{id}/transitions': only('manager', 'hr'),
  'GET /api/pipeline/cases/{id}/access-log': only('hr'),
  'GET /api/pipeline/cases/{id}/severance': only('hr'),
  'GET /api/pipeline/my-case': only('employee'),
  'GET /api/pipeline/board': only('hr'),
  'GET /api/pipeline/jury-duties': signedIn('allow'),
  'GET /api/ura/exits': only('hr'),
  'POST /api/ura/exits': only('hr'),
  'PUT /api/ura/targets': only('hr'),
  'GET /api/ura/dashboard': only('hr'),
  'GET /api/ura/hire-to-fire': only('hr'),
  'POST /api/transfer-requests': only('manager', 'hr'),
  'GET /api/transfer-requests': signedIn('allow'),
  // Growth between cycles (active policy: amazon). {id} is the manager's report `reviewed`, in a
  // team with the employee; the pulse asks that team and is open; HR runs the workshop and the
  // manager rates in it; nobody in the matrix is a skip-level leader of `reviewed`.
  'GET /api/people/{id}/goals': only('manager', 'hr'),
  'POST /api/people/{id}/goals': only('manager'),
  'POST /api/people/{id}/goals/close-quarter': only('manager'),
  'GET /api/teams/{id}/goals': signedIn('allow'),
  'POST /api/teams/{id}/goals': only('manager', 'hr', 'admin'),
  'PATCH /api/goals/{id}': only('manager'),
  'GET /api/growth/overview': signedIn('allow'),
  'POST /api/growth/reminders': only('hr', 'admin'),
  'GET /api/people/{id}/check-ins': only('manager', 'hr'),
  'GET /api/people/{id}/check-ins/agenda': only('manager'),
  'POST /api/people/{id}/check-ins': only('manager'),
  'GET /api/people/{id}/living-document': only('manager', 'hr'),
  'POST /api/people/{id}/living-document/items': only('manager'),
  'DELETE /api/living-document/items/{id}': only('manager'),
  'PUT /api/people/{id}/living-document/exclusions': only('manager'),
  'GET /api/people/{id}/evidence-packet': only('manager', 'hr'),
  'GET /api/people/{id}/development-plans': only('manager', 'hr'),
  'POST /api/people/{id}/development-plans': only('manager'),
  'PATCH /api/development-plans/{id}': only('manager'),
  'GET /api/pulses': signedIn('allow'),
  'POST /api/pulses': only('manager', 'hr', 'admin'),
  'GET /api/pulses/{id}': only('employee', 'manager', 'hr', 'admin'),
  'POST /api/pulses/{id}/responses': only('employee'),
  // Open pulse: readers get past authorization to PULSE_OPEN (409); the employee is no reader.
  'GET /api/pulses/{id}/results': only('manager', 'hr', 'admin'),
  'GET /api/teams/{id}/health': only('employee', 'manager', 'hr', 'admin'),
  'GET /api/people/{id}/skip-level-notes': only('hr'),
  'POST /api/people/{id}/skip-level-notes': only(),
  'GET /api/workshops': signedIn('allow'),
  'POST /api/workshops': only('manager', 'hr', 'admin'),
  'GET /api/workshops/{id}': only('manager', 'hr', 'admin'),
  'PUT /api/workshops/{id}/ratings': only('manager'),
  'POST /api/workshops/{id}/reveal': only('hr', 'admin'),
  // Engineering metrics. Team outcomes and organisation-level AI adoption are context for every
  // signed-in person; one person's signals, AI usage and team context are the person's, their
  // chain's and HR's (the target sits under another manager; admins administer, they do not read
  // people's records). The webhook takes no session: without a valid signature it is 401 for all.
  'GET /api/metrics/teams': signedIn('allow'),
  'GET /api/metrics/teams/{id}/dora': signedIn('allow'),
  'GET /api/metrics/teams/{id}/dora/drilldown': signedIn('allow'),
  'GET /api/metrics/teams/{id}/slos': signedIn('allow'),
  'GET /api/metrics/ai-adoption': signedIn('allow'),
  'GET /api/metrics/people/{id}/ai-usage': only('hr'),
  'GET /api/metrics/people/{id}/code-signals': only('hr'),
  'GET /api/metrics/people/{id}/team-context': only('hr'),
  'POST /api/metrics/webhooks/{source}': all('deny'),
  'GET /api/metrics/teams/{id}/operations': signedIn('allow'),
  // Source identities: the matrix's target is outside the employee's and manager's reach.
  'GET /api/metrics/identities/unmapped': only('hr', 'admin'),
  'GET /api/metrics/people/{id}/identities': only('hr', 'admin'),
  'PUT /api/metrics/people/{id}/identities': only('hr', 'admin'),
  'DELETE /api/metrics/people/{id}/identities': only('hr', 'admin'),
  'GET /api/webhook-sources': only('admin'),
  'POST /api/webhook-sources': only('admin'),
  'POST /api/webhook-sources/{name}/rotate': only('admin'),
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
let analytics: Awaited<ReturnType<typeof buildAnalyticsMatrixFixtures>>;
let growth: Awaited<ReturnType<typeof buildGrowthMatrixFixtures>>;
let metrics: Awaited<ReturnType<typeof buildMetricsMatrixFixtures>>;
let pipelineCaseId: number;
let otherManagerId: number;
const accounts = {} as Record<Exclude<Who, 'anonymous'>, { email: string; password: string }>;
let counter = 0;
let packetId: number;

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
  analytics = await buildAnalyticsMatrixFixtures(db, { hrActor, cycleId, now });
  growth = await buildGrowthMatrixFixtures(db, { reviewed, employee: engineer, cycleId, hrAccountId: (await db.selectFrom('accounts').select('id').where('email', '=', accounts.hr.email).executeTakeFirstOrThrow()).id, managerAccountId: managerActor.accountId, otherAccountId: targetAccountId, now });
  packetId = (await createPacket(db, { actor: managerActor, candidateId: reviewed.id, now })).id;
  otherManagerId = otherManager.id;
  metrics = await buildMetricsMatrixFixtures(db);
  pipelineCaseId = (await openCase(db, { actor: hrActor, input: { source: 'manual', personId: reviewed.id, reason: 'Missed three quarterly commitments in a row', policy: 'amazon' }, now })).id;
  await openCase(db, { actor: hrActor, input: { source: 'manual', personId: engineer.id, reason: 'Delivery slipped for two quarters running', policy: 'humane' }, now });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function pathId(route: string): number {
  if (analytics.pathIds[route] !== undefined) return analytics.pathIds[route]!;
  if (growth.pathIds[route] !== undefined) return growth.pathIds[route]!;
  if (metrics.pathIds[route] !== undefined) return metrics.pathIds[route]!;
  if (route.includes('/accounts/')) return targetAccountId;
  if (route.includes('/cycles/')) return cycleId;
  if (route.includes('/calibration-sessions/')) return sessionId;
  if (route.includes('/promotion-packets/')) return packetId;
  if (route.includes('/pipeline/cases/')) return pipelineCaseId;
  if (route === 'DELETE /api/peer-requests/{id}') return requestToWithdraw;
  if (route.includes('/peer-requests/')) return requestToEmployee;
  return target.id;
}

const LADDER_L8 = { scope: 'Company-wide technical strategy in a domain.', autonomy: 'Sets multi-year direction.', technicalDepth: 'Industry-level expertise.', influence: 'Company-wide and externally.', mentorship: 'Mentors principals.', operations: 'Owns the operational posture of a major business.' };
const ANSWERS = { superpowers: 'Calm, clear incident command.', improvements: 'Write the design down earlier.', lpsChampioned: ['Ownership'], lpsToImprove: [] };
const PROPOSAL = { performance: 4, potential: 2, principles: {}, justification: 'A solid year of delivery and operations.', evidence: { byDimension: {}, impactExamples: [], peerFeedbackThemes: '', logNoteIds: [], systemMetrics: [], multiplierImpact: '' } };
const REVIEW = { narrative: 'A strong year.', strengths: 'Operations', growthAreas: 'Scope', evidenceLinks: [] };

function sampleRequest(route: string, who: Who): InjectOptions {
  const [method, path] = route.split(' ') as [InjectOptions['method'], string];
  const url = path.replace('{id}', String(pathId(route))).replace('{personId}', String(reviewed.id));
  const account = who === 'anonymous' ? accounts.employee : accounts[who];
  const bodies: Record<string, unknown> = {
    ...analytics.bodies,
    ...growth.bodies,
    ...metrics.bodies,
    'POST /api/session': { email: account.email, password: account.password },
    'POST /api/me/password': { currentPassword: account.password, newPassword: account.password },
    'POST /api/auth/reauthenticate': { password: account.password },
    'POST /api/accounts': { email: `new${++counter}@example.test`, name: 'New Person', password: 'a sensible long passphrase', roles: ['employee'] },
    'PATCH /api/accounts/{id}': { name: `Renamed ${++counter}` },
    'POST /api/cycles': { name: `Cycle ${++counter}`, rootPersonId: target.id, policy: 'humane' },
    'PATCH /api/cycles/{id}': { name: 'Matrix cycle' },
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
    'POST /api/promotion-packets': { candidateId: reviewed.id },
    'PUT /api/promotion-packets/{id}/votes': { vote: 'approve', feedback: 'Ready.' },
    'POST /api/promotion-packets/{id}/committee': { memberAccountIds: [targetAccountId] },
    'POST /api/promotion-packets/{id}/decision': { outcome: 'not_approved', feedback: 'Lead one design end to end, with a reviewed document.' },
    'POST /api/people/{id}/compensation/changes': { kind: 'hire', effectiveOn: '2026-03-02', baseCents: 15_000_000, sharePriceCents: 10_000 },
    'POST /api/compensation/share-prices': { priceCents: 10_000, asOf: '2026-03-01' },
    'PUT /api/cycles/{id}/people/{personId}/proposal': PROPOSAL,
    'POST /api/cycles/{id}/people/{personId}/proposal/submit': PROPOSAL,
    'POST /api/calibration-sessions': { cycleId, rootPersonId: topId, name: `Session ${++counter}`, calibratorAccountIds: [targetAccountId] },
    'PUT /api/calibration-sessions/{id}/votes': { personId: reviewed.id, vote: 'agree' },
    'POST /api/pipeline/cases': { source: 'manual', personId: reviewed.id, reason: 'Missed three quarterly commitments in a row' },
    'POST /api/pipeline/identify': { cycleId },
    // Not a step from identification: refused with 409, past authorization.
    'POST /api/pipeline/cases/{id}/transitions': { version: 1, step: { type: 'checkIn', note: 'A check-in.' } },
    'POST /api/people/{id}/erasure': { confirm: true },
    'POST /api/ura/exits': { personId: target.id, exitDate: '2026-01-15', kind: 'voluntary', regretted: true, reason: 'Moved abroad' },
    'PUT /api/ura/targets': { rootPersonId: topId, year: 2027, targetPercent: 6 },
    'POST /api/transfer-requests': { personId: reviewed.id, toManagerId: otherManagerId, note: 'Wants to join the other team.' },
    // Version 1 the first time; later ones meet a version conflict (409), still past authorization.
    'POST /api/calibration-sessions/{id}/adjustments': { personId: reviewed.id, performance: 4, potential: 3, rationale: 'Led the incident programme this year.', version: 1 },
  };
  if (analytics.requests[route]) return analytics.requests[route](url);
  if (metrics.requests[route]) return metrics.requests[route](url);
  if (route === 'GET /api/calibration-sessions/{id}/compare') return { method, url: `${url}?policy=humane` };
  if (route === 'GET /api/calibration-sessions/calibrator-candidates') return { method, url: `${url}?cycleId=${cycleId}&rootPersonId=${topId}` };
  if (route === 'PUT /api/promotion-packets/{id}/sections/{section}') return { method, url: url.replace('{section}', 'impact'), headers: WRITE_HEADERS, payload: { text: 'Shipped the ledger.', evidence: [], version: 0 } };
  if (route === 'PUT /api/ladders/{key}/levels/{code}') return { method, url: '/api/ladders/sde/levels/L8', headers: WRITE_HEADERS, payload: { title: 'Senior Principal', expectations: { ...LADDER_L8, exampleBehaviours: ['Defines a technical strategy adopted across the company'] }, version: 1 } };
  if (route === 'GET /api/compensation/budget') return { method, url: `${url}?rootPersonId=${topId}&sharePriceCents=10000` };
  if (route === 'GET /api/pipeline/cases/{id}/severance') return { method, url: `${url}?annualBasePayCents=10000000` };
  if (route === 'GET /api/ura/dashboard') return { method, url: `${url}?year=2027` };
  if (route === 'GET /api/ura/hire-to-fire') return { method, url: `${url}?cycleId=${cycleId}` };
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

// Signing in costs an argon2 verification (tens of milliseconds); the matrix has thousands of
// cases, so each role signs in once and keeps its session, except after a route that can end it.
const SESSION_ENDING = new Set(['DELETE /api/session', 'POST /api/me/password', 'POST /api/me/sessions/end', 'PATCH /api/accounts/{id}', 'POST /api/session', 'POST /api/auth/reauthenticate']);
const sessionCookies = new Map<Who, string>();
async function cookieFor(who: Exclude<Who, 'anonymous'>): Promise<string> {
  let cookie = sessionCookies.get(who);
  if (!cookie) {
    cookie = await signInCookie(app, accounts[who].email, accounts[who].password);
    sessionCookies.set(who, cookie);
  }
  return cookie;
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
          request.headers = { ...request.headers, cookie: await cookieFor(who) };
        }
        // Ending one of one's own sessions needs its handle: the caller's current one.
        if (route === 'POST /api/me/sessions/end') {
          const token = String(request.headers?.cookie ?? '').split('=')[1] ?? 'none';
          request.payload = { handle: sessionHandle(hashSessionToken(token)) };
        }
        const response = await app.inject(request);
        // A route that may end or rotate the caller's session makes the next case sign in afresh.
        if (who !== 'anonymous' && SESSION_ENDING.has(route)) sessionCookies.delete(who);
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
