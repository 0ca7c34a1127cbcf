import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { openTestDatabase } from './db.ts';
import { startTestServer, WRITE_HEADERS } from './server.ts';
import { buildRelationshipOrg, PEER_AUTHOR, RELATIONSHIPS, SECRETS, type Relationship, type RelationshipOrg } from './relationship-org.ts';

/**
 * Every route that takes an id (a path parameter in /api/openapi.json), called with target T's
 * object by each relationship to T (self, direct manager, skip-level manager, peer, unrelated
 * employee, a manager in another organisation, HR with T in scope and out of scope, admin, no
 * session). Denied callers get 401/403/404 and a body holding none of T's values; allowed
 * callers get past authorization, and see only the fields their relationship allows.
 * test/authorization-matrix.db.test.ts checks every route by role; this file checks relationships.
 */

type Allowed = readonly Relationship[];
const nobody: Allowed = [];
const chain = ['manager', 'skip'] as const;

const EXPECTATIONS: Record<string, Allowed> = {
  // Accounts: administration, by account id (T's account).
  'GET /api/accounts/{id}': ['admin'],
  'PATCH /api/accounts/{id}': ['admin'],
  // People: the directory entry is everyone's; its private block is checked in FIELD_RULES.
  'GET /api/people/{id}': ['self', ...chain, 'peer', 'unrelated', 'xManager', 'hrIn', 'hrOut', 'admin'],
  'GET /api/people/{id}/demographics': ['hrIn'],
  // Privacy: T's data export is T's own view, for T and HR in scope (on T's request); erasing
  // is the admin's (at the end: refused with 409 while T has not left, past authorization).
  'GET /api/people/{id}/data-export': ['self', 'hrIn'],
  // Cycles ({id} is T's cycle, rooted at R). Participants see the cycle; HR in scope and admins run it.
  'GET /api/cycles/{id}': ['self', ...chain, 'peer', 'unrelated', 'hrIn', 'admin'],
  'GET /api/cycles/{id}/progress': [...chain, 'hrIn', 'admin'],
  'GET /api/cycles/{id}/tasks': ['self', ...chain, 'peer', 'unrelated'],
  'GET /api/cycles/{id}/self-review': ['self', ...chain, 'peer', 'unrelated'],
  'GET /api/cycles/{id}/people/{personId}/self-review': ['self', ...chain, 'hrIn'],
  'GET /api/cycles/{id}/peer-requests': ['self', ...chain, 'peer', 'unrelated'],
  'GET /api/cycles/{id}/feedback/received': ['self', ...chain, 'peer', 'unrelated'],
  'GET /api/cycles/{id}/feedback/received.csv': ['self', ...chain, 'peer', 'unrelated'],
  'GET /api/cycles/{id}/people/{personId}/feedback': [...chain, 'hrIn'],
  // T reads their own review's status; its text only once delivered (FIELD_RULES).
  'GET /api/cycles/{id}/people/{personId}/manager-review': ['self', ...chain, 'hrIn'],
  'GET /api/peer-requests/{id}/feedback': ['peer'],
  'GET /api/people/{id}/log': ['self', ...chain, 'hrIn'],
  'GET /api/cycles/{id}/proposals': ['self', ...chain, 'peer', 'unrelated'],
  'GET /api/cycles/{id}/people/{personId}/proposal': [...chain, 'hrIn'],
  'GET /api/calibration-sessions/{id}': ['skip', 'hrIn', 'admin'],
  'GET /api/calibration-sessions/{id}/compare': ['skip', 'hrIn', 'admin'],
  'GET /api/calibration-sessions/{id}/export.csv': ['hrIn', 'admin'],
  'GET /api/calibration-sessions/{id}/bias-audit': ['hrIn'],
  'GET /api/cycles/{id}/my-rating': ['self', ...chain, 'peer', 'unrelated'],
  // Calibration history (who changed T's rating, why): chain and HR in scope, not T.
  'GET /api/people/{id}/rating-history': [...chain, 'hrIn'],
  'GET /api/cycles/{id}/themes/me': ['self', ...chain, 'peer', 'unrelated'],
  'GET /api/cycles/{id}/people/{personId}/themes': [...chain, 'hrIn'],
  'GET /api/cycles/{id}/themes': ['hrIn'],
  'GET /api/analytics/datasets/{id}': ['hrIn'],
  // Promotions and pay.
  'GET /api/promotion-packets/{id}': ['self', ...chain, 'hrIn', 'admin'],
  'GET /api/people/{id}/career': ['self', ...chain, 'hrIn', 'admin'],
  // The amazon pay preset lets the chain read pay (humane does not).
  'GET /api/people/{id}/compensation': ['self', ...chain, 'hrIn', 'admin'],
  // Pipeline: chain and HR in scope; admins are not HR.
  'GET /api/pipeline/cases/{id}': [...chain, 'hrIn'],
  'GET /api/pipeline/cases/{id}/access-log': ['hrIn'],
  'GET /api/pipeline/cases/{id}/severance': ['hrIn'],
  // Growth.
  'GET /api/people/{id}/goals': ['self', ...chain, 'hrIn'],
  // T's team: its members, the chain above one, HR covering one, admins.
  'GET /api/teams/{id}/goals': ['self', ...chain, 'peer', 'hrIn', 'admin'],
  // Check-ins are between T and the direct manager (and HR per policy), not the skip level.
  'GET /api/people/{id}/check-ins': ['self', 'manager', 'hrIn'],
  'GET /api/people/{id}/check-ins/agenda': ['self', 'manager'],
  'GET /api/people/{id}/living-document': ['self', ...chain, 'hrIn'],
  'GET /api/people/{id}/evidence-packet': [...chain, 'hrIn'],
  'GET /api/people/{id}/development-plans': ['self', ...chain, 'hrIn'],
  'GET /api/pulses/{id}': ['self', ...chain, 'peer', 'hrIn', 'admin'],
  'GET /api/pulses/{id}/results': [...chain, 'hrIn', 'admin'],
  'GET /api/teams/{id}/health': ['self', ...chain, 'peer', 'hrIn', 'admin'],
  'GET /api/people/{id}/skip-level-notes': ['skip', 'hrIn'],
  // A workshop run by HR in scope with T's manager as its one rater.
  'GET /api/workshops/{id}': ['manager', 'hrIn', 'admin'],
  // Engineering metrics: team outcomes are everyone's; one person's signals are theirs, their chain's and HR's.
  'GET /api/metrics/teams/{id}/dora': ['self', ...chain, 'peer', 'unrelated', 'xManager', 'hrIn', 'hrOut', 'admin'],
  'GET /api/metrics/teams/{id}/dora/drilldown': ['self', ...chain, 'peer', 'unrelated', 'xManager', 'hrIn', 'hrOut', 'admin'],
  'GET /api/metrics/teams/{id}/slos': ['self', ...chain, 'peer', 'unrelated', 'xManager', 'hrIn', 'hrOut', 'admin'],
  'GET /api/metrics/people/{id}/ai-usage': ['self', 'hrIn'],
  'GET /api/metrics/people/{id}/code-signals': ['self', ...chain, 'hrIn'],
  'GET /api/metrics/people/{id}/team-context': ['self', ...chain, 'hrIn'],
  'GET /api/metrics/teams/{id}/operations': ['self', ...chain, 'peer', 'unrelated', 'xManager', 'hrIn', 'hrOut', 'admin'],
  // Source identities: T, HR in scope and admins read them; HR in scope and admins map them.
  'GET /api/metrics/people/{id}/identities': ['self', 'hrIn', 'admin'],

  // Writes, in an order where earlier ones do not stop later ones reaching their authorization.
  'PATCH /api/cycles/{id}': ['hrIn', 'admin'],
  'POST /api/cycles/{id}/participants/sync': ['hrIn', 'admin'],
  'POST /api/cycles/{id}/reminders': ['hrIn', 'admin'],
  'PUT /api/cycles/{id}/self-review': ['self', ...chain, 'peer', 'unrelated'],
  'POST /api/cycles/{id}/self-review/submit': ['self', ...chain, 'peer', 'unrelated'],
  'POST /api/cycles/{id}/peer-requests': ['self', ...chain, 'peer', 'unrelated'],
  'POST /api/cycles/{id}/peer-requests/approve': [...chain],
  'POST /api/peer-requests/{id}/respond': ['peer'],
  'PUT /api/peer-requests/{id}/feedback': ['peer'],
  'POST /api/peer-requests/{id}/feedback/submit': ['peer'],
  // The chain writes T's review and proposal (the phase then answers 409).
  'PUT /api/cycles/{id}/people/{personId}/manager-review': [...chain],
  'POST /api/cycles/{id}/people/{personId}/manager-review/submit': [...chain],
  // T logs their own wins; the chain logs notes about T.
  'POST /api/people/{id}/log': ['self', ...chain],
  'PUT /api/cycles/{id}/people/{personId}/proposal': [...chain],
  'POST /api/cycles/{id}/people/{personId}/proposal/submit': [...chain],
  'POST /api/calibration-sessions/{id}/sync': ['hrIn', 'admin'],
  'POST /api/calibration-sessions/{id}/reveal': ['hrIn', 'admin'],
  'PUT /api/calibration-sessions/{id}/votes': ['skip'],
  'POST /api/calibration-sessions/{id}/adjustments': ['skip', 'hrIn', 'admin'],
  'PUT /api/promotion-packets/{id}/sections/{section}': ['self', ...chain],
  'POST /api/promotion-packets/{id}/submit': [...chain],
  'POST /api/promotion-packets/{id}/committee': ['hrIn', 'admin'],
  // No committee member among the relationships: the manager reaches the policy's rule (422).
  'PUT /api/promotion-packets/{id}/votes': ['manager'],
  'POST /api/promotion-packets/{id}/decision': ['hrIn', 'admin'],
  'POST /api/promotion-packets/{id}/withdraw': [...chain],
  'POST /api/people/{id}/compensation/changes': ['hrIn', 'admin'],
  'POST /api/pipeline/cases/{id}/transitions': [...chain, 'hrIn'],
  // T keeps their own goals and living document with the chain.
  'POST /api/people/{id}/goals': ['self', ...chain],
  'POST /api/people/{id}/goals/close-quarter': ['self', ...chain],
  'POST /api/teams/{id}/goals': [...chain, 'hrIn', 'admin'],
  'PATCH /api/goals/{id}': ['self', ...chain],
  'POST /api/people/{id}/check-ins': ['manager'],
  'POST /api/people/{id}/living-document/items': ['self', ...chain],
  'PUT /api/people/{id}/living-document/exclusions': ['self', ...chain],
  'POST /api/people/{id}/development-plans': [...chain],
  'PATCH /api/development-plans/{id}': [...chain],
  'POST /api/pulses/{id}/responses': ['self', 'peer'],
  'POST /api/people/{id}/skip-level-notes': ['skip'],
  'PUT /api/workshops/{id}/ratings': ['manager'],
  'POST /api/workshops/{id}/reveal': ['hrIn', 'admin'],
  'POST /api/analytics/datasets/{id}/bias-audit': ['hrIn'],
  'POST /api/analytics/datasets/{id}/manager-drift': ['hrIn'],
  'PUT /api/ladders/{key}/levels/{code}': ['admin'],
  'POST /api/metrics/webhooks/{source}': nobody,
  'PUT /api/metrics/people/{id}/identities': ['hrIn', 'admin'],
  'POST /api/webhook-sources/{name}/rotate': ['admin'],
  // State changes that end the object's life or move it on: last.
  'POST /api/cycles/{id}/launch': ['hrIn', 'admin'],
  'POST /api/cycles/{id}/advance': ['hrIn', 'admin'],
  'POST /api/calibration-sessions/{id}/finalise': ['hrIn', 'admin'],
  'POST /api/calibration-sessions/{id}/deliver': ['hrIn', 'admin'],
  'DELETE /api/peer-requests/{id}': [...chain],
  'DELETE /api/living-document/items/{id}': ['self', ...chain],
  'DELETE /api/analytics/datasets/{id}': ['hrIn'],
  'DELETE /api/cycles/{id}': ['hrIn', 'admin'],
  // Erasure is an admin's act; T is not a leaver, so it is refused (409) past authorization.
  'POST /api/people/{id}/erasure': ['admin'],
  'DELETE /api/metrics/people/{id}/identities': ['hrIn', 'admin'],
};

/**
 * Field-level rules: on an allowed read, `shows(body)` must be true exactly for `visibleTo`.
 * (Denied reads never show anything: every secret is searched for in their bodies.)
 */
interface FieldRule {
  field: string;
  visibleTo: Allowed;
  shows: (body: string) => boolean;
}
const has = (text: string) => (body: string) => body.includes(text);
const FIELD_RULES: Record<string, FieldRule[]> = {
  'GET /api/people/{id}': [{ field: 'private person block', visibleTo: ['self', ...chain, 'hrIn', 'admin'], shows: (b) => 'private' in JSON.parse(b) }],
  'GET /api/people/{id}/demographics': [{ field: 'demographics', visibleTo: ['hrIn'], shows: has(SECRETS.demographic) }],
  'GET /api/people/{id}/data-export': [{ field: 'peer author', visibleTo: nobody, shows: (b) => b.includes(PEER_AUTHOR.name) || b.includes(PEER_AUTHOR.email) }],
  'GET /api/cycles/{id}/feedback/received': [{ field: 'peer author', visibleTo: nobody, shows: (b) => b.includes(PEER_AUTHOR.name) || b.includes(PEER_AUTHOR.email) || b.includes('"author') }],
  'GET /api/cycles/{id}/feedback/received.csv': [{ field: 'peer author', visibleTo: nobody, shows: (b) => b.includes(PEER_AUTHOR.name) || b.includes(PEER_AUTHOR.email) }],
  'GET /api/cycles/{id}/people/{personId}/feedback': [
    { field: 'peer feedback text', visibleTo: [...chain, 'hrIn'], shows: has(SECRETS.peerFeedback) },
    { field: 'peer author', visibleTo: [...chain, 'hrIn'], shows: has(PEER_AUTHOR.name) },
  ],
  'GET /api/cycles/{id}/people/{personId}/manager-review': [{ field: 'review narrative', visibleTo: [...chain, 'hrIn'], shows: has(SECRETS.managerReview) }],
  'GET /api/cycles/{id}/people/{personId}/self-review': [{ field: 'self review', visibleTo: ['self', ...chain, 'hrIn'], shows: has(SECRETS.selfReview) }],
  'GET /api/cycles/{id}/people/{personId}/proposal': [{ field: 'proposal justification', visibleTo: [...chain, 'hrIn'], shows: has(SECRETS.proposal) }],
  // amazon: the employee does not read what the manager logs about them.
  'GET /api/people/{id}/log': [{ field: 'manager log note', visibleTo: [...chain, 'hrIn'], shows: has(SECRETS.logNote) }],
  'GET /api/pipeline/cases/{id}': [{ field: 'case reason', visibleTo: [...chain, 'hrIn'], shows: has(SECRETS.caseReason) }],
  'GET /api/people/{id}/compensation': [{ field: 'base pay', visibleTo: ['self', ...chain, 'hrIn', 'admin'], shows: has(SECRETS.baseCents) }],
  'GET /api/promotion-packets/{id}': [{ field: 'packet section', visibleTo: ['self', ...chain, 'hrIn', 'admin'], shows: has(SECRETS.packetText) }],
};

/**
 * Who may ever see each of T's secret values, whatever the route: checked on every response of
 * the matrix, allowed or not. (T's name and email are the directory's, checked on denials only.)
 */
const AUDIENCE: Partial<Record<keyof typeof SECRETS, Allowed>> = {
  employeeId: ['self', ...chain, 'peer', 'unrelated', 'xManager', 'hrIn', 'hrOut', 'admin'],
  // T reads their own attributes only in their data export (right of access).
  demographic: ['self', 'hrIn'],
  logNote: [...chain, 'hrIn'],
  peerFeedback: ['self', ...chain, 'hrIn'],
  peerDraft: nobody,
  selfReview: ['self', ...chain, 'hrIn'],
  managerReview: [...chain, 'hrIn'],
  proposal: [...chain, 'hrIn'],
  caseReason: [...chain, 'hrIn'],
  baseCents: ['self', ...chain, 'hrIn', 'admin'],
  packetText: ['self', ...chain, 'hrIn', 'admin'],
  // Calibration: the session's calibrators and runners, and T's chain (rating history).
  calibrationRationale: [...chain, 'hrIn', 'admin'],
  // T's cycle: its participants, and those who run it.
  cycleName: ['self', ...chain, 'peer', 'unrelated', 'hrIn', 'admin'],
};

const WEBHOOK_SOURCE = 'github';
let database: Database;
let app: FastifyInstance;
let org: RelationshipOrg;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  org = await buildRelationshipOrg(database.db, app);
  const created = await app.inject({ method: 'POST', url: '/api/webhook-sources', headers: { ...WRITE_HEADERS, cookie: org.cookies.admin }, payload: { name: WEBHOOK_SOURCE } });
  if (created.statusCode !== 201) throw new Error(`creating the webhook source failed: ${created.statusCode} ${created.body}`);
  // A calibration move on T with a rationale only the session's people and T's chain may read.
  const moved = await app.inject({
    method: 'POST',
    url: `/api/calibration-sessions/${org.ids.sessionId}/adjustments`,
    headers: { ...WRITE_HEADERS, cookie: org.cookies.hrIn },
    payload: { personId: org.people.target.id, performance: 5, potential: 3, rationale: SECRETS.calibrationRationale, version: 1 },
  });
  if (moved.statusCode !== 200) throw new Error(`the calibration move failed: ${moved.statusCode} ${moved.body}`);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function pathIdFor(route: string): number {
  const { growth, analytics, metrics, ids, people } = org;
  const fromFixtures = growth.pathIds[route] ?? analytics.pathIds[route] ?? metrics.pathIds[route];
  if (fromFixtures !== undefined) return fromFixtures;
  if (route.includes('/teams/')) return growth.pathIds['GET /api/teams/{id}/goals']!;
  if (route.includes('/accounts/')) return org.accounts.self.id;
  if (route.includes('/cycles/')) return ids.cycleId;
  if (route.includes('/calibration-sessions/')) return ids.sessionId;
  if (route.includes('/promotion-packets/')) return ids.packetId;
  if (route.includes('/pipeline/cases/')) return ids.caseId;
  if (route.includes('/peer-requests/')) return ids.pendingRequestId;
  return people.target.id;
}

const ANSWERS = { superpowers: 'Calm, clear incident command.', improvements: 'Write the design down earlier.', lpsChampioned: ['Ownership'], lpsToImprove: [] };
const PROPOSAL = { performance: 4, potential: 2, principles: {}, justification: 'A solid year of delivery and operations.', evidence: { byDimension: {}, impactExamples: [], peerFeedbackThemes: '', logNoteIds: [], systemMetrics: [], multiplierImpact: '' } };
const REVIEW = { narrative: 'A strong year.', strengths: 'Operations', growthAreas: 'Scope', evidenceLinks: [] };
const LADDER_L8 = { scope: 'Company-wide technical strategy in a domain.', autonomy: 'Sets multi-year direction.', technicalDepth: 'Industry-level expertise.', influence: 'Company-wide and externally.', mentorship: 'Mentors principals.', operations: 'Owns the operational posture of a major business.', exampleBehaviours: ['Defines a technical strategy adopted across the company'] };

function requestFor(route: string): InjectOptions {
  const [method, path] = route.split(' ') as [InjectOptions['method'], string];
  const { people } = org;
  const url = path.replace('{id}', String(pathIdFor(route))).replace('{personId}', String(people.target.id));
  const bodies: Record<string, unknown> = {
    ...org.analytics.bodies,
    ...org.growth.bodies,
    'PATCH /api/accounts/{id}': { name: SECRETS.name },
    'PATCH /api/cycles/{id}': { name: SECRETS.cycleName },
    'PUT /api/cycles/{id}/self-review': { body: 'Draft', principles: [] },
    'POST /api/cycles/{id}/self-review/submit': { body: 'Done', principles: [{ principle: 'Ownership', example: 'Owned it' }] },
    'POST /api/cycles/{id}/peer-requests': { reviewerIds: [people.unrelated.id] },
    'POST /api/cycles/{id}/peer-requests/approve': { subjectId: people.target.id },
    'POST /api/peer-requests/{id}/respond': { accept: true },
    'PUT /api/peer-requests/{id}/feedback': ANSWERS,
    'POST /api/peer-requests/{id}/feedback/submit': ANSWERS,
    'PUT /api/cycles/{id}/people/{personId}/manager-review': REVIEW,
    'POST /api/cycles/{id}/people/{personId}/manager-review/submit': REVIEW,
    'POST /api/people/{id}/log': { kind: 'win', occurredOn: '2026-01-05', body: 'Shipped the ledger.' },
    'PUT /api/cycles/{id}/people/{personId}/proposal': PROPOSAL,
    'POST /api/cycles/{id}/people/{personId}/proposal/submit': PROPOSAL,
    'PUT /api/calibration-sessions/{id}/votes': { personId: people.target.id, vote: 'agree' },
    'POST /api/calibration-sessions/{id}/adjustments': { personId: people.target.id, performance: 4, potential: 3, rationale: 'Led the incident programme this year.', version: 1 },
    'PUT /api/promotion-packets/{id}/votes': { vote: 'approve', feedback: 'Ready.' },
    // The committee is someone outside the relationships, so the unrelated employee stays unrelated.
    'POST /api/promotion-packets/{id}/committee': { memberAccountIds: [org.peerAuthorAccount.id] },
    'POST /api/promotion-packets/{id}/decision': { outcome: 'not_approved', feedback: 'Lead one design end to end, with a reviewed document.' },
    'POST /api/people/{id}/compensation/changes': { kind: 'merit', effectiveOn: '2026-04-01', percent: 3 },
    'POST /api/pipeline/cases/{id}/transitions': { version: 1, step: { type: 'checkIn', note: 'A check-in.' } },
    'PUT /api/metrics/people/{id}/identities': { kind: 'github', value: 'tamsin-target-gh' },
    'POST /api/people/{id}/erasure': { confirm: true },
    'POST /api/webhook-sources/{name}/rotate': {},
  };
  const query: Record<string, string> = {
    'GET /api/calibration-sessions/{id}/compare': '?policy=humane',
    'GET /api/pipeline/cases/{id}/severance': '?annualBasePayCents=10000000',
    'DELETE /api/metrics/people/{id}/identities': '?kind=github&value=tamsin-target-gh',
  };
  if (org.analytics.requests[route]) return org.analytics.requests[route](url);
  if (route === 'PUT /api/promotion-packets/{id}/sections/{section}') return { method, url: url.replace('{section}', 'impact'), headers: WRITE_HEADERS, payload: { text: 'Shipped the ledger.', evidence: [], version: 1 } };
  if (route === 'PUT /api/ladders/{key}/levels/{code}') return { method, url: '/api/ladders/sde/levels/L8', headers: WRITE_HEADERS, payload: { title: 'Senior Principal', expectations: LADDER_L8, version: 1 } };
  if (route === 'POST /api/webhook-sources/{name}/rotate') return { method, url: url.replace('{name}', WEBHOOK_SOURCE), headers: WRITE_HEADERS, payload: {} };
  if (route === 'POST /api/metrics/webhooks/{source}') return { method, url: '/api/metrics/webhooks/github', headers: { 'content-type': 'application/json' }, payload: { zen: 'unsigned' } };
  return { method, url: `${url}${query[route] ?? ''}`, headers: method === 'GET' ? {} : WRITE_HEADERS, ...(bodies[route] ? { payload: bodies[route] as object } : {}) };
}

const get = (url: string): InjectOptions => ({ method: 'GET', url });
const send = (method: 'POST' | 'PUT', url: string, payload: object): InjectOptions => ({ method, url, headers: WRITE_HEADERS, payload });

async function call(route: string, who: Relationship): Promise<LightMyRequestResponse> {
  const request = requestFor(route);
  if (who !== 'anonymous') request.headers = { ...request.headers, cookie: org.cookies[who] };
  return app.inject(request);
}

const DENIED = [401, 403, 404];
const PAST_AUTHORIZATION = [200, 201, 204, 409, 422];

/**
 * A denial holds none of T's values (the cycle's name aside: participants know it); any response
 * holds a value only when the caller is in that value's audience.
 */
function secretProblems(who: Relationship, body: string, denied: boolean): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(SECRETS)) {
    const audience = AUDIENCE[key as keyof typeof SECRETS];
    if (!body.includes(value)) continue;
    if (denied && key !== 'cycleName') problems.push(`denied, yet the body holds T's ${key}`);
    else if (audience && !audience.includes(who)) problems.push(`holds T's ${key}, which a ${who} may not see`);
  }
  return problems;
}

/** Everything wrong with one response, as sentences (empty when it is as expected). */
function problemsWith(route: string, who: Relationship, response: LightMyRequestResponse): string[] {
  const allowed = EXPECTATIONS[route]!.includes(who);
  const body = response.body;
  const problems: string[] = [];
  problems.push(...secretProblems(who, body, !allowed));
  // A problem document's status is the HTTP status (RFC 9457): an extension must not overwrite it.
  if (String(response.headers['content-type']).startsWith('application/problem+json') && JSON.parse(body).status !== response.statusCode) problems.push(`problem document's status is ${JSON.parse(body).status}, not ${response.statusCode}`);
  if (!allowed) {
    if (!DENIED.includes(response.statusCode) || (who === 'anonymous' && response.statusCode !== 401)) problems.push(`should be denied, got ${response.statusCode}: ${body.slice(0, 200)}`);
    return problems;
  }
  if (!PAST_AUTHORIZATION.includes(response.statusCode)) problems.push(`should get past authorization, got ${response.statusCode}: ${body.slice(0, 200)}`);
  if (response.statusCode === 200) {
    for (const rule of FIELD_RULES[route] ?? []) {
      const shown = rule.shows(body);
      if (shown !== rule.visibleTo.includes(who)) problems.push(shown ? `shows ${rule.field}, hidden from a ${who}` : `lacks ${rule.field}, which a ${who} may see`);
    }
  }
  return problems;
}

// Denied callers go first, so an allowed write cannot move the object before a denial is checked.
const inCallOrder = (route: string) => [...RELATIONSHIPS].sort((a, b) => Number(EXPECTATIONS[route]!.includes(a)) - Number(EXPECTATIONS[route]!.includes(b)));

describe('relationship matrix', () => {
  it('has an expectation for every route that takes an id, and none for routes that are gone', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const idRoutes = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(idRoutes.length).toBeGreaterThan(50);
    const missing = idRoutes.filter((r) => !EXPECTATIONS[r]);
    expect(
      missing,
      `routes taking an id without a relationship expectation: add each to EXPECTATIONS in test/relationship-matrix.db.test.ts with the relationships to T that may call it (and its object in pathIdFor)`,
    ).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((r) => !idRoutes.includes(r)), 'EXPECTATIONS for routes that no longer exist').toEqual([]);
  });

  // Peer authors of T's released feedback (humane cycle): the chain reads them; T, T's peers and
  // HR (who read themes under humane) never do, whichever route they try.
  const AUTHOR_ROUTES: Record<string, { allowed: Allowed; authorsTo: Allowed }> = {
    'GET /api/cycles/{id}/feedback/received': { allowed: ['self', ...chain, 'peer', 'unrelated'], authorsTo: nobody },
    'GET /api/cycles/{id}/feedback/received.csv': { allowed: ['self', ...chain, 'peer', 'unrelated'], authorsTo: nobody },
    'GET /api/cycles/{id}/people/{personId}/feedback': { allowed: [...chain, 'hrIn'], authorsTo: chain },
  };
  it('peer authors of released feedback reach the chain only', async () => {
    const problems: string[] = [];
    for (const [route, { allowed, authorsTo }] of Object.entries(AUTHOR_ROUTES)) {
      for (const who of RELATIONSHIPS) {
        const request = requestFor(route);
        request.url = String(request.url).replace(`/cycles/${org.ids.cycleId}/`, `/cycles/${org.ids.humaneCycleId}/`);
        if (who !== 'anonymous') request.headers = { ...request.headers, cookie: org.cookies[who] };
        const response = await app.inject(request);
        const expected = allowed.includes(who) ? [200] : DENIED;
        if (!expected.includes(response.statusCode)) problems.push(`${route} as ${who}: ${response.statusCode}`);
        const authorsShown = response.body.includes(PEER_AUTHOR.name) || response.body.includes(PEER_AUTHOR.email);
        if (authorsShown !== authorsTo.includes(who)) problems.push(`${route} as ${who}: authors ${authorsShown ? 'shown' : 'missing'}`);
        // T reads what was written about them; the feedback must really be there for the check to mean anything.
        if (who === 'self' && response.statusCode === 200 && !response.body.includes('saw careful design')) problems.push(`${route} as self: the released feedback is missing`);
      }
    }
    expect(problems).toEqual([]);
  });

  // Routes that take T's id (or T's cycle or organisation) in the body or the query string.
  const BODY_AND_QUERY_IDS: { label: string; request: () => InjectOptions; allowed: Allowed }[] = [
    { label: 'peer requests about T', request: () => get(`/api/cycles/${org.ids.cycleId}/peer-requests?subjectId=${org.people.target.id}`), allowed: ['self', ...chain, 'hrIn'] },
    { label: 'a calibration session for T’s organisation', request: () => send('POST', '/api/calibration-sessions', { cycleId: org.ids.cycleId, rootPersonId: org.people.root.id, name: 'Another session', calibratorAccountIds: [org.accounts.skip.id] }), allowed: ['hrIn', 'admin'] },
    { label: 'a cycle for T’s organisation', request: () => send('POST', '/api/cycles', { name: 'Another cycle', rootPersonId: org.people.root.id, policy: 'humane' }), allowed: ['hrIn', 'admin'] },
    { label: 'the pay budget of T’s organisation', request: () => get(`/api/compensation/budget?rootPersonId=${org.people.root.id}&sharePriceCents=10000`), allowed: ['hrIn', 'admin'] },
    { label: 'the attrition target of T’s organisation', request: () => send('PUT', '/api/ura/targets', { rootPersonId: org.people.root.id, year: 2028, targetPercent: 6 }), allowed: ['hrIn'] },
    { label: 'the attrition dashboard of T’s organisation', request: () => get(`/api/ura/dashboard?year=2027&rootPersonId=${org.people.root.id}`), allowed: ['hrIn'] },
    { label: 'hire-to-fire of T’s cycle', request: () => get(`/api/ura/hire-to-fire?cycleId=${org.ids.cycleId}`), allowed: ['hrIn'] },
    // HR partners run analytics over their own scope: HR out of scope reaches the analysis and finds nobody.
    { label: 'a bias audit of T’s cycle', request: () => send('POST', '/api/analytics/bias-audits', { outcome: 'ov', cycleId: org.ids.cycleId, favourable: ['TT', 'HV3'], group: 'attribute:gender', controls: ['level'] }), allowed: ['hrIn', 'hrOut'] },
    { label: 'a pipeline case about T (one is open: 422)', request: () => send('POST', '/api/pipeline/cases', { source: 'manual', personId: org.people.target.id, reason: 'Missed three quarterly commitments in a row' }), allowed: [...chain, 'hrIn'] },
    { label: 'a transfer request for T', request: () => send('POST', '/api/transfer-requests', { personId: org.people.target.id, toManagerId: org.people.otherManager.id, note: 'Wants to join the other team.' }), allowed: ['self', ...chain, 'hrIn'] },
    { label: 'a promotion packet for T (one is open: 409)', request: () => send('POST', '/api/promotion-packets', { candidateId: org.people.target.id }), allowed: [...chain] },
    // A rating case from T's cycle about someone outside it: the cycle (and its name) is not disclosed.
    { label: 'a rating case from T’s cycle about someone not in it', request: () => send('POST', '/api/pipeline/cases', { source: 'rating', personId: org.people.xEngineer.id, cycleId: org.ids.cycleId }), allowed: nobody },
    { label: 'a pulse for T’s team', request: () => send('POST', '/api/pulses', { title: 'Another pulse', teamIds: [org.growth.pathIds['GET /api/teams/{id}/goals']!], closesOn: '2027-12-01' }), allowed: [...chain, 'hrIn', 'admin'] },
  ];
  it('routes taking T’s ids in the body or query answer by relationship', async () => {
    const problems: string[] = [];
    for (const { label, request, allowed } of BODY_AND_QUERY_IDS) {
      for (const who of RELATIONSHIPS) {
        const options = request();
        if (who !== 'anonymous') options.headers = { ...options.headers, cookie: org.cookies[who] };
        const response = await app.inject(options);
        const expected = allowed.includes(who) ? PAST_AUTHORIZATION : who === 'anonymous' ? [401] : DENIED;
        if (!expected.includes(response.statusCode)) problems.push(`${label} as ${who}: ${response.statusCode} ${response.body.slice(0, 160)}`);
        for (const problem of secretProblems(who, response.body, !allowed.includes(who))) problems.push(`${label} as ${who}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // Lists: T's record is listed exactly to the relationships that may open it.
  const LISTS: Record<string, Allowed> = {
    '/api/promotion-packets': ['self', ...chain, 'hrIn', 'admin'],
    '/api/pipeline/cases': [...chain, 'hrIn'],
    '/api/transfer-requests': ['self', ...chain, 'hrIn'],
  };
  it('lists show T’s records to exactly the relationships that may open them', async () => {
    const problems: string[] = [];
    for (const [url, audience] of Object.entries(LISTS)) {
      for (const who of RELATIONSHIPS.filter((r) => r !== 'anonymous')) {
        const response = await app.inject({ method: 'GET', url, headers: { cookie: org.cookies[who as Exclude<Relationship, 'anonymous'>] } });
        const listed = response.statusCode === 200 && response.body.includes(SECRETS.name);
        if (listed !== audience.includes(who)) problems.push(`${url} as ${who} (${response.statusCode}): T ${listed ? 'listed' : 'not listed'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a leaver under T’s manager is in the directory only for those who may see their record', async () => {
    const mayOpen: Allowed = [...chain, 'hrIn', 'admin'];
    const problems: string[] = [];
    for (const who of RELATIONSHIPS.filter((r) => r !== 'anonymous') as Exclude<Relationship, 'anonymous'>[]) {
      const entry = await app.inject({ method: 'GET', url: `/api/people/${org.people.leaver.id}`, headers: { cookie: org.cookies[who] } });
      if (entry.statusCode !== (mayOpen.includes(who) ? 200 : 404)) problems.push(`GET /api/people/{leaver} as ${who}: ${entry.statusCode}`);
      const listed = (await app.inject({ method: 'GET', url: '/api/people?q=Leaverperson', headers: { cookie: org.cookies[who] } })).body.includes('Lee Leaverperson');
      if (listed !== mayOpen.includes(who)) problems.push(`the directory as ${who}: the leaver ${listed ? 'listed' : 'missing'}`);
    }
    expect(problems).toEqual([]);
  });

  it("another reviewer's unsent draft reaches no relationship, by any of its routes", async () => {
    const problems: string[] = [];
    for (const route of ['GET /api/peer-requests/{id}/feedback', 'PUT /api/peer-requests/{id}/feedback', 'POST /api/peer-requests/{id}/respond']) {
      for (const who of RELATIONSHIPS) {
        const request = requestFor(route);
        request.url = String(request.url).replace(`/peer-requests/${org.ids.pendingRequestId}/`, `/peer-requests/${org.ids.draftRequestId}/`);
        if (who !== 'anonymous') request.headers = { ...request.headers, cookie: org.cookies[who] };
        const response = await app.inject(request);
        if (!DENIED.includes(response.statusCode)) problems.push(`${route} as ${who}: ${response.statusCode}`);
        if (response.body.includes(SECRETS.peerDraft)) problems.push(`${route} as ${who}: the draft's text`);
      }
    }
    expect(problems).toEqual([]);
  });

  for (const route of Object.keys(EXPECTATIONS)) {
    it(`${route}: allowed to ${EXPECTATIONS[route]!.join(', ') || 'nobody'}`, async () => {
      const problems: string[] = [];
      let deleted = false;
      for (const who of inCallOrder(route)) {
        const response = await call(route, who);
        // Once an allowed caller deleted the object, the next allowed caller finds nothing: that is right.
        if (deleted && response.statusCode === 404 && EXPECTATIONS[route]!.includes(who)) continue;
        if (route.startsWith('DELETE') && response.statusCode === 204 && EXPECTATIONS[route]!.includes(who)) deleted = true;
        for (const problem of problemsWith(route, who, response)) problems.push(`${who}: ${problem}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
