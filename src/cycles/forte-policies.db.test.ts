import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { signInCookie, startTestServer } from '../../test/server.ts';
import { buildAccount, buildPerson } from '../../test/factories.ts';
import { api, buildForteOrg } from '../../test/forte-helpers.ts';
import { setActivePolicy } from '../policy/policy.service.ts';
import { drainOutbox } from './notifications.service.ts';

let database: Database;
let app: FastifyInstance;
let org: Awaited<ReturnType<typeof buildForteOrg>>;
let http: ReturnType<typeof api>;
const clock = new Date('2026-11-02T09:00:00Z');
let cycleId: number;

const answers = (i: number) => ({
  superpowers: `Response ${i}: steady incident command during the ledger outage.`,
  improvements: 'Publish design notes before the review meeting.',
  lpsChampioned: i % 2 ? ['Dive Deep'] : ['Dive Deep', 'Ownership'],
  lpsToImprove: ['Think Big'],
});

async function writeFeedback(peerIndexes: number[]) {
  for (const i of peerIndexes) {
    const tasks = (await http.get(org.cookies.peers[i]!, `/api/cycles/${cycleId}/tasks`)).json();
    const requestId = tasks.feedbackToWrite[0].requestId;
    const submitted = await http.send(org.cookies.peers[i]!, 'POST', `/api/peer-requests/${requestId}/feedback/submit`, answers(i));
    expect(submitted.statusCode, submitted.body).toBe(200);
  }
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildForteOrg(database.db, app);
  cycleId = (await http.send(org.cookies.hr, 'POST', '/api/cycles', { name: 'Humane 2026', rootPersonId: org.people.lead.id, policy: 'humane' })).json().id;
  await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/launch`);
  await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests`, {
    subjectId: org.people.engineer.id,
    reviewerIds: org.people.peers.slice(0, 4).map((p) => p.id),
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the humane policy', () => {
  it('withholds peer feedback until three responses have arrived, then releases it at once', async () => {
    await writeFeedback([0, 1]);
    const two = (await http.get(org.cookies.engineer, `/api/cycles/${cycleId}/feedback/received`)).json();
    expect(two).toMatchObject({ released: false, responses: [] });
    expect(two.reason).toContain('at least 3');
    await writeFeedback([2]);
    const three = (await http.get(org.cookies.engineer, `/api/cycles/${cycleId}/feedback/received`)).json();
    expect(three.released).toBe(true);
    expect(three.responses).toHaveLength(3);
  });

  it('shows LP tags aggregated across responses, not per response', async () => {
    const received = (await http.get(org.cookies.engineer, `/api/cycles/${cycleId}/feedback/received`)).json();
    expect(received.responses.every((r: object) => !('lpsChampioned' in r))).toBe(true);
    expect(received.principles.championed).toEqual([
      { principle: 'Dive Deep', count: 3 },
      { principle: 'Ownership', count: 2 },
    ]);
  });

  it('gives HR the feedback without authors, and the manager with them', async () => {
    const hr = (await http.get(org.cookies.hr, `/api/cycles/${cycleId}/people/${org.people.engineer.id}/feedback`)).json();
    expect(hr.authorsShown).toBe(false);
    expect(JSON.stringify(hr)).not.toContain(org.people.peers[0]!.name);
    const manager = (await http.get(org.cookies.manager, `/api/cycles/${cycleId}/people/${org.people.engineer.id}/feedback`)).json();
    expect(manager.responses.map((r: { author: { name: string } }) => r.author.name)).toHaveLength(3);
  });

  it('lets the subject see that the manager asked people, as a count, never their names', async () => {
    const mine = (await http.get(org.cookies.engineer, `/api/cycles/${cycleId}/peer-requests`)).json();
    expect(mine).toMatchObject({ requests: [], askedByManager: 4 });
  });
});

describe('HR partners who take part themselves', () => {
  it('cannot read their own peer feedback with authors, nor who answered them', async () => {
    const account = await buildAccount(database.db, { person: org.people.lead, roles: ['hr'] });
    const cookie = await signInCookie(app, account.email, account.password, '10.30.0.1');
    expect((await http.get(cookie, `/api/cycles/${cycleId}/people/${org.people.lead.id}/feedback`)).statusCode).toBe(404);
    const mine = (await http.get(cookie, `/api/cycles/${cycleId}/peer-requests`)).json();
    expect(mine).not.toHaveProperty('responses');
    expect((await http.get(cookie, `/api/cycles/${cycleId}/people/${org.people.engineer.id}/feedback`)).statusCode).toBe(200);
  });
});

describe('peer requests', () => {
  it('go only to people taking part in the cycle', async () => {
    const outsider = await buildPerson(database.db, { name: 'Otto Outside' });
    const refused = await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests`, { subjectId: org.people.engineer.id, reviewerIds: [outsider.id] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().rule).toBe('NOT_AVAILABLE');
  });

  it('need a reason to decline, and a declined request cannot be written', async () => {
    const tasks = (await http.get(org.cookies.peers[3]!, `/api/cycles/${cycleId}/tasks`)).json();
    const requestId = tasks.feedbackToWrite[0].requestId;
    const bare = await http.send(org.cookies.peers[3]!, 'POST', `/api/peer-requests/${requestId}/respond`, { accept: false });
    expect(bare.statusCode).toBe(400);
    expect((await http.send(org.cookies.peers[3]!, 'POST', `/api/peer-requests/${requestId}/respond`, { accept: false, reason: 'I have not worked with Erin this year.' })).statusCode).toBe(204);
    const write = await http.send(org.cookies.peers[3]!, 'PUT', `/api/peer-requests/${requestId}/feedback`, answers(3));
    expect(write.statusCode).toBe(409);
    const managerView = (await http.get(org.cookies.manager, `/api/cycles/${cycleId}/peer-requests?subjectId=${org.people.engineer.id}`)).json();
    expect(managerView.requests.find((r: { id: number }) => r.id === requestId)).toMatchObject({ status: 'declined', declineReason: 'I have not worked with Erin this year.' });
  });
});

describe('the continuous feedback log', () => {
  it('hides the manager’s notes from the employee under amazon and shows them under humane', async () => {
    const engineer = org.people.engineer.id;
    expect((await http.send(org.cookies.manager, 'POST', `/api/people/${engineer}/log`, { kind: 'support', occurredOn: '2026-10-01', body: 'Paired on the migration plan.' })).statusCode).toBe(201);
    expect((await http.send(org.cookies.engineer, 'POST', `/api/people/${engineer}/log`, { kind: 'win', occurredOn: '2026-10-02', body: 'Migration finished with no downtime.' })).statusCode).toBe(201);
    const future = await http.send(org.cookies.engineer, 'POST', `/api/people/${engineer}/log`, { kind: 'win', occurredOn: '2027-10-02', body: 'Not yet.' });
    expect(future.statusCode).toBe(400);
    const peer = await http.send(org.cookies.peers[0]!, 'POST', `/api/people/${engineer}/log`, { kind: 'feedback', occurredOn: '2026-10-02', body: 'Nice.' });
    expect(peer.statusCode).toBe(403);

    await setActivePolicy(database.db, 'amazon');
    const amazon = (await http.get(org.cookies.engineer, `/api/people/${engineer}/log`)).json();
    expect(amazon.entries.map((e: { body: string }) => e.body)).toEqual(['Migration finished with no downtime.']);
    await setActivePolicy(database.db, 'humane');
    const humane = (await http.get(org.cookies.engineer, `/api/people/${engineer}/log`)).json();
    expect(humane.entries).toHaveLength(2);
    expect((await http.get(org.cookies.manager, `/api/people/${engineer}/log`)).json().entries).toHaveLength(2);
    expect((await http.get(org.cookies.peers[0]!, `/api/people/${engineer}/log`)).statusCode).toBe(404);
  });
});

describe('notifications', () => {
  it('are drained to email exactly once, and reminders are idempotent per day', async () => {
    const sent: string[] = [];
    const first = await drainOutbox(database.db, { send: async (m) => void sent.push(`${m.to}: ${m.subject}`), limit: 1000, now: clock });
    expect(first).toBeGreaterThan(0);
    expect(sent.some((s) => s.startsWith('erin@corp.test: Humane 2026 has started'))).toBe(true);
    expect(await drainOutbox(database.db, { send: async () => undefined, limit: 1000, now: clock })).toBe(0);

    const reminded = (await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/reminders`)).json();
    expect(reminded.phase).toBe('self_review');
    expect(reminded.sent).toBeGreaterThan(0);
    expect((await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/reminders`)).json().sent).toBe(0);
  });

  it('fails a send without marking it sent, so it is retried', async () => {
    await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests`, { subjectId: org.people.peers[5]!.id, reviewerIds: [org.people.peers[4]!.id] });
    await expect(drainOutbox(database.db, { send: async () => Promise.reject(new Error('smtp down')), limit: 10, now: clock })).rejects.toThrow('smtp down');
    const retried: string[] = [];
    await drainOutbox(database.db, { send: async (m) => void retried.push(m.to), limit: 10, now: clock });
    expect(retried).toContain('peer4@corp.test');
  });
});

describe('people who join, leave or move during a cycle', () => {
  it('are flagged in progress, and late joiners can be added', async () => {
    const newcomer = await buildPerson(database.db, { name: 'Nia Newcomer', manager: org.people.manager });
    await database.db.updateTable('people').set({ status: 'terminated' }).where('id', '=', org.people.peers[5]!.id).execute();
    await database.db.updateTable('people').set({ manager_id: org.people.lead.id }).where('id', '=', org.people.peers[4]!.id).execute();
    const progress = (await http.get(org.cookies.hr, `/api/cycles/${cycleId}/progress`)).json();
    expect(progress.joinedAfterLaunch).toEqual([{ id: newcomer.id, name: 'Nia Newcomer' }]);
    const byName = (name: string) => progress.people.find((p: { person: { name: string } }) => p.person.name === name);
    expect(byName(org.people.peers[5]!.name).left).toBe(true);
    expect(byName(org.people.peers[4]!.name).managerChanged).toBe(true);
    expect(progress.summary.left).toBe(1);
    expect((await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/participants/sync`)).json()).toEqual({ added: 1 });
    const after = (await http.get(org.cookies.hr, `/api/cycles/${cycleId}/progress`)).json();
    expect(after.joinedAfterLaunch).toEqual([]);
    expect(after.people.some((p: { person: { id: number } }) => p.person.id === newcomer.id)).toBe(true);
  });

  it('keep a draft self review private to its writer', async () => {
    await http.send(org.cookies.engineer, 'PUT', `/api/cycles/${cycleId}/self-review`, { body: 'Half-written thoughts', principles: [] });
    const managerView = (await http.get(org.cookies.manager, `/api/cycles/${cycleId}/people/${org.people.engineer.id}/self-review`)).json();
    expect(managerView).toMatchObject({ status: 'not_started', body: '' });
  });

  it('are refused for a draft cycle, which takes everyone at launch', async () => {
    const draft = (await http.send(org.cookies.hr, 'POST', '/api/cycles', { name: 'Draft', rootPersonId: org.people.lead.id, policy: 'amazon' })).json();
    expect((await http.send(org.cookies.hr, 'POST', `/api/cycles/${draft.id}/participants/sync`)).statusCode).toBe(409);
    expect((await http.send(org.cookies.hr, 'POST', `/api/cycles/${draft.id}/launch`)).statusCode).toBe(200);
  });

  it('shows a manager the progress of their own subtree only', async () => {
    const progress = (await http.get(org.cookies.manager, `/api/cycles/${cycleId}/progress`)).json();
    const ids = progress.people.map((p: { person: { id: number } }) => p.person.id);
    expect(ids).toContain(org.people.engineer.id);
    expect(ids).not.toContain(org.people.manager.id);
    expect(ids).not.toContain(org.people.lead.id);
    expect((await http.get(org.cookies.engineer, `/api/cycles/${cycleId}/progress`)).statusCode).toBe(403);
  });
});
