import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildOlrOrg, launchCycle, proposal, type OlrOrg } from '../../test/olr-helpers.ts';

// The form that opens a calibration session starts from the organisation's leaders: who they
// are, in order, and how many proposals the session would take in.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: OlrOrg;
let cycleId: number;
const clock = new Date('2026-11-02T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildOlrOrg(database.db, app, 'cand');
  cycleId = await launchCycle(app, org, 'amazon', 'Candidates 2026');
  clock.setTime(Date.parse('2027-01-05T09:00:00Z')); // manager review: proposals open
  await org.signIn();
  for (const engineer of org.people.engineers.slice(0, 3)) {
    const saved = await http.send(org.cookies.managers[0]!, 'POST', `/api/cycles/${cycleId}/people/${engineer.id}/proposal/submit`, proposal(4, 2));
    expect(saved.statusCode, saved.body).toBe(200);
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const candidates = (cookie: string, rootPersonId: number) => http.get(cookie, `/api/calibration-sessions/calibrator-candidates?cycleId=${cycleId}&rootPersonId=${rootPersonId}`);

describe('calibrator candidates', () => {
  it('lists the leader first, then the managers with accounts, then the HR partner opening it, with the proposals ready', async () => {
    const response = await candidates(org.cookies.hr, org.people.director.id);
    expect(response.statusCode, response.body).toBe(200);
    const { director, managers } = org.people;
    expect(response.json()).toEqual({
      root: { id: director.id, name: director.name },
      candidates: [
        { accountId: org.accounts.director.id, personId: director.id, name: director.name, reason: 'leads the organisation' },
        ...managers.map((m, i) => ({ accountId: org.accounts.managers[i]!.id, personId: m.id, name: m.name, reason: 'manages a team in it' })),
        { accountId: org.accounts.hr.id, personId: null, name: expect.any(String), reason: 'opens the session' },
      ],
      proposalsReady: 3,
    });
  });

  it('narrows to a team: its manager leads it and nobody else there manages', async () => {
    const response = await candidates(org.cookies.hr, org.people.managers[1]!.id);
    expect(response.json().candidates.map((c: { reason: string }) => c.reason)).toEqual(['leads the organisation', 'opens the session']);
    expect(response.json().proposalsReady).toBe(0);
  });

  it('counts a proposal once it sits in a session no more', async () => {
    const calibratorAccountIds = [org.accounts.director.id, org.accounts.hr.id];
    const opened = await http.send(org.cookies.hr, 'POST', '/api/calibration-sessions', { cycleId, rootPersonId: org.people.managers[0]!.id, name: 'Payments', calibratorAccountIds });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await candidates(org.cookies.hr, org.people.director.id)).json().proposalsReady).toBe(0);
  });

  it('is refused to a manager, and names a root outside the cycle’s organisation', async () => {
    expect([403, 404]).toContain((await candidates(org.cookies.managers[0]!, org.people.director.id)).statusCode);
    const other = await buildOlrOrg(database.db, app, 'cand-other');
    const outside = await candidates(org.cookies.hr, other.people.director.id);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ path: 'querystring.rootPersonId', message: 'is not in the cycle’s organisation' }]);
  });
});
