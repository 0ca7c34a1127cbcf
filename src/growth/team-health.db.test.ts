import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { signInCookie, startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildGrowthOrg, type GrowthOrg } from '../../test/growth-helpers.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { setActivePolicy } from '../policy/policy.service.ts';

// Team health through the API: anonymous pulses with the minimum group size and complementary
// suppression, one answer per person, answers on the scale, and no answer traceable to anyone.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: GrowthOrg;
const clock = new Date('2026-11-02T09:00:00Z');
/** Everyone who answers, with a session each: Ledger (7), Search (4), Platform (5). */
const answerers: { person: BuiltPerson; cookie: string; team: 'ledger' | 'search' | 'platform' }[] = [];
let platformTeam = 0;

const QUESTIONS = [
  { key: 'fun', text: 'Work is fun.', scale: { min: 1, max: 5, minLabel: 'No', maxLabel: 'Yes' } },
  { key: 'safe', text: 'I can raise a problem without fear.', scale: { min: 1, max: 5, minLabel: 'No', maxLabel: 'Yes' } },
];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  await setActivePolicy(database.db, 'humane');
  org = await buildGrowthOrg(database.db, app, 'th');
  const platformLead = await buildPerson(database.db, { name: 'Pia Platform', manager: org.people.lead, level: 'L6', team: 'Platform th' });
  const platform = [platformLead];
  for (let i = 0; i < 4; i++) platform.push(await buildPerson(database.db, { name: `Platformer ${i}`, manager: platformLead, team: 'Platform th' }));
  platformTeam = (await database.db.selectFrom('teams').select('id').where('name', '=', 'Platform th').executeTakeFirstOrThrow()).id;
  const members = [
    ...[org.people.manager, org.people.engineer, ...org.people.colleagues].map((p) => ({ person: p, team: 'ledger' as const })),
    ...[org.people.otherManager, ...org.people.searchers].map((p) => ({ person: p, team: 'search' as const })),
    ...platform.map((p) => ({ person: p, team: 'platform' as const })),
  ];
  for (const [i, m] of members.entries()) {
    const account = (await database.db.selectFrom('accounts').select('email').where('person_id', '=', m.person.id).executeTakeFirst()) ?? (await buildAccount(database.db, { person: m.person }));
    answerers.push({ ...m, cookie: await signInCookie(app, account.email, 'correct horse battery staple 42', `10.50.0.${i}`) });
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const tallyRows = async () => Number((await database.db.selectFrom('pulse_tallies').select((eb) => eb.fn.sum<number>('n').as('n')).executeTakeFirstOrThrow()).n ?? 0);

describe('a team-health pulse', () => {
  let pulseId = 0;
  // Each answerer's answer to "fun": a reader who could isolate one would see it.
  const fun = (i: number) => (i % 5) + 1;

  it('is opened by someone who acts for every team asked, and the members are told', async () => {
    const body = { title: 'November health check', teamIds: [org.teams.ledger, org.teams.search, platformTeam], closesOn: '2026-11-09', questions: QUESTIONS };
    expect((await http.send(org.cookies.manager, 'POST', '/api/pulses', body)).json().rule).toBe('NOT_YOUR_TEAM');
    const created = await http.send(org.cookies.lead, 'POST', '/api/pulses', body);
    expect(created.statusCode, created.body).toBe(201);
    pulseId = created.json().id;
    expect(created.json()).toMatchObject({ minGroupSize: 5, open: true, canReadResults: true });
    const notes = (await http.get(org.cookies.engineer, '/api/notifications')).json().notifications;
    expect(notes.some((n: { title: string }) => n.title.includes('November health check'))).toBe(true);
    expect((await http.get(org.cookies.engineer, `/api/pulses/${pulseId}`)).json()).toMatchObject({ canAnswer: true, answered: false, canReadResults: false });
  });

  it('refuses an answer off the scale or incomplete, storing nothing', async () => {
    const cookie = answerers[0]!.cookie;
    for (const answers of [{ fun: 6, safe: 3 }, { fun: 3 }, { fun: 3, safe: 3, salary: 1 }]) {
      const refused = await http.send(cookie, 'POST', `/api/pulses/${pulseId}/responses`, { answers });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'GROWTH_RULE_VIOLATED', rule: 'ANSWER_INVALID' });
    }
    expect(await tallyRows()).toBe(0);
    expect(await database.db.selectFrom('pulse_participation').selectAll().execute()).toEqual([]);
  });

  it('takes one answer per person and returns nothing that names it', async () => {
    for (const [i, a] of answerers.entries()) {
      const answered = await http.send(a.cookie, 'POST', `/api/pulses/${pulseId}/responses`, { answers: { fun: fun(i), safe: 4 } });
      expect(answered.statusCode, answered.body).toBe(204);
      expect(answered.body).toBe('');
    }
    const again = await http.send(answerers[0]!.cookie, 'POST', `/api/pulses/${pulseId}/responses`, { answers: { fun: 1, safe: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_SUBMITTED', rule: 'ALREADY_ANSWERED' });
    expect(await tallyRows()).toBe(answerers.length * 2);
    // HR reads the results but was not asked.
    expect((await http.send(org.cookies.hr, 'POST', `/api/pulses/${pulseId}/responses`, { answers: { fun: 1, safe: 1 } })).json().rule).toBe('NOT_ASKED');
  });

  it('keeps no row that holds a person next to an answer', async () => {
    // Participation says who answered, never what; tallies say what, per team, never who.
    const participation = await database.db.selectFrom('pulse_participation').selectAll().execute();
    expect(Object.keys(participation[0]!).sort()).toEqual(['person_id', 'pulse_id']);
    const tallies = await database.db.selectFrom('pulse_tallies').selectAll().execute();
    expect(Object.keys(tallies[0]!).sort()).toEqual(['n', 'pulse_id', 'question_key', 'team_id', 'value']);
    const audit = await database.db.selectFrom('audit_events').select('action').where('action', 'like', 'pulse%').execute();
    expect(audit.map((a) => a.action)).toEqual(['pulse.created']);
  });

  it('shows no results while answers can still arrive', async () => {
    const early = await http.get(org.cookies.lead, `/api/pulses/${pulseId}/results`);
    expect(early.statusCode).toBe(409);
    expect(early.json().rule).toBe('PULSE_OPEN');
  });

  it('never shows the team of four, and hides a second team so that no subtraction isolates it', async () => {
    clock.setTime(Date.parse('2026-11-10T09:00:00Z'));
    await org.signIn();
    const results = await http.get(org.cookies.lead, `/api/pulses/${pulseId}/results`);
    expect(results.statusCode, results.body).toBe(200);
    const report = results.json();
    // Search has 4 respondents: hidden. Platform (5) is the next-smallest and is hidden with it.
    expect(report.suppressedTeams.map((t: { id: number }) => t.id).sort()).toEqual([org.teams.search, platformTeam].sort());
    expect(report.teams.map((t: { team: { id: number } }) => t.team.id)).toEqual([org.teams.ledger]);
    expect(report.total.respondents).toBe(16);
    expect(JSON.stringify(report)).not.toContain('"respondents":4');

    const refused = await http.get(org.cookies.lead, `/api/pulses/${pulseId}/results?teamId=${org.teams.search}`);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ rule: 'GROUP_TOO_SMALL', minGroupSize: 5 });
    expect(refused.json()).not.toHaveProperty('teams');
    expect((await http.get(org.cookies.lead, `/api/pulses/${pulseId}/results?teamId=${platformTeam}`)).statusCode).toBe(422);

    // The attack: read the total and every filter on offer, subtract, and try to isolate a person.
    const ledger = (await http.get(org.cookies.lead, `/api/pulses/${pulseId}/results?teamId=${org.teams.ledger}`)).json();
    const distribution = (r: { questions: { key: string; distribution: { value: number; n: number }[] }[] }) => r.questions.find((q) => q.key === 'fun')!.distribution.map((d) => d.n);
    const rest = distribution(report.total).map((n: number, i: number) => n - distribution(ledger.teams[0])[i]!);
    const restRespondents = report.total.respondents - ledger.teams[0].respondents;
    // What subtraction leaves is Search and Platform together: nine people, never one team, never one answer.
    expect(restRespondents).toBe(9);
    expect(rest.reduce((a: number, b: number) => a + b, 0)).toBe(9);
    const searchAnswers = answerers.map((a, i) => ({ ...a, fun: fun(i) })).filter((a) => a.team === 'search').map((a) => a.fun);
    const searchDistribution = [1, 2, 3, 4, 5].map((v) => searchAnswers.filter((x) => x === v).length);
    expect(rest).not.toEqual(searchDistribution);
  });

  it('shows a team its own health over time, with suppressed points carrying no numbers', async () => {
    const ledger = (await http.get(org.cookies.engineer, `/api/teams/${org.teams.ledger}/health`)).json();
    expect(ledger.points).toHaveLength(1);
    expect(ledger.points[0]).toMatchObject({ suppressed: false, respondents: 7 });
    const search = (await http.get(org.cookies.otherManager, `/api/teams/${org.teams.search}/health`)).json();
    expect(search.points[0]).toEqual({ pulse: expect.objectContaining({ id: pulseId }), suppressed: true, respondents: null, questions: [] });
    expect((await http.get(org.cookies.engineer, `/api/teams/${org.teams.search}/health`)).statusCode).toBe(404);
    expect((await http.get(org.cookies.engineer, `/api/pulses/${pulseId}/results`)).statusCode).toBe(404);
  });

  it('refuses an answer after the pulse closed', async () => {
    const late = await http.send(org.cookies.lead, 'POST', `/api/pulses/${pulseId}/responses`, { answers: { fun: 3, safe: 3 } });
    expect(late.statusCode).toBe(403);
  });
});

describe('skip-level notes', () => {
  it('are written by leaders above the manager and read by them and HR only', async () => {
    const url = `/api/people/${org.people.engineer.id}/skip-level-notes`;
    expect((await http.send(org.cookies.manager, 'POST', url, { heldOn: '2026-11-05', notes: 'x' })).statusCode).toBe(404);
    const added = await http.send(org.cookies.lead, 'POST', url, { heldOn: '2026-11-05', notes: 'Likes the team; wants more design work.' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await http.get(org.cookies.lead, url)).json().notes).toEqual([expect.objectContaining({ heldOn: '2026-11-05', leader: { id: org.people.lead.id, name: org.people.lead.name } })]);
    expect((await http.get(org.cookies.hr, url)).json().notes).toHaveLength(1);
    expect((await http.get(org.cookies.engineer, url)).statusCode).toBe(404);
    expect((await http.send(org.cookies.hr, 'POST', url, { heldOn: '2026-11-05', notes: 'x' })).json().rule).toBe('NOT_YOUR_REPORT');
  });
});
