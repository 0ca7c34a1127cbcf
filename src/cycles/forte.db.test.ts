import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api, buildForteOrg, SIXTY_ONE_WORDS, SIXTY_WORDS } from '../../test/forte-helpers.ts';

let database: Database;
let app: FastifyInstance;
let org: Awaited<ReturnType<typeof buildForteOrg>>;
let http: ReturnType<typeof api>;
let clock = new Date('2026-11-02T09:00:00Z');
let cycleId: number;
const recipientBodies: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
  org = await buildForteOrg(database.db, app);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const answers = (overrides: Partial<{ superpowers: string; improvements: string; lpsChampioned: string[]; lpsToImprove: string[]; version: number }> = {}) => ({
  superpowers: 'Her incident write-ups turned a recurring outage into a fixed design.',
  improvements: 'Share design drafts earlier so reviewers can shape them.',
  lpsChampioned: ['Dive Deep', 'Ownership'],
  lpsToImprove: ['Think Big'],
  ...overrides,
});

async function asRecipient(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = method === 'GET' ? await http.get(org.cookies.engineer, url) : await http.send(org.cookies.engineer, method, url, payload);
  recipientBodies.push(response.body);
  return response;
}

describe('a Forte cycle', () => {
  it('is created and launched by HR, snapshotting participants and locking the questions', async () => {
    const created = await http.send(org.cookies.hr, 'POST', '/api/cycles', { name: 'Forte 2026', rootPersonId: org.people.lead.id, policy: 'amazon' });
    expect(created.statusCode, created.body).toBe(201);
    cycleId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', phase: 'draft', questions: null });
    expect((await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/launch`)).statusCode).toBe(403);
    const launched = await http.send(org.cookies.hr, 'POST', `/api/cycles/${cycleId}/launch`);
    expect(launched.json()).toMatchObject({ status: 'launched', phase: 'self_review' });
    expect(launched.json().questions.peer).toMatchObject({ wordLimit: 60, maxLpChampioned: 3, maxLpToImprove: 3, cap: 30 });
    expect(launched.json().questions.peer.readers).toEqual([
      expect.objectContaining({ attributed: false }),
      expect.objectContaining({ attributed: true }),
      expect.objectContaining({ attributed: true }),
    ]);
    const progress = (await http.get(org.cookies.hr, `/api/cycles/${cycleId}/progress`)).json();
    expect(progress.summary.participants).toBe(9);
    const notices = (await http.get(org.cookies.engineer, '/api/notifications')).json().notifications;
    expect(notices[0].title).toContain('Forte 2026 has started');
  });

  it('takes a self review as autosaved drafts with versions, then an explicit submit', async () => {
    const first = await http.send(org.cookies.engineer, 'PUT', `/api/cycles/${cycleId}/self-review`, { body: 'Shipped the ledger.', principles: [{ principle: 'Ownership', example: 'Owned the migration' }], version: 0 });
    expect(first.json()).toMatchObject({ status: 'draft', version: 1 });
    const stale = await http.send(org.cookies.engineer, 'PUT', `/api/cycles/${cycleId}/self-review`, { body: 'Other tab text', principles: [], version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', version: 1, latest: { body: 'Shipped the ledger.' } });
    const submitted = await http.send(org.cookies.engineer, 'POST', `/api/cycles/${cycleId}/self-review/submit`, { body: 'Shipped the ledger.', principles: [{ principle: 'Ownership', example: 'Owned the migration' }], version: 1 });
    expect(submitted.json()).toMatchObject({ status: 'submitted', version: 2 });
    const again = await http.send(org.cookies.engineer, 'POST', `/api/cycles/${cycleId}/self-review/submit`, { body: 'x', principles: [{ principle: 'Ownership', example: 'y' }], version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().rule).toBe('ALREADY_SUBMITTED');
  });

  it('takes nominations from the engineer, refuses oneself and the cap, and sends them when the manager approves', async () => {
    const peerIds = org.people.peers.slice(0, 5).map((p) => p.id);
    const self = await asRecipient('POST', `/api/cycles/${cycleId}/peer-requests`, { reviewerIds: [org.people.engineer.id] });
    expect(self.statusCode).toBe(422);
    expect(self.json().rule).toBe('FEEDBACK_ABOUT_ONESELF');
    const nominated = await asRecipient('POST', `/api/cycles/${cycleId}/peer-requests`, { reviewerIds: peerIds });
    expect(nominated.json().requests.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('nominated'));
    expect((await http.get(org.cookies.peers[0]!, `/api/cycles/${cycleId}/tasks`)).json().feedbackToWrite).toEqual([]);
    const approved = await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests/approve`, { subjectId: org.people.engineer.id });
    expect(approved.json().requests.every((r: { status: string }) => r.status === 'requested')).toBe(true);
    const tasks = (await http.get(org.cookies.peers[0]!, `/api/cycles/${cycleId}/tasks`)).json();
    expect(tasks.feedbackToWrite).toEqual([expect.objectContaining({ subject: expect.objectContaining({ name: 'Erin Engineer' }), status: 'requested' })]);
  });

  it('refuses a request beyond the policy cap and changes nothing', async () => {
    const before = (await http.get(org.cookies.manager, `/api/cycles/${cycleId}/peer-requests?subjectId=${org.people.peers[5]!.id}`)).json().requests.length;
    const manyIds = Array.from({ length: 31 }, (_, i) => 100000 + i);
    const tooMany = await http.send(org.cookies.manager, 'POST', `/api/cycles/${cycleId}/peer-requests`, { subjectId: org.people.peers[5]!.id, reviewerIds: manyIds });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().rules).toContain('PEER_CAP_EXCEEDED');
    expect((await http.get(org.cookies.manager, `/api/cycles/${cycleId}/peer-requests?subjectId=${org.people.peers[5]!.id}`)).json().requests.length).toBe(before);
  });

  it('lets peers write with every rule enforced, and nothing stored when a rule breaks', async () => {
    const requestOf = async (i: number) => (await http.get(org.cookies.peers[i]!, `/api/cycles/${cycleId}/tasks`)).json().feedbackToWrite[0].requestId as number;
    const request0 = await requestOf(0);
    const url = `/api/peer-requests/${request0}/feedback`;
    const cases: [object, string][] = [
      [answers({ superpowers: SIXTY_ONE_WORDS }), 'TOO_MANY_WORDS'],
      [answers({ lpsChampioned: ['Ownership', 'Dive Deep', 'Frugality', 'Earn Trust'] }), 'TOO_MANY_PRINCIPLES'],
      [answers({ lpsToImprove: ['Be Nice'] }), 'UNKNOWN_PRINCIPLE'],
    ];
    for (const [payload, rule] of cases) {
      const refused = await http.send(org.cookies.peers[0]!, 'PUT', url, payload);
      expect(refused.statusCode, rule).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().rule).toBe(rule);
    }
    expect((await http.get(org.cookies.peers[0]!, url)).json()).toMatchObject({ status: 'not_started', version: 0, superpowers: '' });

    const draft = await http.send(org.cookies.peers[0]!, 'PUT', url, answers({ superpowers: SIXTY_WORDS, version: 0 }));
    expect(draft.json()).toMatchObject({ status: 'draft', version: 1, wordCounts: { superpowers: 60 } });
    const someoneElse = await http.send(org.cookies.peers[1]!, 'PUT', url, answers());
    expect(someoneElse.statusCode).toBe(403);
    expect(someoneElse.json().rule).toBe('NOT_YOUR_DRAFT');
    const flagged = await http.send(org.cookies.peers[0]!, 'PUT', url, answers({ improvements: 'Can be abrasive in reviews.', version: 1 }));
    expect(flagged.statusCode).toBe(200);
    expect(flagged.json().wordingConcerns[0]).toMatchObject({ field: 'improvements', term: 'abrasive' });

    for (let i = 0; i < 5; i++) {
      const requestId = i === 0 ? request0 : await requestOf(i);
      const current = (await http.get(org.cookies.peers[i]!, `/api/peer-requests/${requestId}/feedback`)).json();
      const submitted = await http.send(org.cookies.peers[i]!, 'POST', `/api/peer-requests/${requestId}/feedback/submit`, answers({ superpowers: `Peer ${i} saw strong on-call work.`, version: current.version }));
      expect(submitted.json().status, submitted.body).toBe('submitted');
    }
    const twice = await http.send(org.cookies.peers[0]!, 'POST', `${url}/submit`, answers({ version: 3 }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().rule).toBe('ALREADY_SUBMITTED');
  });

  it('withholds peer feedback from the recipient until delivery under the amazon policy', async () => {
    const early = await asRecipient('GET', `/api/cycles/${cycleId}/feedback/received`);
    expect(early.json()).toMatchObject({ released: false, responses: [] });
    expect(early.json().reason).toContain('delivered');
  });

  it('refuses writing after the phase deadline', async () => {
    clock = new Date('2027-01-10T09:00:00Z');
    await org.refreshSessions();
    const late = await http.send(org.cookies.engineer, 'PUT', `/api/cycles/${cycleId}/self-review`, { body: 'late', principles: [] });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'PHASE_CLOSED', rule: 'PHASE_CLOSED' });
    expect(late.json().detail).toContain('self review');
  });

  it('gives the recipient anonymised feedback, in an order unrelated to submission, and the manager the authors', async () => {
    clock = new Date('2027-03-05T09:00:00Z');
    await org.refreshSessions();
    const received = await asRecipient('GET', `/api/cycles/${cycleId}/feedback/received`);
    expect(received.json().released).toBe(true);
    const responses = received.json().responses as { id: string; superpowers: string }[];
    expect(responses).toHaveLength(5);
    expect(responses.map((r) => r.id)).toEqual([...responses.map((r) => r.id)].sort());
    for (const r of responses) expect(Object.keys(r).sort()).toEqual(['id', 'improvements', 'lpsChampioned', 'lpsToImprove', 'superpowers']);

    const csv = await asRecipient('GET', `/api/cycles/${cycleId}/feedback/received.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('superpowers,areas_of_improvement,lps_championed,lps_to_improve');

    const managerView = (await http.get(org.cookies.manager, `/api/cycles/${cycleId}/people/${org.people.engineer.id}/feedback`)).json();
    expect(managerView.authorsShown).toBe(true);
    expect(managerView.responses.map((r: { author: { name: string } }) => r.author.name)).toEqual(org.people.peers.slice(0, 5).map((p) => p.name).sort());
    const hrView = (await http.get(org.cookies.hr, `/api/cycles/${cycleId}/people/${org.people.engineer.id}/feedback`)).json();
    expect(hrView.authorsShown).toBe(true);
  });

  it('never sends the recipient an author id, name or email: lists, detail, export, tasks, requests and errors', async () => {
    await asRecipient('GET', `/api/cycles/${cycleId}/tasks`);
    await asRecipient('GET', '/api/notifications');
    await asRecipient('GET', `/api/cycles/${cycleId}/people/${org.people.engineer.id}/feedback`);
    await asRecipient('GET', `/api/cycles/${cycleId}/people/${org.people.engineer.id}/manager-review`);
    const requestIds = (await database.db.selectFrom('peer_requests').select('id').where('subject_id', '=', org.people.engineer.id).execute()).map((r) => r.id);
    for (const id of requestIds) {
      await asRecipient('GET', `/api/peer-requests/${id}/feedback`);
      await asRecipient('PUT', `/api/peer-requests/${id}/feedback`, answers());
    }
    const authors = await database.db.selectFrom('people').select(['id', 'name', 'email', 'employee_id']).where('id', 'in', org.people.peers.slice(0, 5).map((p) => p.id)).execute();
    const feedbackBodies = recipientBodies.filter((b) => !b.includes('"requests"'));
    expect(feedbackBodies.length).toBeGreaterThan(10);
    for (const body of feedbackBodies) {
      for (const author of authors) {
        expect(body).not.toContain(author.name);
        expect(body).not.toContain(author.email);
        expect(body).not.toContain(author.employee_id);
        expect(body).not.toMatch(new RegExp(`"(author|reviewer)\\w*"\\s*:\\s*\\{?[^}]*\\b${author.id}\\b`));
      }
      expect(body).not.toMatch(/"(author|authorId|reviewer|reviewerId)"/);
      // Timestamps on feedback would order responses by time and so point to their writers.
      if (body.includes('superpowers')) expect(body).not.toMatch(/"(submittedAt|updatedAt|createdAt)"/);
    }
    // The request list names only the peers the engineer chose, and never says who has answered.
    const mine = (await asRecipient('GET', `/api/cycles/${cycleId}/peer-requests`)).json();
    expect(mine.requests.every((r: { status: string }) => r.status === 'requested')).toBe(true);
    expect(mine).not.toHaveProperty('responses');
  });
});
