import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startTestServer } from '../../test/server.ts';
import { api } from '../../test/forte-helpers.ts';
import { buildOlrOrg, launchCycle, proposal, type OlrOrg } from '../../test/olr-helpers.ts';

// OLR through the HTTP API under both presets: proposals, a session, votes, adjustments with
// every rule, forced finalising, delivery, and what each reader may see.

let database: Database;
let app: FastifyInstance;
let http: ReturnType<typeof api>;
const clock = new Date('2026-11-02T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startTestServer(database.db, { now: () => clock });
  http = api(app);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const counts = async () => ({
  changes: Number((await database.db.selectFrom('rating_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  audit: Number((await database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});

async function proposeAll(org: OlrOrg, cycleId: number, make: (personIndex: number) => object) {
  const { director, managers, engineers } = org.people;
  for (const [i, manager] of managers.entries()) {
    const saved = await http.send(org.cookies.director, 'POST', `/api/cycles/${cycleId}/people/${manager.id}/proposal/submit`, make(100 + i));
    expect(saved.statusCode, saved.body).toBe(200);
  }
  for (const [i, engineer] of engineers.entries()) {
    const cookie = org.cookies.managers[Math.floor(i / 6)]!;
    const saved = await http.send(cookie, 'POST', `/api/cycles/${cycleId}/people/${engineer.id}/proposal/submit`, make(i));
    expect(saved.statusCode, saved.body).toBe(200);
  }
  expect(director).toBeDefined();
}

async function openSession(org: OlrOrg, cycleId: number) {
  const calibratorAccountIds = [org.accounts.director.id, ...org.accounts.managers.map((m) => m.id), org.accounts.hr.id];
  const created = await http.send(org.cookies.hr, 'POST', '/api/calibration-sessions', { cycleId, rootPersonId: org.people.director.id, name: 'Director org', calibratorAccountIds, blind: false });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as number;
}

describe('OLR under the amazon preset', () => {
  let org: OlrOrg;
  let cycleId: number;
  let sessionId: number;

  beforeAll(async () => {
    clock.setTime(Date.parse('2026-11-02T09:00:00Z'));
    org = await buildOlrOrg(database.db, app, 'amz');
    cycleId = await launchCycle(app, org, 'amazon', 'Forte 2026 (amazon)');
    clock.setTime(Date.parse('2027-01-05T09:00:00Z')); // manager review phase
    await org.signIn();
  });

  it('takes a manager’s proposal on three axes and refuses one off the scale, storing nothing', async () => {
    const engineer = org.people.engineers[0]!;
    const url = `/api/cycles/${cycleId}/people/${engineer.id}/proposal`;
    const off = await http.send(org.cookies.managers[0]!, 'PUT', url, { ...proposal(8, 2), principles: { Ownership: 3, 'Be Nice': 2 } });
    expect(off.statusCode).toBe(422);
    expect(off.headers['content-type']).toContain('application/problem+json');
    expect(off.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'body.performance', message: '8 is not on the performance scale (1 to 7)' },
        expect.objectContaining({ path: 'body.principles.Be Nice' }),
      ]),
    );
    expect((await http.get(org.cookies.managers[0]!, url)).json()).toMatchObject({ status: 'not_started', version: 0 });
    const unjustified = await http.send(org.cookies.managers[0]!, 'POST', `${url}/submit`, { ...proposal(4, 2), justification: 'ok' });
    expect(unjustified.json().errors).toEqual([{ path: 'body.justification', message: 'needs a short justification (at least 20 characters) to submit' }]);

    const draft = await http.send(org.cookies.managers[0]!, 'PUT', url, proposal(5, 1));
    expect(draft.json()).toMatchObject({ status: 'draft', version: 1, ov: 'HV1', forteSummary: 'Exceeds High Bar', evidenceCheck: { covered: ['delivery', 'collaboration'], met: true } });
  });

  it('starts a proposal from the living document: a note logged during the year is already cited', async () => {
    const engineer = org.people.engineers[2]!;
    const note = await http.send(org.cookies.managers[0]!, 'POST', `/api/people/${engineer.id}/log`, { kind: 'win', occurredOn: '2026-12-02', body: 'Cut the payments batch from 40 to 6 minutes.' });
    expect(note.statusCode, note.body).toBe(201);
    const fresh = (await http.get(org.cookies.managers[0]!, `/api/cycles/${cycleId}/people/${engineer.id}/proposal`)).json();
    expect(fresh.status).toBe('not_started');
    expect(fresh.evidence.logNoteIds).toContain(note.json().id);
  });

  it('lets the chain and HR read a proposal, and nobody else, the person included', async () => {
    const engineer = org.people.engineers[0]!;
    const url = `/api/cycles/${cycleId}/people/${engineer.id}/proposal`;
    expect((await http.get(org.cookies.director, url)).statusCode).toBe(200);
    expect((await http.get(org.cookies.hr, url)).statusCode).toBe(200);
    expect((await http.get(org.cookies.managers[1]!, url)).statusCode).toBe(404);
    expect((await http.get(org.cookies.engineers[0]!, url)).statusCode).toBe(404);
    expect((await http.get(org.cookies.engineers[1]!, url)).statusCode).toBe(404);
    expect((await http.send(org.cookies.hr, 'PUT', url, proposal(4, 2))).statusCode).toBe(404);
  });

  it('opens a session with everyone proposed, hides a calibrator’s own row, and locks proposals', async () => {
    await proposeAll(org, cycleId, () => proposal(4, 2));
    sessionId = await openSession(org, cycleId);
    const board = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json();
    expect(board.rows).toHaveLength(14);
    expect(board.distribution.counts).toMatchObject({ HV1: 14, LE: 0, TT: 0 });
    // The director heads the organisation: nobody above proposes a rating for them here.
    expect(board.missingProposals).toEqual([{ id: org.people.director.id, name: 'Dana Director amz' }]);
    const almaBoard = (await http.get(org.cookies.managers[0]!, `/api/calibration-sessions/${sessionId}`)).json();
    expect(almaBoard.rows).toHaveLength(13);
    expect(almaBoard.rows.map((r: { person: { id: number } }) => r.person.id)).not.toContain(org.people.managers[0]!.id);
    expect((await http.get(org.cookies.engineers[0]!, `/api/calibration-sessions/${sessionId}`)).statusCode).toBe(404);

    const url = `/api/cycles/${cycleId}/people/${org.people.engineers[0]!.id}/proposal`;
    const locked = await http.send(org.cookies.managers[0]!, 'PUT', url, proposal(6, 3));
    expect(locked.statusCode).toBe(409);
    expect(locked.json().rule).toBe('PROPOSAL_LOCKED');
    // Evidence can still be added while the ratings stay as proposed, and calibration sees it.
    const current = (await http.get(org.cookies.managers[0]!, url)).json();
    const more = await http.send(org.cookies.managers[0]!, 'PUT', url, { ...proposal(4, 2, ['delivery', 'collaboration', 'systemImpact']), version: current.version });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json()).toMatchObject({ status: 'submitted', locked: true, evidenceCheck: { covered: ['delivery', 'collaboration', 'systemImpact'] } });
    const row = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json().rows.find((r: { person: { id: number } }) => r.person.id === org.people.engineers[0]!.id);
    expect(row.evidence.covered).toEqual(['delivery', 'collaboration', 'systemImpact']);
    expect(await database.db.selectFrom('audit_events').select('seq').where('action', '=', 'rating.proposal_revised').execute()).toHaveLength(1);
  });

  it('tallies votes before the meeting without the advocate’s own vote', async () => {
    const engineer = org.people.engineers[0]!; // Alma's report
    for (const cookie of [org.cookies.director, org.cookies.managers[0]!, org.cookies.managers[1]!]) {
      expect((await http.send(cookie, 'PUT', `/api/calibration-sessions/${sessionId}/votes`, { personId: engineer.id, vote: 'questions' })).statusCode).toBe(200);
    }
    const row = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json().rows.find((r: { person: { id: number } }) => r.person.id === engineer.id);
    expect(row.tally).toEqual({ agree: 0, questions: 2, abstain: 0 });
    expect(row.flags).toContain('has-questions');
    const self = await http.send(org.cookies.managers[0]!, 'PUT', `/api/calibration-sessions/${sessionId}/votes`, { personId: org.people.managers[0]!.id, vote: 'agree' });
    expect(self.statusCode).toBe(404);
    const outsider = await http.send(org.cookies.engineers[1]!, 'PUT', `/api/calibration-sessions/${sessionId}/votes`, { personId: engineer.id, vote: 'agree' });
    expect(outsider.statusCode).toBe(404);
  });

  it('refuses a change without a rationale, into LE without a quorum, or from a stale version, and stores nothing', async () => {
    const engineer = org.people.engineers[1]!;
    const before = await counts();
    const url = `/api/calibration-sessions/${sessionId}/adjustments`;
    const noReason = await http.send(org.cookies.hr, 'POST', url, { personId: engineer.id, performance: 4, potential: 3, rationale: '', version: 1 });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().rule).toBe('RATIONALE_REQUIRED');
    const toLe = await http.send(org.cookies.hr, 'POST', url, { personId: engineer.id, performance: 1, potential: 1, rationale: 'Missed the on-call commitments twice.', approvedBy: [org.accounts.hr.id, org.accounts.managers[0]!.id], version: 1 });
    expect(toLe.statusCode).toBe(422);
    // Alma is this engineer's manager: her approval does not count, and is named as not allowed.
    expect(toLe.json().rules).toEqual(['NOT_A_CALIBRATOR', 'QUORUM_NOT_MET']);
    expect(toLe.json().detail).toContain('needs 3 calibrators approving; 1 did');
    const stale = await http.send(org.cookies.hr, 'POST', url, { personId: engineer.id, performance: 4, potential: 3, rationale: 'Led the incident review programme.', version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ rule: 'VERSION_CONFLICT', version: 1, latest: { ov: 'HV1' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses to finalise while forced targets are violated, naming each rating and by how many', async () => {
    const board = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json();
    const refused = await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/finalise`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().rule).toBe('DISTRIBUTION_VIOLATED');
    const hv1 = board.distribution.targets.find((t: { rating: string }) => t.rating === 'HV1');
    expect(refused.json().detail).toContain(`HV1: 14 people, at most ${hv1.allowedMax} allowed (${14 - hv1.allowedMax} over)`);
    expect(refused.json().violations.map((v: { rating: string }) => v.rating).sort()).toEqual(board.distribution.violations.map((v: { rating: string }) => v.rating).sort());
  });

  it('moves ratings with rationales and a quorum until the distribution fits, then finalises and locks', async () => {
    let board = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json();
    const target = (rating: string) => board.distribution.targets.find((t: { rating: string }) => t.rating === rating);
    const leNeeded = target('LE').allowedMin as number;
    const hv1Keep = target('HV1').allowedMin as number;
    const rows = board.rows as { person: { id: number }; manager: { id: number } | null; version: number }[];
    const url = `/api/calibration-sessions/${sessionId}/adjustments`;
    // Calibrators who may approve a move: neither the person nor their manager (the advocate).
    const calibrators = [
      { account: org.accounts.director.id, person: org.people.director.id },
      ...org.accounts.managers.map((a, i) => ({ account: a.id, person: org.people.managers[i]!.id })),
      { account: org.accounts.hr.id, person: -1 },
    ];
    const eligible = (row: (typeof rows)[number]) => calibrators.filter((c) => c.person !== row.person.id && c.person !== row.manager?.id).map((c) => c.account);
    const engineerIds = new Set(org.people.engineers.map((e) => e.id));
    const toLe = rows.filter((r) => engineerIds.has(r.person.id)).slice(0, leNeeded);
    const toHv2 = rows.filter((r) => !toLe.includes(r)).slice(hv1Keep);
    let moved = 0;
    for (const row of toLe) {
      const r = await http.send(org.cookies.hr, 'POST', url, { personId: row.person.id, performance: 1, potential: 1, rationale: 'Two missed launches after written support.', approvedBy: eligible(row), version: row.version });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().current).toMatchObject({ ov: 'LE', forteSummary: 'Needs Improvement' });
      moved++;
    }
    for (const row of toHv2) {
      const r = await http.send(org.cookies.hr, 'POST', url, { personId: row.person.id, performance: 4, potential: 3, rationale: 'Led the on-call rotation redesign this year.', version: row.version });
      expect(r.statusCode, r.body).toBe(200);
      moved++;
    }
    expect(moved).toBeGreaterThan(0);
    board = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json();
    expect(board.distribution.violations).toEqual([]);
    const finalised = await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/finalise`);
    expect(finalised.statusCode, finalised.body).toBe(200);
    expect(finalised.json()).toMatchObject({ status: 'finalised', warnings: [] });
    const late = await http.send(org.cookies.hr, 'POST', url, { personId: rows[0]!.person.id, performance: 4, potential: 2, rationale: 'Changing my mind after the meeting.', version: 2 });
    expect(late.statusCode).toBe(409);
    expect(late.json().rule).toBe('RATING_LOCKED');
  });

  it('delivers only the Forte summary to employees under amazon, absent from the response rather than hidden', async () => {
    const before = await http.get(org.cookies.engineers[0]!, `/api/cycles/${cycleId}/my-rating`);
    expect(before.json()).toMatchObject({ delivered: false, forteSummary: null, ov: null });
    expect((await http.send(org.cookies.managers[0]!, 'POST', `/api/calibration-sessions/${sessionId}/deliver`)).statusCode).toBe(403);
    expect((await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/deliver`)).json().status).toBe('delivered');
    const mine = await http.get(org.cookies.engineers[0]!, `/api/cycles/${cycleId}/my-rating`);
    expect(mine.json()).toMatchObject({ delivered: true, ov: null, performance: null, potential: null, matrix: null, moves: null, evidence: null, policyVersion: null });
    expect(['Exceeds High Bar', 'Meets High Bar', 'Needs Improvement']).toContain(mine.json().forteSummary);
    expect(mine.body).not.toMatch(/"(TT|HV3|HV2|HV1|LE)"/u);
    const notice = (await http.get(org.cookies.engineers[0]!, '/api/notifications')).json().notifications[0];
    expect(notice.title).toContain('review is ready');
  });

  it('keeps a rating history with who, when, from, to and why for HR, and an export of original against calibrated', async () => {
    const person = org.people.engineers[0]!;
    const history = await http.get(org.cookies.hr, `/api/people/${person.id}/rating-history`);
    expect(history.json().changes[0]).toMatchObject({ by: expect.any(String), from: { ov: 'HV1' }, to: { ov: 'LE' }, rationale: 'Two missed launches after written support.' });
    expect((await http.get(org.cookies.engineers[1]!, `/api/people/${person.id}/rating-history`)).statusCode).toBe(404);
    expect((await http.get(org.cookies.engineers[0]!, `/api/people/${person.id}/rating-history`)).statusCode).toBe(404);
    const csv = await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}/export.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(15);
    expect(lines[0]).toBe('employee_id,name,level,manager,proposed_performance,proposed_potential,proposed_ov,performance,potential,ov,forte_summary,changes,last_changed_by,last_changed_at,last_rationale');
    expect(lines.some((l) => l.includes('"HV1"') && l.includes('"LE"') && l.includes('Two missed launches'))).toBe(true);
    const actions = await database.db.selectFrom('audit_events').select('action').where('action', 'like', 'rating.%').execute();
    expect(actions.filter((a) => a.action === 'rating.changed').length).toBe(Number((await counts()).changes));
  });

  it('shows what the humane policy would have made of the same proposals', async () => {
    const compared = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}/compare?policy=humane`)).json();
    expect(compared.policies.map((p: { key: string }) => p.key)).toEqual(['amazon', 'humane']);
    // Everyone was proposed at performance 4, potential 2: HV1 under amazon, HV2 under humane.
    expect(compared.people.every((p: { ov: string[] }) => p.ov[0] === 'HV1' && p.ov[1] === 'HV2')).toBe(true);
    expect(compared.differences).toBe(14);
  });
});

describe('OLR under the humane preset', () => {
  let org: OlrOrg;
  let cycleId: number;
  let sessionId: number;

  beforeAll(async () => {
    clock.setTime(Date.parse('2026-11-02T09:00:00Z'));
    org = await buildOlrOrg(database.db, app, 'hum');
    cycleId = await launchCycle(app, org, 'humane', 'Forte 2026 (humane)');
    clock.setTime(Date.parse('2027-01-05T09:00:00Z'));
    await org.signIn();
    // Two people with evidence in one dimension only.
    await proposeAll(org, cycleId, (i) => proposal(5, 2, i < 2 ? ['delivery'] : ['delivery', 'systemImpact']));
    sessionId = (await http.send(org.cookies.hr, 'POST', '/api/calibration-sessions', { cycleId, rootPersonId: org.people.director.id, name: 'Humane', calibratorAccountIds: [org.accounts.director.id, org.accounts.hr.id] })).json().id;
  });

  it('starts blind by default: names and managers are withheld from the room', async () => {
    const board = (await http.get(org.cookies.director, `/api/calibration-sessions/${sessionId}`)).json();
    expect(board.session.blind).toBe(true);
    expect(board.rows.every((r: { person: { name: string | null }; manager: unknown }) => r.person.name === null && r.manager === null)).toBe(true);
    expect(JSON.stringify(board)).not.toContain('Eng hum');
    expect((await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/reveal`)).json().blind).toBe(false);
    expect((await http.get(org.cookies.director, `/api/calibration-sessions/${sessionId}`)).json().rows[0].person.name).toMatch(/hum/u);
  });

  it('asks every change what evidence would change the calibrator’s mind, and refuses a move down without an earlier conversation', async () => {
    const engineer = org.people.engineers[3]!;
    const url = `/api/calibration-sessions/${sessionId}/adjustments`;
    const row = (await http.get(org.cookies.hr, `/api/calibration-sessions/${sessionId}`)).json().rows.find((r: { person: { id: number } }) => r.person.id === engineer.id);
    const noMind = await http.send(org.cookies.hr, 'POST', url, { personId: engineer.id, performance: 4, potential: 2, rationale: 'Scope was narrower than the level.', version: row.version });
    expect(noMind.json().rules).toEqual(['EVIDENCE_TO_CHANGE_MIND_REQUIRED', 'NO_SURPRISES']);
    // The manager logged the concern in December, before calibration.
    const note = await http.send(org.cookies.managers[0]!, 'POST', `/api/people/${engineer.id}/log`, { kind: 'feedback', occurredOn: '2026-12-10', body: 'Told them the design scope was narrower than L5 expects.' });
    expect(note.statusCode).toBe(201);
    const moved = await http.send(org.cookies.hr, 'POST', url, { personId: engineer.id, performance: 4, potential: 2, rationale: 'Scope was narrower than the level.', evidenceToChangeMind: 'A design doc they led end to end this year.', version: row.version });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('blocks finalising while a rating lacks evidence in two dimensions, naming who', async () => {
    const refused = await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/finalise`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().rule).toBe('EVIDENCE_THRESHOLD');
    expect(refused.json().detail).toContain('2 ratings lack evidence in 2 dimensions');
  });

  it('delivers the rating, the matrix, the evidence and the moves under humane', async () => {
    await database.db.updateTable('calibrated_ratings').set({ evidence_dimensions: JSON.stringify(['delivery', 'collaboration']) }).where('session_id', '=', sessionId).execute();
    const finalised = await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/finalise`);
    expect(finalised.statusCode, finalised.body).toBe(200);
    await http.send(org.cookies.hr, 'POST', `/api/calibration-sessions/${sessionId}/deliver`);
    const mine = (await http.get(org.cookies.engineers[3]!, `/api/cycles/${cycleId}/my-rating`)).json();
    expect(mine).toMatchObject({ delivered: true, ov: 'HV2', forteSummary: 'Meets High Bar', performance: { value: 4 }, policyVersion: { key: 'humane' }, canRequestReview: true });
    expect(mine.matrix['4']['2']).toBe('HV2');
    expect(mine.moves).toEqual([expect.objectContaining({ from: 'HV3', to: 'HV2', evidenceToChangeMind: 'A design doc they led end to end this year.' })]);
    expect(mine.evidence.byDimension.delivery).toHaveLength(1);
  });
});
