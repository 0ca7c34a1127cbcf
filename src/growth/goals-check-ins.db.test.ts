import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildGrowthOrg, type GrowthOrg } from '../../test/growth-helpers.ts';
import { setActivePolicy } from '../policy/policy.service.ts';
import { concernsRaisedBetween } from './concerns.service.ts';

// Goals, closing a quarter and check-ins through the HTTP API, under the humane preset and then
// the amazon preset for what differs: who reads goals and whether HR reads check-in notes.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: GrowthOrg;
const clock = new Date('2026-11-16T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  await setActivePolicy(database.db, 'humane');
  org = await buildGrowthOrg(database.db, app, 'gc');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (table: 'goals' | 'check_ins') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const GOAL = { quarter: '2026-Q4', objective: 'Make checkout faster', measurableResult: 'p99 under 200 ms for a whole week' };

describe('goals', () => {
  let goalId = 0;

  it('refuses a goal without a measurable result where the policy requires one, storing nothing', async () => {
    const refused = await http.send(org.cookies.engineer, 'POST', `/api/people/${org.people.engineer.id}/goals`, { ...GOAL, measurableResult: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'GROWTH_RULE_VIOLATED', rule: 'GOAL_INVALID', errors: [{ path: 'body.measurableResult' }] });
    expect(await count('goals')).toBe(0);
  });

  it('lets the person and their chain set goals, and nobody outside it', async () => {
    const mine = await http.send(org.cookies.engineer, 'POST', `/api/people/${org.people.engineer.id}/goals`, GOAL);
    expect(mine.statusCode, mine.body).toBe(201);
    goalId = mine.json().id;
    expect(mine.json()).toMatchObject({ owner: { kind: 'person', person: { id: org.people.engineer.id } }, status: 'not_started', canEdit: true });
    expect((await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/goals`, { ...GOAL, objective: 'Mentor the new joiner' })).statusCode).toBe(201);
    const outside = await http.send(org.cookies.otherManager, 'POST', `/api/people/${org.people.engineer.id}/goals`, GOAL);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().rule).toBe('NOT_YOUR_REPORT');
    expect(await count('goals')).toBe(2);
  });

  it('shows goals to everyone under humane and only to the chain and HR under amazon', async () => {
    const url = `/api/people/${org.people.engineer.id}/goals?quarter=2026-Q4`;
    expect((await http.get(org.cookies.colleague, url)).json().goals).toHaveLength(2);
    await setActivePolicy(database.db, 'amazon');
    expect((await http.get(org.cookies.colleague, url)).statusCode).toBe(404);
    expect((await http.get(org.cookies.hr, url)).statusCode).toBe(200);
    expect((await http.get(org.cookies.lead, url)).statusCode).toBe(200);
    await setActivePolicy(database.db, 'humane');
  });

  it('records progress with a version and sets team goals for those who act for the team', async () => {
    const moved = await http.send(org.cookies.engineer, 'PATCH', `/api/goals/${goalId}`, { status: 'on_track', evidenceLinks: [{ label: 'Dashboard', url: 'https://example.test/p99' }], version: 1 });
    expect(moved.json()).toMatchObject({ status: 'on_track', version: 2 });
    expect((await http.send(org.cookies.engineer, 'PATCH', `/api/goals/${goalId}`, { status: 'at_risk', version: 1 })).statusCode).toBe(409);
    const team = await http.send(org.cookies.manager, 'POST', `/api/teams/${org.teams.ledger}/goals`, { ...GOAL, objective: 'Halve paging alerts' });
    expect(team.statusCode, team.body).toBe(201);
    expect((await http.send(org.cookies.engineer, 'POST', `/api/teams/${org.teams.ledger}/goals`, GOAL)).statusCode).toBe(403);
    expect((await http.get(org.cookies.engineer, `/api/teams/${org.teams.ledger}/goals?quarter=2026-Q4`)).json().goals).toHaveLength(1);
  });
});

describe('check-ins', () => {
  it('generates an agenda from open goals and recent log notes', async () => {
    await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/log`, { kind: 'miss', occurredOn: '2026-11-10', body: 'The cut-over slipped a week; we talked about why.' });
    const agenda = await http.get(org.cookies.manager, `/api/people/${org.people.engineer.id}/check-ins/agenda`);
    expect(agenda.statusCode, agenda.body).toBe(200);
    const refs = agenda.json().items.map((i: { ref: string }) => i.ref);
    expect(refs.filter((r: string) => r.startsWith('goal:'))).toHaveLength(2);
    expect(refs.some((r: string) => r.startsWith('log:'))).toBe(true);
    expect(agenda.json().defaultCadence).toBe('monthly');
    // The agenda is the pair's: the lead above the manager does not get it.
    expect((await http.get(org.cookies.lead, `/api/people/${org.people.engineer.id}/check-ins/agenda`)).statusCode).toBe(404);
  });

  it('refuses a check-in note written by someone who is not the manager, storing nothing', async () => {
    const body = { heldOn: '2026-11-16', cadence: 'monthly', notes: 'We discussed the cut-over.' };
    for (const cookie of [org.cookies.otherManager, org.cookies.colleague, org.cookies.lead, org.cookies.hr]) {
      const refused = await http.send(cookie, 'POST', `/api/people/${org.people.engineer.id}/check-ins`, body);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_YOUR_REPORT' });
    }
    const future = await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/check-ins`, { ...body, heldOn: '2026-12-01' });
    expect(future.json().rule).toBe('CHECK_IN_IN_FUTURE');
    expect(await count('check_ins')).toBe(0);
  });

  it('keeps check-in notes with the pair, dated, and counts a concern for no surprises', async () => {
    const agenda = (await http.get(org.cookies.manager, `/api/people/${org.people.engineer.id}/check-ins/agenda`)).json().items;
    const held = await http.send(org.cookies.manager, 'POST', `/api/people/${org.people.engineer.id}/check-ins`, { heldOn: '2026-11-16', cadence: 'monthly', notes: 'The cut-over slipped; agreed a checklist.', concern: true, agenda });
    expect(held.statusCode, held.body).toBe(201);
    const url = `/api/people/${org.people.engineer.id}/check-ins`;
    const mine = (await http.get(org.cookies.engineer, url)).json();
    expect(mine.checkIns).toHaveLength(1);
    expect(mine.checkIns[0]).toMatchObject({ heldOn: '2026-11-16', concern: true, notes: 'The cut-over slipped; agreed a checklist.' });
    expect(mine.due).toEqual({ dueOn: '2026-12-16', overdue: false, daysOverdue: 0 });
    // Humane keeps HR out of the pair's notes; the lead and colleagues never read them.
    for (const cookie of [org.cookies.hr, org.cookies.lead, org.cookies.colleague]) expect((await http.get(cookie, url)).statusCode).toBe(404);
    await setActivePolicy(database.db, 'amazon');
    expect((await http.get(org.cookies.hr, url)).statusCode).toBe(200);
    await setActivePolicy(database.db, 'humane');

    expect(await concernsRaisedBetween(database.db, org.people.engineer.id, '2026-11-01', '2026-11-30')).toEqual([
      { source: 'log', id: expect.any(Number), on: '2026-11-10' },
      { source: 'check-in', id: held.json().id, on: '2026-11-16' },
    ]);
    expect(await concernsRaisedBetween(database.db, org.people.engineer.id, new Date('2026-11-12T00:00:00Z'), new Date('2026-11-15T00:00:00Z'))).toEqual([]);
  });

  it('shows the manager which check-ins are overdue and reminds them once', async () => {
    const overview = (await http.get(org.cookies.manager, '/api/growth/overview')).json();
    const erin = overview.reports.find((r: { person: { id: number } }) => r.person.id === org.people.engineer.id);
    expect(erin).toMatchObject({ lastCheckIn: '2026-11-16', overdue: false, openGoals: 2 });
    const colleague = overview.reports.find((r: { person: { id: number } }) => r.person.id === org.people.colleagues[0]!.id);
    expect(colleague).toMatchObject({ lastCheckIn: null, overdue: true });
    expect((await http.get(org.cookies.engineer, '/api/growth/overview')).json().mine).toMatchObject({ manager: { id: org.people.manager.id }, lastCheckIn: '2026-11-16', overdue: false });

    expect((await http.send(org.cookies.manager, 'POST', '/api/growth/reminders')).statusCode).toBe(403);
    const sent = (await http.send(org.cookies.hr, 'POST', '/api/growth/reminders')).json();
    expect(sent.overdueCheckIns).toBeGreaterThanOrEqual(5);
    expect((await http.send(org.cookies.hr, 'POST', '/api/growth/reminders')).json().notified).toBe(0);
    const notes = (await http.get(org.cookies.manager, '/api/notifications')).json().notifications;
    expect(notes.filter((n: { title: string }) => n.title.startsWith('Your check-in with Colleague gc 0'))).toHaveLength(1);
  });
});

describe('closing a quarter', () => {
  const url = () => `/api/people/${org.people.engineer.id}/goals/close-quarter`;
  const goals = async () => (await http.get(org.cookies.engineer, `/api/people/${org.people.engineer.id}/goals?quarter=2026-Q4`)).json().goals as { id: number; status: string; outcome: string | null }[];

  it('needs a written outcome for every open goal, or closes nothing', async () => {
    const [first, second] = await goals();
    const short = await http.send(org.cookies.engineer, 'POST', url(), { quarter: '2026-Q4', outcomes: [{ goalId: first!.id, status: 'achieved', outcome: 'done' }] });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors.map((e: { message: string }) => e.message)).toEqual(['needs a short written outcome (at least 20 characters)', `goal ${second!.id} is open and needs an outcome to close the quarter`]);
    expect((await goals()).every((g) => g.outcome === null)).toBe(true);
  });

  it('closes the quarter with outcomes, after which the goals are the record', async () => {
    const [first, second] = await goals();
    const closed = await http.send(org.cookies.engineer, 'POST', url(), {
      quarter: '2026-Q4',
      outcomes: [
        { goalId: first!.id, status: 'achieved', outcome: 'p99 stayed at 170 ms from week 45 on.' },
        { goalId: second!.id, status: 'partly', outcome: 'Paired weekly; the joiner ships alone now.' },
      ],
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().goals.map((g: { status: string; canEdit: boolean }) => [g.status, g.canEdit])).toEqual([['achieved', false], ['partly', false]]);
    expect((await http.send(org.cookies.engineer, 'PATCH', `/api/goals/${first!.id}`, { status: 'at_risk', version: 3 })).json().rule).toBe('GOAL_CLOSED');
    expect((await http.send(org.cookies.engineer, 'POST', url(), { quarter: '2026-Q4', outcomes: [] })).json().rule).toBe('NOTHING_TO_CLOSE');
    const audit = await database.db.selectFrom('audit_events').select('action').where('action', '=', 'goals.quarter_closed').execute();
    expect(audit).toHaveLength(1);
  });
});
