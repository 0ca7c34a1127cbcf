import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildCycle, buildPromotionOrg, giveLogNote, givePeerFeedback, prose, type PromotionOrg } from '../../test/promotion-helpers.ts';
import { setActivePolicy } from '../policy/policy.service.ts';

// Promotion cases through the HTTP API: the career page, collaborative drafting with per-section
// versions, evidence, readiness, the refusals that store nothing, the committee and the decision.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
const clock = new Date('2027-04-01T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (table: 'audit_events' | 'promotion_votes' | 'promotion_packets' | 'compensation_changes') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('promotions under the amazon preset', () => {
  let org: PromotionOrg;
  let packetId: number;
  let cycleId: number;
  let feedbackIds: number[];
  let noteId: number;
  const url = () => `/api/promotion-packets/${packetId}`;

  beforeAll(async () => {
    org = await buildPromotionOrg(database.db, app, 'amz');
    cycleId = await buildCycle(database.db, org, clock);
    feedbackIds = await givePeerFeedback(database.db, { cycleId, subjectId: org.people.candidate.id, authors: org.people.peers.slice(0, 3), submittedAt: new Date('2026-12-15T10:00:00Z') });
    // Old feedback does not count: it is outside the policy's 12-month window.
    await givePeerFeedback(database.db, { cycleId, subjectId: org.people.candidate.id, authors: org.people.peers.slice(3, 4), submittedAt: new Date('2025-12-15T10:00:00Z') });
    noteId = await giveLogNote(database.db, { personId: org.people.candidate.id, authorId: org.people.manager.id, body: 'Led the ledger retry redesign; cut duplicate payments to zero.' });
  });

  it('shows the candidate their level and the next, with expectations and example behaviours', async () => {
    const career = await http.get(org.cookies.candidate, `/api/people/${org.people.candidate.id}/career`);
    expect(career.statusCode, career.body).toBe(200);
    expect(career.json()).toMatchObject({ person: { level: 'L4' }, ladder: { key: 'sde' }, current: { code: 'L4', title: 'SDE I' }, next: { code: 'L5', title: 'SDE II' } });
    const depth = career.json().next.expectations.find((e: { dimension: string }) => e.dimension === 'technicalDepth');
    expect(depth).toMatchObject({ label: 'Technical depth', expectation: 'Designs components others build on; sound trade-offs on complexity.' });
    expect(depth.behaviours.length).toBeGreaterThan(0);
    expect((await http.get(org.cookies.peer, `/api/people/${org.people.candidate.id}/career`)).statusCode).toBe(404);
  });

  it('lets the manager open one case for the next level; not the candidate, not twice', async () => {
    expect((await http.send(org.cookies.candidate, 'POST', '/api/promotion-packets', { candidateId: org.people.candidate.id })).statusCode).toBe(403);
    const created = await http.send(org.cookies.manager, 'POST', '/api/promotion-packets', { candidateId: org.people.candidate.id });
    expect(created.statusCode, created.body).toBe(201);
    packetId = created.json().id;
    expect(created.json()).toMatchObject({ fromLevel: 'L4', toLevel: 'L5', toTitle: 'SDE II', status: 'draft', policy: { key: 'amazon' }, viewer: { role: 'chain', canEdit: true, canSubmit: true } });
    expect(created.json().sections.map((s: { key: string }) => s.key)).toEqual(['scopeAndInfluence', 'ambiguity', 'technicalComplexity', 'execution', 'impact', 'leadershipPrinciples']);
    expect(created.json().evidenceOptions.peerFeedback).toHaveLength(4);
    const again = await http.send(org.cookies.manager, 'POST', '/api/promotion-packets', { candidateId: org.people.candidate.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ rule: 'PACKET_ALREADY_OPEN', packetId });
  });

  it('lets the manager and the candidate write different sections at once, and never loses text in the same one', async () => {
    const tc = `${url()}/sections/technicalComplexity`;
    const managerSave = await http.send(org.cookies.manager, 'PUT', tc, { text: prose(120), evidence: [{ kind: 'log_note', refId: noteId, title: 'Retry redesign', expectations: ['technicalDepth'] }], version: 0 });
    expect(managerSave.statusCode, managerSave.body).toBe(200);
    const candidateSave = await http.send(org.cookies.candidate, 'PUT', `${url()}/sections/execution`, { text: prose(500), evidence: [{ kind: 'shipped_work', url: 'https://git.example/ledger/pull/42', title: 'Ledger v2', expectations: ['operations'] }], version: 0 });
    expect(candidateSave.statusCode, candidateSave.body).toBe(200);

    const audit = await count('audit_events');
    const stale = await http.send(org.cookies.candidate, 'PUT', tc, { text: 'My own take on complexity.', evidence: [], version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', version: 1, latest: { text: prose(120), version: 1, updatedBy: `Mona Manager amz` } });
    const packet = (await http.get(org.cookies.candidate, url())).json();
    expect(packet.sections.find((s: { key: string }) => s.key === 'technicalComplexity')).toMatchObject({ text: prose(120), version: 1 });
    expect(await count('audit_events')).toBe(audit);
  });

  it('links evidence about the candidate only, and keeps peer feedback text from the candidate', async () => {
    const otherNote = await giveLogNote(database.db, { personId: org.people.peers[0]!.id, authorId: org.people.manager.id, body: 'About someone else.' });
    const bad = await http.send(org.cookies.manager, 'PUT', `${url()}/sections/impact`, { text: prose(50), evidence: [{ kind: 'log_note', refId: otherNote, title: 'Wrong', expectations: ['scope'] }], version: 0 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'PROMOTION_RULE_VIOLATED', rule: 'EVIDENCE_INVALID' });
    const noUrl = await http.send(org.cookies.manager, 'PUT', `${url()}/sections/impact`, { text: prose(50), evidence: [{ kind: 'design_doc', title: 'Doc', expectations: [] }], version: 0 });
    expect(noUrl.statusCode).toBe(400);

    const good = await http.send(org.cookies.manager, 'PUT', `${url()}/sections/impact`, {
      text: prose(480),
      evidence: [
        { kind: 'peer_feedback', refId: feedbackIds[0], title: 'Peer on the retry path', expectations: ['influence', 'mentorship'] },
        { kind: 'design_doc', url: 'https://docs.example/ledger-retries', title: 'Ledger retries design', expectations: ['scope', 'autonomy'] },
      ],
      version: 0,
    });
    expect(good.statusCode, good.body).toBe(200);
    const asManager = good.json().sections.find((s: { key: string }) => s.key === 'impact');
    expect(asManager.evidence[0].excerpt).toContain('careful design of the ledger retry path');
    const asCandidate = (await http.get(org.cookies.candidate, url())).json().sections.find((s: { key: string }) => s.key === 'impact');
    expect(asCandidate.evidence[0].excerpt).toBeNull();
    expect((await http.get(org.cookies.peer, url())).statusCode).toBe(404);
  });

  it('flags the thin Technical complexity section of an SDE I case as the common blocker', async () => {
    const { readiness } = (await http.get(org.cookies.manager, url())).json();
    expect(readiness.sections.find((s: { key: string }) => s.key === 'technicalComplexity')).toMatchObject({ words: 120, targetWords: 454, thin: true, commonBlocker: true });
    expect(readiness.checks.find((c: { key: string }) => c.key === 'commonBlockers')).toMatchObject({ status: 'warn', message: 'Technical complexity is thin: the usual reason cases from L4 to L5 are not approved.' });
    expect(readiness.coverage).toMatchObject({ covered: ['scope', 'autonomy', 'technicalDepth', 'influence', 'mentorship', 'operations'], percent: 100 });
    expect(readiness.checks.find((c: { key: string }) => c.key === 'peerFeedback')).toMatchObject({ status: 'blocked', message: '3 peer feedback in the last 12 months; at least 4 needed (6+ recommended).' });
  });

  it('refuses to submit below the minimum peer feedback, storing nothing, then takes it with four', async () => {
    const before = { audit: await count('audit_events') };
    const refused = await http.send(org.cookies.manager, 'POST', `${url()}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'PROMOTION_RULE_VIOLATED', rule: 'PEER_FEEDBACK_BELOW_MINIMUM', errors: [{ path: 'readiness.peerFeedback' }] });
    expect((await http.get(org.cookies.manager, url())).json().status).toBe('draft');
    expect(await count('audit_events')).toBe(before.audit);

    await givePeerFeedback(database.db, { cycleId, subjectId: org.people.candidate.id, authors: org.people.peers.slice(4, 5), submittedAt: new Date('2027-02-01T10:00:00Z') });
    expect((await http.send(org.cookies.candidate, 'POST', `${url()}/submit`)).statusCode).toBe(403);
    const submitted = await http.send(org.cookies.manager, 'POST', `${url()}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', viewer: { canEdit: false } });
    const locked = await http.send(org.cookies.candidate, 'PUT', `${url()}/sections/ambiguity`, { text: 'late', evidence: [], version: 0 });
    expect(locked.json()).toMatchObject({ rule: 'PACKET_NOT_EDITABLE' });
  });

  it('hands the case to a committee the candidate cannot sit on', async () => {
    const members = [...org.accounts.seniors.map((a) => a.id), org.accounts.manager.id];
    expect((await http.send(org.cookies.manager, 'POST', `${url()}/committee`, { memberAccountIds: members })).statusCode).toBe(403);
    const withCandidate = await http.send(org.cookies.hr, 'POST', `${url()}/committee`, { memberAccountIds: [...members, org.accounts.candidate.id] });
    expect(withCandidate.json()).toMatchObject({ code: 'PROMOTION_RULE_VIOLATED', rule: 'COMMITTEE_INVALID' });
    const started = await http.send(org.cookies.hr, 'POST', `${url()}/committee`, { memberAccountIds: members });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().committee.members).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Mona Manager amz', mayVote: false }), expect.objectContaining({ name: 'Senior amz 0', mayVote: true })]));
  });

  it('refuses a vote by the candidate’s own manager, storing nothing', async () => {
    const votes = await count('promotion_votes');
    const refused = await http.send(org.cookies.manager, 'PUT', `${url()}/votes`, { vote: 'approve', feedback: 'Ready.' });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ rule: 'MANAGER_MAY_NOT_VOTE' });
    expect(await count('promotion_votes')).toBe(votes);
    expect((await http.send(org.cookies.candidate, 'PUT', `${url()}/votes`, { vote: 'approve', feedback: '' })).statusCode).toBe(403);
    expect((await http.send(org.cookies.seniors[0]!, 'PUT', `${url()}/votes`, { vote: 'not_yet', feedback: '' })).json()).toMatchObject({ rule: 'VOTE_FEEDBACK_REQUIRED' });
  });

  it('approves only with a quorum, then promotes, raises pay and keeps the history', async () => {
    // Pay on record, so the promotion increase has something to raise.
    const hired = await http.send(org.cookies.hr, 'POST', `/api/people/${org.people.candidate.id}/compensation/changes`, { kind: 'hire', effectiveOn: '2025-06-02', baseCents: 12_000_000, sharePriceCents: 10_000 });
    expect(hired.statusCode, hired.body).toBe(201);
    await http.send(org.cookies.seniors[0]!, 'PUT', `${url()}/votes`, { vote: 'approve', feedback: 'The retry design is SDE II work.' });
    await http.send(org.cookies.seniors[1]!, 'PUT', `${url()}/votes`, { vote: 'approve', feedback: 'Strong execution.' });
    const early = await http.send(org.cookies.hr, 'POST', `${url()}/decision`, { outcome: 'approved', feedback: '' });
    expect(early.json()).toMatchObject({ code: 'PROMOTION_RULE_VIOLATED', rule: 'QUORUM_NOT_MET' });
    const third = await http.send(org.cookies.seniors[2]!, 'PUT', `${url()}/votes`, { vote: 'not_yet', feedback: 'Technical complexity needs a second example.' });
    expect(third.json().committee.tally).toEqual({ approve: 2, not_yet: 1, abstain: 0 });

    const decided = await http.send(org.cookies.hr, 'POST', `${url()}/decision`, { outcome: 'approved', feedback: 'Approved. Next: lead a design across two teams.' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', decision: { outcome: 'approved' } });
    expect((await database.db.selectFrom('people').select('level').where('id', '=', org.people.candidate.id).executeTakeFirstOrThrow()).level).toBe('L5');

    const seen = (await http.get(org.cookies.candidate, url())).json();
    expect(seen.decision.feedback).toBe('Approved. Next: lead a design across two teams.');
    expect(seen.committee.votes).toEqual(expect.arrayContaining([{ name: null, vote: null, feedback: 'Technical complexity needs a second example.', at: null }]));
    expect(seen.history.map((h: { to: string }) => h.to)).toEqual(['draft', 'submitted', 'committee_review', 'approved']);
    expect(seen.committee).toMatchObject({ members: [], memberCount: 4 });

    const statement = (await http.get(org.cookies.candidate, `/api/people/${org.people.candidate.id}/compensation`)).json();
    expect(statement.base).toEqual({ cents: 15_600_000, since: '2027-04-01', reason: 'promotion' });
    expect(statement.person.level).toBe('L5');
    expect(statement.history.at(-1)).toMatchObject({ kind: 'promotion', level: 'L5', summary: 'Promoted from L4 to L5: base +30.00%, $120,000.00 to $156,000.00.' });
    const notice = await database.db.selectFrom('notifications').select('title').where('person_id', '=', org.people.candidate.id).where('kind', '=', 'promotion_decision').executeTakeFirst();
    expect(notice?.title).toBe('Your promotion to L5 was approved');
    // A new case can be opened now that this one is decided (for L6).
    const next = await http.send(org.cookies.manager, 'POST', '/api/promotion-packets', { candidateId: org.people.candidate.id });
    expect(next.json()).toMatchObject({ fromLevel: 'L5', toLevel: 'L6' });
  });
});

describe('promotions under the humane preset', () => {
  let org: PromotionOrg;

  beforeAll(async () => {
    await setActivePolicy(database.db, 'humane');
    org = await buildPromotionOrg(database.db, app, 'hum');
  });
  afterAll(() => setActivePolicy(database.db, 'amazon'));

  it('lets a case with little peer feedback go forward, and asks a "not yet" for feedback the candidate can act on', async () => {
    const created = await http.send(org.cookies.manager, 'POST', '/api/promotion-packets', { candidateId: org.people.candidate.id });
    expect(created.json().policy.key).toBe('humane');
    const id = created.json().id;
    const { readiness } = created.json();
    expect(readiness.checks.find((c: { key: string }) => c.key === 'peerFeedback')).toMatchObject({ status: 'warn' });
    expect(readiness.checks.find((c: { key: string }) => c.key === 'length')).toMatchObject({ status: 'met' });
    expect((await http.send(org.cookies.manager, 'POST', `/api/promotion-packets/${id}/submit`)).statusCode).toBe(200);
    await http.send(org.cookies.hr, 'POST', `/api/promotion-packets/${id}/committee`, { memberAccountIds: org.accounts.seniors.map((a) => a.id) });
    const vague = await http.send(org.cookies.hr, 'POST', `/api/promotion-packets/${id}/decision`, { outcome: 'not_approved', feedback: 'Not yet.' });
    expect(vague.json()).toMatchObject({ rule: 'FEEDBACK_REQUIRED' });
    const packets = await count('promotion_packets');
    const decided = await http.send(org.cookies.hr, 'POST', `/api/promotion-packets/${id}/decision`, { outcome: 'not_approved', feedback: 'Show one design you led end to end, with a reviewed document and its trade-offs.' });
    expect(decided.json()).toMatchObject({ status: 'not_approved', decision: { outcome: 'not_approved' } });
    expect(await count('promotion_packets')).toBe(packets);
    expect((await database.db.selectFrom('people').select('level').where('id', '=', org.people.candidate.id).executeTakeFirstOrThrow()).level).toBe('L4');
  });
});
