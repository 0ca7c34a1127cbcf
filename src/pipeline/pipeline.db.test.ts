import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildOlrOrg, type OlrOrg } from '../../test/olr-helpers.ts';
import { FOCUS_STEP, finalisedCalibration, PIVOT_STEP } from '../../test/pipeline-helpers.ts';
import { verifyAuditChain } from '../audit/audit-chain.service.ts';
import { escalateMissedDeadlines } from './deadlines.service.ts';

// The pipeline through the HTTP API: who sees a case, every step with its audit event, refusals
// that name the stage and change nothing, access logging of reads, deadlines with a moving clock,
// the humane support plan, URA and the hire-to-fire signal.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
const DAY = 86_400_000;
const clock = new Date('2027-03-01T09:00:00Z');
const advance = (days: number) => clock.setTime(clock.getTime() + days * DAY);

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (table: 'audit_events' | 'pipeline_events' | 'pipeline_access_log' | 'exits' | 'pipeline_cases') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function step(cookie: string, caseId: number, body: object) {
  const current = await database.db.selectFrom('pipeline_cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
  return http.send(cookie, 'POST', `/api/pipeline/cases/${caseId}/transitions`, { version: current.version, step: body });
}

async function ok(cookie: string, caseId: number, body: object) {
  const response = await step(cookie, caseId, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('a case under the amazon preset', () => {
  let org: OlrOrg;
  let cycleId: number;
  let caseId: number;
  let employee: OlrOrg['people']['engineers'][number];

  beforeAll(async () => {
    clock.setTime(Date.parse('2027-03-01T09:00:00Z'));
    org = await buildOlrOrg(database.db, app, 'pipe');
    employee = org.people.engineers[0]!;
    cycleId = await finalisedCalibration(database.db, app, org, { policy: 'amazon', name: 'Forte 2026 pipeline', ratings: new Map([[employee.id, 'LE']]) });
  });

  it('opens a case only from an identifying rating, once', async () => {
    const hv1 = await http.send(org.cookies.hr, 'POST', '/api/pipeline/cases', { source: 'rating', personId: org.people.engineers[1]!.id, cycleId });
    expect(hv1.statusCode).toBe(422);
    expect(hv1.json()).toMatchObject({ code: 'PIPELINE_RULE_VIOLATED', rule: 'RATING_DOES_NOT_IDENTIFY' });
    const manual = await http.send(org.cookies.managers[0]!, 'POST', '/api/pipeline/cases', { source: 'manual', personId: org.people.engineers[1]!.id, reason: 'Too short' });
    expect(manual.json()).toMatchObject({ status: 422, rule: 'REASON_REQUIRED', errors: [{ path: 'body.reason', message: 'at least 5 words' }] });
    expect(await count('pipeline_cases')).toBe(0);

    const opened = await http.send(org.cookies.hr, 'POST', '/api/pipeline/cases', { source: 'rating', personId: employee.id, cycleId });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().id;
    expect(opened.json()).toMatchObject({ stage: 'identified', policy: { key: 'amazon', focusLabel: 'Focus', focusVisibleToEmployee: false }, viewer: { capacities: ['hr'] } });
    const again = await http.send(org.cookies.hr, 'POST', '/api/pipeline/identify', { cycleId });
    expect(again.json()).toEqual({ opened: 0, caseIds: [] });
    const twice = await http.send(org.cookies.hr, 'POST', '/api/pipeline/cases', { source: 'rating', personId: employee.id, cycleId });
    expect(twice.json()).toMatchObject({ status: 409, rule: 'CASE_ALREADY_OPEN' });
  });

  it('shows the case to the chain and HR only: the employee (Focus hidden), a peer and a manager outside the chain get 404', async () => {
    for (const cookie of [org.cookies.hr, org.cookies.managers[0]!, org.cookies.director]) expect((await http.get(cookie, `/api/pipeline/cases/${caseId}`)).statusCode).toBe(200);
    for (const cookie of [org.cookies.engineers[0]!, org.cookies.engineers[1]!, org.cookies.managers[1]!]) {
      const response = await http.get(cookie, `/api/pipeline/cases/${caseId}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(employee.name);
    }
    expect((await http.get(org.cookies.engineers[0]!, '/api/pipeline/my-case')).statusCode).toBe(404);
    expect((await http.get(org.cookies.managers[1]!, '/api/pipeline/cases')).json().cases).toEqual([]);
    expect((await http.get(org.cookies.managers[0]!, '/api/pipeline/cases')).json().cases.map((c: { id: number }) => c.id)).toEqual([caseId]);
    expect((await http.get(org.cookies.engineers[1]!, '/api/pipeline/cases')).statusCode).toBe(403);
  });

  it('logs every read of the case: who read whose record, when', async () => {
    const before = await count('pipeline_access_log');
    await http.get(org.cookies.managers[0]!, `/api/pipeline/cases/${caseId}`);
    const rows = await database.db.selectFrom('pipeline_access_log').selectAll().orderBy('id', 'desc').limit(1).execute();
    expect(await count('pipeline_access_log')).toBe(before + 1);
    expect(rows[0]).toMatchObject({ reader_account_id: org.accounts.managers[0]!.id, person_id: employee.id, case_id: caseId, resource: 'case' });
    expect(rows[0]!.at.toISOString()).toBe(clock.toISOString());
    // Refused reads are not reads: the 404s above wrote nothing for the peer.
    const peerReads = await database.db.selectFrom('pipeline_access_log').select('id').where('reader_account_id', '=', org.accounts.engineers[1]!.id).execute();
    expect(peerReads).toEqual([]);
    const log = (await http.get(org.cookies.hr, `/api/pipeline/cases/${caseId}/access-log`)).json();
    expect(log.knewSince.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining([org.people.managers[0]!.name, org.people.director.name]));
    expect(log.entries.length).toBeGreaterThanOrEqual(4);
    expect((await http.get(org.cookies.managers[0]!, `/api/pipeline/cases/${caseId}/access-log`)).statusCode).toBe(403);
  });

  it('refuses a step the process does not allow, naming the stage and the allowed next steps, and stores nothing', async () => {
    const [audit, events] = [await count('audit_events'), await count('pipeline_events')];
    const early = await step(org.cookies.hr, caseId, { type: 'recordPipOutcome', outcome: 'fail', note: 'No.' });
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json()).toMatchObject({ code: 'PIPELINE_STEP_REFUSED', rule: 'STEP_NOT_ALLOWED', stage: 'identified', allowed: [{ transition: 'startFocus', by: ['chain', 'hr'] }, { transition: 'closeWithoutAction', by: ['hr'] }] });
    const stale = await http.send(org.cookies.hr, 'POST', `/api/pipeline/cases/${caseId}/transitions`, { version: 99, step: FOCUS_STEP });
    expect(stale.json()).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    const unknown = await step(org.cookies.hr, caseId, { type: 'fireNow' });
    expect(unknown.statusCode).toBe(400);
    const byEmployee = await step(org.cookies.engineers[0]!, caseId, FOCUS_STEP);
    expect(byEmployee.statusCode).toBe(404);
    expect([await count('audit_events'), await count('pipeline_events')]).toEqual([audit, events]);
  });

  it('blocks internal transfers during Focus without telling the employee why', async () => {
    const focus = await ok(org.cookies.managers[0]!, caseId, FOCUS_STEP);
    expect(focus).toMatchObject({ stage: 'focus', dueAt: new Date(clock.getTime() + 30 * DAY).toISOString() });
    const mine = await http.send(org.cookies.engineers[0]!, 'POST', '/api/transfer-requests', { toManagerId: org.people.managers[1]!.id, note: 'I would like to join Search.' });
    expect(mine.statusCode).toBe(409);
    expect(mine.json()).toMatchObject({ code: 'TRANSFER_BLOCKED' });
    expect(mine.json().detail).not.toMatch(/focus/i);
    const byHr = await http.send(org.cookies.hr, 'POST', '/api/transfer-requests', { personId: employee.id, toManagerId: org.people.managers[1]!.id, note: 'Move.' });
    expect(byHr.json().detail).toContain('Focus');
    const peer = await http.send(org.cookies.engineers[1]!, 'POST', '/api/transfer-requests', { toManagerId: org.people.managers[1]!.id, note: 'I would like to join Search.' });
    expect(peer.statusCode, peer.body).toBe(201);
  });

  it('refuses a PIP shorter than 30 days, then enters Pivot: now the employee sees the case, without Focus', async () => {
    const short = await step(org.cookies.managers[0]!, caseId, { ...PIVOT_STEP, pipLengthDays: 29 });
    expect(short.json()).toMatchObject({ status: 422, rule: 'PIP_LENGTH', stage: 'focus', errors: [{ path: 'body.pipLengthDays', message: 'between 30 and 90' }] });
    advance(20);
    await org.signIn();
    await ok(org.cookies.managers[0]!, caseId, PIVOT_STEP);
    const mine = await http.get(org.cookies.engineers[0]!, '/api/pipeline/my-case');
    expect(mine.statusCode, mine.body).toBe(200);
    const view = mine.json();
    expect(view).toMatchObject({ id: caseId, stage: 'pivot', viewer: { capacities: ['employee'], allowedNext: [{ transition: 'choosePivotOption' }] } });
    expect(view.state.focus).toBeNull();
    expect(view.state.path).toEqual(['pivot']);
    expect(view.history.map((h: { type: string }) => h.type)).toEqual(['enterPivot']);
    expect(mine.body).not.toContain(FOCUS_STEP.project);
  });

  it('takes the PIP, fails it, refuses a second outcome, and empanels a jury only from outside the chain', async () => {
    await ok(org.cookies.engineers[0]!, caseId, { type: 'choosePivotOption', option: 'pip' });
    advance(10);
    await org.signIn();
    await ok(org.cookies.managers[0]!, caseId, { type: 'checkIn', note: 'One incident closed; design review booked.' });
    await ok(org.cookies.managers[0]!, caseId, { type: 'recordPipOutcome', outcome: 'fail', note: 'Two incidents still open.' });
    const second = await step(org.cookies.managers[0]!, caseId, { type: 'recordPipOutcome', outcome: 'pass', note: 'Changed my mind.' });
    expect(second.json()).toMatchObject({ status: 409, stage: 'pip_failed', allowed: [{ transition: 'extendDeadline' }, { transition: 'chooseAfterFailure' }] });
    await ok(org.cookies.engineers[0]!, caseId, { type: 'chooseAfterFailure', option: 'appeal', statement: 'The goals changed twice during the PIP.' });

    const version = (await database.db.selectFrom('pipeline_cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
    const teammate = org.people.engineers[2]!;
    const outsiders = org.people.engineers.slice(6, 9);
    const chain = await step(org.cookies.hr, caseId, { type: 'empanelJury', jurorIds: [teammate.id, outsiders[0]!.id, outsiders[1]!.id] });
    expect(chain.json()).toMatchObject({ status: 422, rule: 'JUROR_IN_CHAIN', stage: 'appeal', errors: [{ path: 'body.jurorIds.0', message: `${teammate.name} reports into the employee’s manager` }] });
    const manager = await step(org.cookies.hr, caseId, { type: 'empanelJury', jurorIds: [org.people.director.id, outsiders[0]!.id, outsiders[1]!.id] });
    expect(manager.json()).toMatchObject({ rule: 'JUROR_IN_CHAIN' });
    expect((await database.db.selectFrom('pipeline_cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version).toBe(version);
    await ok(org.cookies.hr, caseId, { type: 'empanelJury', jurorIds: outsiders.map((p) => p.id) });
  });

  it('lets HR record the jury’s votes; a majority to overturn wins the appeal and keeps the job', async () => {
    const outsiders = org.people.engineers.slice(6, 9);
    await ok(org.cookies.hr, caseId, { type: 'castJuryVote', jurorId: outsiders[0]!.id, vote: 'overturn' });
    await ok(org.cookies.hr, caseId, { type: 'castJuryVote', jurorId: outsiders[1]!.id, vote: 'uphold' });
    const last = await ok(org.cookies.hr, caseId, { type: 'castJuryVote', jurorId: outsiders[2]!.id, vote: 'overturn' });
    expect(last).toMatchObject({ stage: 'kept', closedAt: clock.toISOString(), state: { severance: null, appeal: { verdict: { result: 'won', overturn: 2, uphold: 1 } } } });
    expect(last.history.map((h: { type: string }) => h.type)).toEqual(['open', 'startFocus', 'enterPivot', 'choosePivotOption', 'checkIn', 'recordPipOutcome', 'chooseAfterFailure', 'empanelJury', 'castJuryVote', 'castJuryVote', 'castJuryVote']);
    const actions = (await database.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'pipeline_case').where('subject_id', '=', String(caseId)).orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['pipeline.opened', 'pipeline.startFocus', 'pipeline.enterPivot', 'pipeline.choosePivotOption', 'pipeline.checkIn', 'pipeline.recordPipOutcome', 'pipeline.chooseAfterFailure', 'pipeline.empanelJury', 'pipeline.castJuryVote', 'pipeline.castJuryVote', 'pipeline.castJuryVote']);
    expect((await verifyAuditChain(database.db)).problem).toBeNull();
    expect(await count('exits')).toBe(0);
  });
});

describe('Tier 1 at Pivot, deadlines and severance', () => {
  let org: OlrOrg;
  let caseId: number;

  beforeAll(async () => {
    clock.setTime(Date.parse('2027-04-01T09:00:00Z'));
    org = await buildOlrOrg(database.db, app, 'tier');
    const opened = await http.send(org.cookies.managers[0]!, 'POST', '/api/pipeline/cases', { source: 'manual', personId: org.people.engineers[3]!.id, reason: 'Missed three quarterly commitments in a row', policy: 'amazon' });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().id;
    await ok(org.cookies.managers[0]!, caseId, FOCUS_STEP);
    await ok(org.cookies.managers[0]!, caseId, PIVOT_STEP);
  });

  it('escalates a missed Pivot decision once, decides nothing, and refuses the late choice until HR extends it', async () => {
    expect((await escalateMissedDeadlines(database.db, { now: new Date(clock.getTime() + 30 * DAY) })).escalated).toEqual([]);
    advance(31);
    await org.signIn();
    const audit = await count('audit_events');
    expect((await escalateMissedDeadlines(database.db, { now: clock })).escalated).toEqual([caseId]);
    expect((await escalateMissedDeadlines(database.db, { now: new Date(clock.getTime() + DAY) })).escalated).toEqual([]);
    expect(await count('audit_events')).toBe(audit + 1);
    const view = (await http.get(org.cookies.hr, `/api/pipeline/cases/${caseId}`)).json();
    expect(view).toMatchObject({ stage: 'pivot', overdue: true, escalatedAt: clock.toISOString() });
    const notices = await database.db.selectFrom('notifications').select(['person_id', 'title']).where('kind', '=', 'pipeline.escalated').execute();
    expect(notices.map((n) => n.person_id).sort()).toEqual([org.people.director.id, org.people.managers[0]!.id].sort());
    expect(notices[0]!.title).toContain('Pivot decision deadline has passed');

    const late = await step(org.cookies.engineers[3]!, caseId, { type: 'choosePivotOption', option: 'tier1' });
    expect(late.json()).toMatchObject({ status: 422, rule: 'DEADLINE_PASSED', stage: 'pivot' });
    const byManager = await step(org.cookies.managers[0]!, caseId, { type: 'extendDeadline', days: 7, reason: 'On leave' });
    expect(byManager.statusCode).toBe(403);
    await ok(org.cookies.hr, caseId, { type: 'extendDeadline', days: 7, reason: 'The employee was on sick leave.' });
  });

  it('takes Tier 1: the case ends, the exit is recorded as unregretted, and the offer letter has its figures', async () => {
    const done = await ok(org.cookies.engineers[3]!, caseId, { type: 'choosePivotOption', option: 'tier1' });
    expect(done).toMatchObject({ stage: 'left_tier1', state: { severance: 'tier1' } });
    const exits = (await http.get(org.cookies.hr, '/api/ura/exits')).json().exits;
    expect(exits).toEqual([expect.objectContaining({ person: { id: org.people.engineers[3]!.id, name: org.people.engineers[3]!.name }, kind: 'voluntary', regretted: false, caseId })]);
    // Hired 2022-03-01 (the factory default), leaving 2027-05-02: 5 years, the top band: 17 / 8 / 2 weeks.
    const offer = await http.get(org.cookies.hr, `/api/pipeline/cases/${caseId}/severance?annualBasePayCents=15600000`);
    expect(offer.json()).toMatchObject({ tenureYears: 5, band: { fromYears: 5 }, weeklyPayCents: 300_000, applies: 'tier1', offers: [{ tier: 'tier1', weeks: 17, amountCents: 5_100_000 }, { tier: 'tier2', weeks: 8, amountCents: 2_400_000 }, { tier: 'minimal', weeks: 2, amountCents: 600_000 }] });
    expect((await http.get(org.cookies.managers[0]!, `/api/pipeline/cases/${caseId}/severance?annualBasePayCents=1`)).statusCode).toBe(403);
    const after = await step(org.cookies.hr, caseId, { type: 'checkIn', note: 'x' });
    expect(after.json()).toMatchObject({ status: 409, stage: 'left_tier1', allowed: [] });
  });
});

describe('the humane support plan', () => {
  let org: OlrOrg;
  let caseId: number;

  beforeAll(async () => {
    clock.setTime(Date.parse('2027-06-01T09:00:00Z'));
    org = await buildOlrOrg(database.db, app, 'hum');
    const opened = await http.send(org.cookies.hr, 'POST', '/api/pipeline/cases', { source: 'manual', personId: org.people.engineers[0]!.id, reason: 'Delivery has slipped for two quarters running', policy: 'humane' });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json().id;
  });

  it('shows the employee every stage: the identification, then the plan with goals, timeline and criteria', async () => {
    const identified = await http.get(org.cookies.engineers[0]!, '/api/pipeline/my-case');
    expect(identified.json()).toMatchObject({ stage: 'identified', stageLabel: 'Identified', policy: { focusLabel: 'Support plan', focusVisibleToEmployee: true } });
    const short = await step(org.cookies.managers[0]!, caseId, { ...FOCUS_STEP, goals: ['Only one'] });
    expect(short.json()).toMatchObject({ status: 422, rule: 'GOALS_REQUIRED' });
    await ok(org.cookies.managers[0]!, caseId, FOCUS_STEP);
    const plan = (await http.get(org.cookies.engineers[0]!, '/api/pipeline/my-case')).json();
    expect(plan).toMatchObject({ stage: 'focus', stageLabel: 'Support plan', state: { focus: { project: FOCUS_STEP.project, goals: FOCUS_STEP.goals, successCriteria: FOCUS_STEP.successCriteria, acknowledgedAt: null } } });
    expect(plan.timeline).toHaveLength(6);
    expect(plan.viewer.allowedNext.map((n: { transition: string }) => n.transition)).toEqual(['acknowledgePlan']);
    const notice = await database.db.selectFrom('notifications').select('title').where('person_id', '=', org.people.engineers[0]!.id).where('kind', 'like', 'pipeline.%').execute();
    expect(notice.map((n) => n.title)).toEqual(expect.arrayContaining(['Your plan: Support plan']));
  });

  it('needs the employee’s acknowledgement before the plan can be judged unsuccessful, and a full PIP before a failure', async () => {
    const early = await step(org.cookies.managers[0]!, caseId, { ...PIVOT_STEP, pipLengthDays: 90 });
    expect(early.json()).toMatchObject({ status: 422, rule: 'ACKNOWLEDGEMENT_REQUIRED', stage: 'focus' });
    const byManager = await step(org.cookies.managers[0]!, caseId, { type: 'acknowledgePlan' });
    expect(byManager.statusCode).toBe(403);
    await ok(org.cookies.engineers[0]!, caseId, { type: 'acknowledgePlan' });
    await ok(org.cookies.managers[0]!, caseId, { ...PIVOT_STEP, pipLengthDays: 90 });
    await ok(org.cookies.engineers[0]!, caseId, { type: 'choosePivotOption', option: 'pip' });
    const fail = await step(org.cookies.managers[0]!, caseId, { type: 'recordPipOutcome', outcome: 'fail', note: 'Not there yet.' });
    expect(fail.json()).toMatchObject({ status: 422, rule: 'PIP_NOT_OVER', stage: 'pip' });
    const pass = await ok(org.cookies.managers[0]!, caseId, { type: 'recordPipOutcome', outcome: 'pass', note: 'All goals met.' });
    expect(pass.stage).toBe('kept');
    const mine = (await http.get(org.cookies.engineers[0]!, '/api/pipeline/my-case')).json();
    expect(mine.history.map((h: { type: string }) => h.type)).toEqual(['open', 'startFocus', 'acknowledgePlan', 'enterPivot', 'choosePivotOption', 'recordPipOutcome']);
  });

  it('does not block transfers under the humane policy', async () => {
    const other = await http.send(org.cookies.hr, 'POST', '/api/pipeline/cases', { source: 'manual', personId: org.people.engineers[1]!.id, reason: 'Delivery has slipped for two quarters running', policy: 'humane' });
    await ok(org.cookies.managers[0]!, other.json().id, FOCUS_STEP);
    const transfer = await http.send(org.cookies.engineers[1]!, 'POST', '/api/transfer-requests', { toManagerId: org.people.managers[1]!.id, note: 'Search would suit me.' });
    expect(transfer.statusCode, transfer.body).toBe(201);
    expect((await http.get(org.cookies.engineers[1]!, '/api/transfer-requests')).json().requests).toHaveLength(1);
  });
});

describe('URA and the pipeline board', () => {
  let org: OlrOrg;

  beforeAll(async () => {
    clock.setTime(Date.parse('2027-07-01T09:00:00Z'));
    org = await buildOlrOrg(database.db, app, 'ura');
  });

  it('records exits and reports unregretted attrition against target by quarter', async () => {
    const bad = await http.send(org.cookies.hr, 'POST', '/api/ura/exits', { personId: org.people.engineers[0]!.id, exitDate: '2027-02-10', kind: 'sideways', regretted: false, reason: 'x' });
    expect(bad.statusCode).toBe(400);
    for (const [i, date, regretted] of [[0, '2027-02-10', false], [1, '2027-05-03', true], [6, '2027-05-20', false]] as const) {
      const saved = await http.send(org.cookies.hr, 'POST', '/api/ura/exits', { personId: org.people.engineers[i]!.id, exitDate: date, kind: 'voluntary', regretted, reason: 'Left for a startup' });
      expect(saved.statusCode, saved.body).toBe(201);
    }
    expect((await http.send(org.cookies.managers[0]!, 'POST', '/api/ura/exits', { personId: org.people.engineers[2]!.id, exitDate: '2027-05-01', kind: 'voluntary', regretted: true, reason: 'x' })).statusCode).toBe(403);
    expect((await http.send(org.cookies.hr, 'PUT', '/api/ura/targets', { rootPersonId: org.people.managers[0]!.id, year: 2027, targetPercent: 10 })).statusCode).toBe(200);
    const dashboard = (await http.get(org.cookies.hr, `/api/ura/dashboard?year=2027&rootPersonId=${org.people.director.id}`)).json();
    const [whole, alma, bert] = dashboard.organisations;
    // 15 people, all hired 2022: Q1 one unregretted exit (1/15 = 6.67%), Q2 one more unregretted.
    expect(whole).toMatchObject({ organisation: { id: org.people.director.id }, targetPercent: 6, targetSource: 'policy', headcountAtStart: 15, actualPercent: 13.33 });
    expect(whole.quarters.map((q: { unregretted: number; regretted: number }) => [q.unregretted, q.regretted])).toEqual([[1, 0], [1, 1], [0, 0], [0, 0]]);
    expect(alma).toMatchObject({ targetPercent: 10, targetSource: 'organisation', headcountAtStart: 7 });
    expect(bert.quarters[1]).toMatchObject({ exits: 1, unregretted: 1, cumulativeUnregrettedPercent: 14.29, targetToDatePercent: 3 });
    expect((await http.get(org.cookies.managers[0]!, '/api/ura/dashboard?year=2027')).statusCode).toBe(403);
  });

  it('computes the hire-to-fire signal over a finalised calibration', async () => {
    const newHires = org.people.engineers.slice(8, 12);
    for (const p of newHires) await database.db.updateTable('people').set({ hire_date: '2026-12-01' }).where('id', '=', p.id).execute();
    const cycleId = await finalisedCalibration(database.db, app, org, { policy: 'amazon', name: 'Forte hire to fire', ratings: new Map(newHires.slice(0, 3).map((p) => [p.id, 'LE'])) });
    const signal = (await http.get(org.cookies.hr, `/api/ura/hire-to-fire?cycleId=${cycleId}`)).json();
    expect(signal).toMatchObject({ newHires: { n: 4, le: 3 }, others: { n: 10, le: 0 }, test: { method: 'pearson-chi-square', smallSample: true }, flagged: true });
  });

  it('gives HR the board: counts per stage, time in stage, pass rates and outcomes by organisation', async () => {
    const board = (await http.get(org.cookies.hr, '/api/pipeline/board')).json();
    const byStage = Object.fromEntries(board.stages.map((s: { stage: string; count: number }) => [s.stage, s.count]));
    expect(byStage).toMatchObject({ focus: 1, kept: 2, left_tier1: 1, identified: 0 });
    expect(board.passRates.appeal).toEqual({ decided: 1, won: 1, rate: 1 });
    expect(board.passRates.pip).toEqual({ concluded: 2, passed: 1, rate: 0.5 });
    expect(board.outcomesByOrganisation.length).toBeGreaterThan(0);
    expect((await http.get(org.cookies.managers[0]!, '/api/pipeline/board')).statusCode).toBe(403);
  });
});
