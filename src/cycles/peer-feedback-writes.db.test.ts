import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api, buildForteOrg } from '../../test/forte-helpers.ts';

// A peer's draft is written by one statement (insert or versioned update, plus the request's
// status). These tests race saves of the same draft, as two tabs or a double click do, and check
// that exactly one wins, the other is told why with the text that won, and nothing is half-written.

let database: Database;
let app: FastifyInstance;
let org: Awaited<ReturnType<typeof buildForteOrg>>;
let http: ReturnType<typeof api>;
const clock = new Date('2026-11-02T09:00:00Z');
let cycleId: number;

const answers = (superpowers: string, version?: number) => ({
  superpowers,
  improvements: 'Write the rollback plan before the rollout.',
  lpsChampioned: ['Dive Deep'],
  lpsToImprove: [],
  ...(version === undefined ? {} : { version }),
});

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildForteOrg(database.db, app);
  cycleId = (await http.send(org.cookies.hr, 'POST', '/api/cycles', { name: 'Races', rootPersonId: org.people.lead.id, policy: 'amazon' })).json().id;
  await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/launch`);
  await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests`, { subjectId: org.people.engineer.id, reviewerIds: org.people.peers.slice(0, 4).map((p) => p.id) });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function requestFor(peer: number): Promise<number> {
  return (await http.get(org.cookies.peers[peer]!, `/api/cycles/${cycleId}/tasks`)).json().feedbackToWrite[0].requestId;
}

async function storedRows(requestId: number) {
  const feedback = await database.db.selectFrom('peer_feedback').select(['superpowers', 'status', 'version']).where('request_id', '=', requestId).execute();
  const request = await database.db.selectFrom('peer_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
  return { feedback, requestStatus: request.status };
}

describe('saving a peer draft in one statement', () => {
  it('creates the first draft once when two tabs save version 0 at the same time', async () => {
    const requestId = await requestFor(0);
    const url = `/api/peer-requests/${requestId}/feedback`;
    const [a, b] = await Promise.all([http.send(org.cookies.peers[0]!, 'PUT', url, answers('Tab A text', 0)), http.send(org.cookies.peers[0]!, 'PUT', url, answers('Tab B text', 0))]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(winner.json()).toMatchObject({ status: 'draft', version: 1 });
    expect(loser.json()).toMatchObject({ rule: 'VERSION_CONFLICT', version: 1, latest: { superpowers: winner.json().superpowers } });
    const stored = await storedRows(requestId);
    expect(stored.feedback).toEqual([{ superpowers: winner.json().superpowers, status: 'draft', version: 1 }]);
    expect(stored.requestStatus).toBe('accepted');
  });

  it('lets exactly one of several saves of the same version win', async () => {
    const requestId = await requestFor(1);
    const url = `/api/peer-requests/${requestId}/feedback`;
    await http.send(org.cookies.peers[1]!, 'PUT', url, answers('First', 0));
    const tabs = ['One', 'Two', 'Three', 'Four'];
    const results = await Promise.all(tabs.map((text) => http.send(org.cookies.peers[1]!, 'PUT', url, answers(text, 1))));
    const won = results.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().rule === 'VERSION_CONFLICT')).toBe(true);
    expect((await storedRows(requestId)).feedback).toEqual([{ superpowers: won[0]!.json().superpowers, status: 'draft', version: 2 }]);
  });

  it('never lets a draft save overwrite a submission racing it', async () => {
    const requestId = await requestFor(2);
    const url = `/api/peer-requests/${requestId}/feedback`;
    await http.send(org.cookies.peers[2]!, 'PUT', url, answers('Draft', 0));
    // Without a version (an old client), both race on whatever is stored.
    const [submit, save] = await Promise.all([http.send(org.cookies.peers[2]!, 'POST', `${url}/submit`, answers('Final words')), http.send(org.cookies.peers[2]!, 'PUT', url, answers('Late autosave'))]);
    expect(submit.statusCode).toBe(200);
    const stored = await storedRows(requestId);
    expect(stored.requestStatus).toBe('submitted');
    expect(stored.feedback).toHaveLength(1);
    expect(stored.feedback[0]!.status).toBe('submitted');
    if (save.statusCode === 200) {
      // The autosave ran first; the submission then replaced it.
      expect(stored.feedback[0]).toMatchObject({ superpowers: 'Final words', version: 3 });
    } else {
      expect(save.json().rule).toBe('ALREADY_SUBMITTED');
      expect(stored.feedback[0]).toMatchObject({ superpowers: 'Final words', version: 2 });
    }
  });

  it('writes nothing to a declined request, and says so', async () => {
    const requestId = await requestFor(3);
    const declined = await http.send(org.cookies.peers[3]!, 'POST', `/api/peer-requests/${requestId}/respond`, { accept: false, reason: 'I have not worked with Erin this year.' });
    expect(declined.statusCode).toBe(204);
    const refused = await http.send(org.cookies.peers[3]!, 'PUT', `/api/peer-requests/${requestId}/feedback`, answers('Anything', 0));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().rule).toBe('REQUEST_DECLINED');
    expect(await storedRows(requestId)).toEqual({ feedback: [], requestStatus: 'declined' });
  });
});
