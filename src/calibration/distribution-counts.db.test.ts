import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildOlrOrg, launchCycle, proposal, type OlrOrg } from '../../test/olr-helpers.ts';
import { countSessionRatings } from './distribution-counts.repository.ts';

// The distribution an adjustment answers with comes from counts kept with each write, not from
// counting the session: they must stay exactly what counting would give, moves in parallel too.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
let org: OlrOrg;
let sessionId: number;
const clock = new Date('2026-11-02T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildOlrOrg(database.db, app, 'cnt');
  const cycleId = await launchCycle(app, org, 'amazon', 'Counts');
  clock.setTime(Date.parse('2027-01-05T09:00:00Z'));
  await org.signIn();
  for (const [i, engineer] of org.people.engineers.entries()) {
    const submitted = await http.send(org.cookies.managers[Math.floor(i / 6)]!, 'POST', `/api/cycles/${cycleId}/people/${engineer.id}/proposal/submit`, proposal(4, 2));
    expect(submitted.statusCode, submitted.body).toBe(200);
  }
  const created = await http.send(org.cookies.hr, 'POST', '/api/calibration-sessions', { cycleId, rootPersonId: org.people.director.id, name: 'Counts', calibratorAccountIds: [org.accounts.hr.id] });
  sessionId = created.json().id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const kept = async () =>
  Object.fromEntries((await database.db.selectFrom('calibration_counts').select(['ov', 'n']).where('session_id', '=', sessionId).execute()).filter((r) => r.n > 0).map((r) => [r.ov, r.n]));
const counted = async () => Object.fromEntries(Object.entries(await countSessionRatings(database.db, sessionId)).filter(([, n]) => n > 0));
const move = (personId: number, performance: number, potential: number, version: number) =>
  http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/adjustments`, { personId, performance, potential, rationale: 'Compared with level peers in the meeting.', version });

describe('the distribution counts kept for a session', () => {
  it('are counted when the session opens', async () => {
    expect(await kept()).toEqual({ HV1: 12 });
    expect(await kept()).toEqual(await counted());
  });

  it('answer each move with the distribution counting would give, and stay exact under parallel moves', async () => {
    const [first, ...others] = org.people.engineers;
    const one = await move(first!.id, 4, 3, 1);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().distribution.counts).toEqual({ TT: 0, HV3: 0, HV2: 1, HV1: 11, LE: 0 });
    const answers = await Promise.all(others.slice(0, 6).map((e, i) => move(e.id, i % 2 ? 5 : 4, 3, 1)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200));
    expect(await kept()).toEqual(await counted());
    expect(await kept()).toEqual({ HV1: 5, HV2: 4, HV3: 3 });
  });

  it('fall back to counting for a session whose counts were never kept', async () => {
    await database.db.deleteFrom('calibration_counts').where('session_id', '=', sessionId).execute();
    const engineer = org.people.engineers[8]!;
    const moved = await move(engineer.id, 4, 3, 1);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().distribution.counts).toEqual({ TT: 0, HV3: 3, HV2: 5, HV1: 4, LE: 0 });
    expect(await kept()).toEqual({});
  });
});
