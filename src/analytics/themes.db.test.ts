import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { buildAccount, buildPerson, type BuiltPerson } from '../../test/factories.ts';
import { client } from '../../test/analytics-org.ts';
import { loadActor } from '../accounts/actor.ts';
import { createCycle, launchCycle } from '../cycles/cycles.service.ts';

/**
 * Feedback themes over HTTP. A lead over a manager with six reports; each report received three
 * responses (the first report four) from authors outside the team, whose names and emails
 * are distinctive so any leak shows. The humane cycle releases feedback once three responses
 * arrived; the amazon cycle only at delivery, which has not come.
 */
let database: Database;
let app: FastifyInstance;
let humane: number;
let amazon: number;
let lead: BuiltPerson;
let manager: BuiltPerson;
let reports: BuiltPerson[];
let authors: BuiltPerson[];
type Call = Awaited<ReturnType<typeof client>>;
const as = {} as Record<'hr' | 'admin' | 'lead' | 'manager' | 'report0' | 'report1' | 'report5', Call>;
const responses: LightMyRequestResponse[] = [];

const SUPERPOWERS = ['Calm incident command under pressure.', 'Clear incident command during the outage.', 'Strong incident command and crisp design docs.', 'Kind to new joiners.'];
const IMPROVEMENTS = ['Write design docs earlier.', 'Share design docs earlier in the quarter.', 'Delegate the on-call rota.', 'Say no more often.'];

async function giveFeedback(cycleId: number, subject: BuiltPerson, author: BuiltPerson, i: number) {
  const db = database.db;
  const { id: requestId } = await db
    .insertInto('peer_requests')
    .values({ cycle_id: cycleId, subject_id: subject.id, reviewer_id: author.id, nominated_by: subject.id, status: 'submitted' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('peer_feedback')
    .values({
      request_id: requestId,
      cycle_id: cycleId,
      subject_id: subject.id,
      author_id: author.id,
      public_id: randomUUID(),
      superpowers: SUPERPOWERS[i % 4]!,
      improvements: IMPROVEMENTS[i % 4]!,
      lps_championed: JSON.stringify(i % 2 ? ['Ownership'] : ['Ownership', 'Dive Deep']),
      lps_to_improve: JSON.stringify(['Bias for Action']),
      status: 'submitted',
      submitted_at: new Date(),
    })
    .execute();
}

async function record(call: Promise<LightMyRequestResponse>) {
  const response = await call;
  responses.push(response);
  return response;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db);
  const db = database.db;
  lead = await buildPerson(db, { level: 'L8', name: 'Theme lead' });
  manager = await buildPerson(db, { manager: lead, level: 'L7', name: 'Theme manager' });
  reports = [];
  for (let i = 0; i < 6; i++) reports.push(await buildPerson(db, { manager, name: `Theme report ${i}` }));
  authors = [];
  for (const name of ['Zebulon Quillfeather', 'Xanthippe Marchbanks', 'Ulrika Thistlewood', 'Wilhelmina Fothergill']) {
    authors.push(await buildPerson(db, { manager: lead, name, email: `${name.split(' ')[0]!.toLowerCase()}@authors.example.test` }));
  }
  const hr = await buildAccount(db, { roles: ['hr'] });
  const hrActor = (await loadActor(db, hr.id))!;
  const now = new Date();
  for (const [policyKey, set] of [['humane', (id: number) => (humane = id)], ['amazon', (id: number) => (amazon = id)]] as const) {
    const id = await createCycle(db, { actor: hrActor, name: `Themes ${policyKey}`, rootPersonId: lead.id, policyKey, now });
    await launchCycle(db, { actor: hrActor, cycleId: id, now });
    set(id);
    for (const [r, report] of reports.entries()) {
      for (let a = 0; a < 3; a++) await giveFeedback(id, report, authors[a]!, a);
      if (r === 0) await giveFeedback(id, report, authors[3]!, 3);
    }
  }
  // Report 5 has only two responses in the humane cycle: below its release minimum of three.
  await db.deleteFrom('peer_feedback').where('cycle_id', '=', humane).where('subject_id', '=', reports[5]!.id).where('author_id', '=', authors[2]!.id).execute();

  let ip = 0;
  const sign = async (account: { email: string; password: string }) => client(app, account, `10.64.0.${++ip}`);
  as.hr = await sign(hr);
  as.admin = await sign(await buildAccount(db, { roles: ['admin'] }));
  as.lead = await sign(await buildAccount(db, { person: lead }));
  as.manager = await sign(await buildAccount(db, { person: manager }));
  as.report0 = await sign(await buildAccount(db, { person: reports[0]! }));
  as.report1 = await sign(await buildAccount(db, { person: reports[1]! }));
  as.report5 = await sign(await buildAccount(db, { person: reports[5]! }));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /api/cycles/{id}/themes/me', () => {
  it('gives the person their recurring phrases and LP tags once feedback is released to them', async () => {
    const response = await record(as.report0('GET', `/api/cycles/${humane}/themes/me`));
    expect(response.statusCode, response.body).toBe(200);
    const themes = response.json();
    expect(themes).toMatchObject({ subject: { kind: 'person', id: reports[0]!.id }, shown: true, responses: 4 });
    expect(themes.superpowers[0]).toMatchObject({ phrase: 'incident command', responses: 3 });
    expect(themes.improvements.map((t: { phrase: string }) => t.phrase)).toContain('design docs');
    // The humane policy aggregates tags: counts only, as listReceivedFeedback gives them.
    expect(themes.principles.championed).toEqual([
      { principle: 'Ownership', count: 4 },
      { principle: 'Dive Deep', count: 2 },
    ]);
  });

  it('shows nothing before the release rule allows: too few responses, or before delivery', async () => {
    const few = await record(as.report5('GET', `/api/cycles/${humane}/themes/me`));
    expect(few.json()).toMatchObject({ shown: false, superpowers: [], improvements: [], responses: 0 });
    expect(few.json().reason).toContain('at least 3 responses');
    const early = await record(as.report0('GET', `/api/cycles/${amazon}/themes/me`));
    expect(early.json()).toMatchObject({ shown: false, superpowers: [] });
    expect(early.json().reason).toContain('delivered');
  });

  it('is only for participants', async () => {
    expect((await record(as.hr('GET', `/api/cycles/${humane}/themes/me`))).statusCode).toBe(403);
  });
});

describe('GET /api/cycles/{id}/people/{personId}/themes', () => {
  it('is for the management chain and HR in scope, whatever the release', async () => {
    for (const who of [as.manager, as.lead, as.hr]) {
      const response = await record(who('GET', `/api/cycles/${amazon}/people/${reports[0]!.id}/themes`));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ shown: true, responses: 4 });
    }
  });

  it('is refused to a peer and to an admin', async () => {
    expect((await record(as.report1('GET', `/api/cycles/${amazon}/people/${reports[0]!.id}/themes`))).statusCode).toBe(404);
    expect((await record(as.admin('GET', `/api/cycles/${amazon}/people/${reports[0]!.id}/themes`))).statusCode).toBe(404);
  });
});

describe('GET /api/cycles/{id}/themes', () => {
  it("gives a team's themes to its manager, the chain and HR, from the minimum group size", async () => {
    for (const who of [as.manager, as.lead, as.hr]) {
      const response = await record(who('GET', `/api/cycles/${humane}/themes?rootPersonId=${manager.id}`));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ subject: { kind: 'team', id: manager.id }, shown: true, people: 6 });
    }
    const org = await record(as.hr('GET', `/api/cycles/${humane}/themes`));
    expect(org.json()).toMatchObject({ subject: { kind: 'organisation', id: lead.id }, shown: true, people: 6 });
    expect(org.json().principles.toImprove).toEqual([{ principle: 'Bias for Action', count: 18 }]);
  });

  it('hides a group smaller than the minimum', async () => {
    const response = await record(as.manager('GET', `/api/cycles/${humane}/themes?rootPersonId=${reports[0]!.id}`));
    expect(response.json()).toMatchObject({ shown: false, superpowers: [], improvements: [] });
    expect(response.json().reason).toContain('at least 5 people');
  });

  it("never counts the reader's own feedback: a report reading the organisation is refused anyway", async () => {
    expect((await record(as.report0('GET', `/api/cycles/${humane}/themes?rootPersonId=${manager.id}`))).statusCode).toBe(404);
    // The manager reading the lead's organisation is not above it.
    expect((await record(as.manager('GET', `/api/cycles/${humane}/themes`))).statusCode).toBe(404);
  });
});

describe('authors', () => {
  it('appear in no response: no id, name or email of anyone who wrote feedback', () => {
    expect(responses.length).toBeGreaterThan(10);
    for (const response of responses) {
      const body = response.body;
      for (const author of authors) {
        expect(body).not.toContain(author.name);
        expect(body).not.toContain(author.name.split(' ')[0]!);
        expect(body).not.toContain(author.email);
        expect(body).not.toMatch(new RegExp(`"id":${author.id}[,}]`, 'u'));
      }
      expect(keysOf(JSON.parse(body)).filter((k) => /author/iu.test(k))).toEqual([]);
    }
  });
});

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}
