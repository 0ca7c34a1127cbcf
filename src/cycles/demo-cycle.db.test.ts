import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { loadActor, type Actor } from '../accounts/actor.ts';
import { seedDemo } from '../people/demo.service.ts';
import { DEFAULT_WORDING_TERMS } from '../policy/wording-terms.ts';
import { DEFAULT_LEADERSHIP_PRINCIPLES } from '../policy/presets.ts';
import { PHASES } from '../policy/policy.schema.ts';
import { countWords } from '../shared/words.ts';
import { findWordingConcerns } from './wording.rules.ts';
import { getCycle } from './cycles.service.ts';
import { cycleProgress, listMyTasks } from './progress.service.ts';
import { DEMO_CYCLE_NAME, seedDemoCycle } from './demo-cycle.ts';
import { DEMO_OLR_CYCLE_NAME, seedDemoCalibration } from '../calibration/demo-calibration.ts';
import { calibrationBoard } from '../calibration/board.service.ts';

const now = new Date('2026-11-23T10:00:00Z');
let demo: Database;
let twin: Database;
let cycleId: number;
let actors: Record<'hr' | 'manager' | 'employee' | 'leader' | 'hr-scoped', Actor>;

async function actorFor(db: Kysely<DB>, email: string): Promise<Actor> {
  const account = await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return (await loadActor(db, account.id))!;
}

beforeAll(async () => {
  [demo, twin] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  const [result] = await Promise.all([seedDemo(demo.db, { now }), seedDemo(twin.db, { now })]);
  if (result.status !== 'seeded') throw new Error(`demo not seeded: ${result.status}`);
  const email = (role: string) => result.accounts.find((a) => a.role === role)!.email;
  actors = {
    hr: await actorFor(demo.db, email('hr')),
    manager: await actorFor(demo.db, email('manager')),
    employee: await actorFor(demo.db, email('employee')),
    leader: await actorFor(demo.db, email('leader')),
    'hr-scoped': await actorFor(demo.db, email('hr-scoped')),
  };
  cycleId = (await demo.db.selectFrom('review_cycles').select('id').where('name', '=', DEMO_CYCLE_NAME).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await Promise.all([demo.close(), twin.close()]);
});

describe('the demo review cycle', () => {
  it('runs for the whole organisation under the amazon policy and is in peer feedback when seeded', async () => {
    const cycle = await getCycle(demo.db, { actor: actors.hr, cycleId, now });
    const top = await demo.db.selectFrom('people').select('id').where('manager_id', 'is', null).executeTakeFirstOrThrow();
    expect(cycle).toMatchObject({ name: 'Forte 2026', status: 'launched', phase: 'peer_feedback', root: { id: top.id }, policy: { key: 'amazon' } });
    const deadlines = PHASES.map((phase) => Date.parse(cycle.deadlines[phase]));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(new Set(deadlines).size).toBe(5);
    const days = (iso: string) => (Date.parse(iso) - now.getTime()) / 86_400_000;
    expect(days(cycle.deadlines.self_review)).toBeGreaterThan(-5);
    expect(days(cycle.deadlines.self_review)).toBeLessThan(0);
    expect(days(cycle.deadlines.peer_feedback)).toBeGreaterThan(19);
    expect(days(cycle.deadlines.peer_feedback)).toBeLessThan(23);
  });

  it('gives the demo employee at least five submitted responses, and feedback of their own to write', async () => {
    const submitted = await demo.db.selectFrom('peer_feedback').select('id').where('subject_id', '=', actors.employee.personId!).where('status', '=', 'submitted').execute();
    expect(submitted.length).toBeGreaterThanOrEqual(5);
    const tasks = await listMyTasks(demo.db, { actor: actors.employee, cycleId, now });
    expect(tasks.selfReview.status).toBe('submitted');
    expect(tasks.peerRequestsMade).toBeGreaterThanOrEqual(5);
    expect(tasks.feedbackToWrite.map((t) => t.feedbackStatus)).toEqual(expect.arrayContaining(['submitted', 'draft', 'not_started']));
  });

  it("shows the demo manager their reports' progress, with nominations to approve", async () => {
    const progress = await cycleProgress(demo.db, { actor: actors.manager, cycleId, now });
    expect(progress.people.length).toBeGreaterThanOrEqual(4);
    const employee = progress.people.find((p) => p.person.id === actors.employee.personId)!;
    expect(employee).toMatchObject({ selfReview: 'submitted', tooFewPeerResponses: false });
    expect(progress.summary.selfReviewsSubmitted).toBeGreaterThan(0);
    const tasks = await listMyTasks(demo.db, { actor: actors.manager, cycleId, now });
    expect(tasks.reports.some((r) => r.nominationsAwaitingApproval > 0)).toBe(true);
    expect(tasks.reports.find((r) => r.person.id === actors.employee.personId)?.managerReview).toBe('draft');
    const log = await demo.db.selectFrom('feedback_log').select(['author_id']).where('person_id', '=', actors.employee.personId!).execute();
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect(log.every((l) => l.author_id === actors.manager.personId)).toBe(true);
  });

  it('asks each engineer 5 to 8 peers and answers most of them, with a few declines', async () => {
    const engineers = await demo.db
      .selectFrom('people as p')
      .select('p.id')
      .where('p.status', '=', 'active')
      .where('p.team_id', 'is not', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('people as r').select('r.id').whereRef('r.manager_id', '=', 'p.id'))))
      .execute();
    const requests = await demo.db.selectFrom('peer_requests').select(['subject_id', 'status', 'decline_reason']).where('cycle_id', '=', cycleId).execute();
    const perSubject = new Map<number, number>();
    for (const r of requests) perSubject.set(r.subject_id, (perSubject.get(r.subject_id) ?? 0) + 1);
    for (const e of engineers) expect(perSubject.get(e.id), `engineer ${e.id}`).toBeGreaterThanOrEqual(5);
    expect(Math.max(...engineers.map((e) => perSubject.get(e.id)!))).toBeLessThanOrEqual(8);
    const share = (status: string) => requests.filter((r) => r.status === status).length / requests.length;
    expect(share('submitted')).toBeGreaterThan(0.5);
    expect(share('submitted')).toBeLessThan(0.7);
    const declined = requests.filter((r) => r.status === 'declined');
    expect(declined.length).toBeGreaterThan(0);
    expect(share('declined')).toBeLessThan(0.1);
    expect(declined.every((r) => (r.decline_reason ?? '').trim().length > 0)).toBe(true);
  });

  it('keeps every answer within 60 words and 3 LP tags each, with no personality words anywhere', async () => {
    const feedback = await demo.db.selectFrom('peer_feedback').select(['superpowers', 'improvements', 'lps_championed', 'lps_to_improve', 'status']).execute();
    expect(feedback.length).toBeGreaterThan(1000);
    const drafts = feedback.filter((f) => f.status === 'draft').length / feedback.length;
    expect(drafts).toBeGreaterThan(0.1);
    const texts: string[] = [];
    for (const f of feedback) {
      expect(countWords(f.superpowers)).toBeLessThanOrEqual(60);
      expect(countWords(f.improvements)).toBeLessThanOrEqual(60);
      expect(f.lps_championed.length).toBeLessThanOrEqual(3);
      expect(f.lps_to_improve.length).toBeLessThanOrEqual(3);
      for (const lp of [...f.lps_championed, ...f.lps_to_improve]) expect(DEFAULT_LEADERSHIP_PRINCIPLES).toContain(lp);
      if (f.status === 'submitted') expect(countWords(f.superpowers) * countWords(f.improvements)).toBeGreaterThan(0);
      texts.push(f.superpowers, f.improvements);
    }
    // Varied, not a handful of canned lines: no two responses alike, few repeated sentences.
    expect(new Set(feedback.map((f) => `${f.superpowers}|${f.improvements}`)).size).toBe(feedback.length);
    const answered = texts.filter((t) => t !== '');
    expect(new Set(answered).size).toBeGreaterThan(answered.length * 0.85);
    const selfReviews = await demo.db.selectFrom('self_reviews').select(['body', 'principles']).execute();
    const declines = await demo.db.selectFrom('peer_requests').select('decline_reason').where('decline_reason', 'is not', null).execute();
    const notes = await demo.db.selectFrom('feedback_log').select('body').execute();
    const reviews = await demo.db.selectFrom('manager_reviews').select('narrative').execute();
    texts.push(...selfReviews.flatMap((s) => [s.body, ...s.principles.map((p) => p.example)]), ...declines.map((d) => d.decline_reason!), ...notes.map((n) => n.body), ...reviews.map((r) => r.narrative));
    const flagged = texts.flatMap((text) => findWordingConcerns(text, DEFAULT_WORDING_TERMS).map((c) => `${c.match}: ${text}`));
    expect(flagged).toEqual([]);
  });

  it('seeds the same rows from the same seed, ids aside', async () => {
    expect(await snapshot(twin.db)).toEqual(await snapshot(demo.db));
  });

  it('adds nothing when seeded again', async () => {
    const before = await counts(demo.db);
    expect(await seedDemoCycle(demo.db, { now: new Date('2026-12-01T10:00:00Z') })).toEqual({ status: 'already-seeded', cycleId });
    expect((await seedDemoCalibration(demo.db, { now: new Date('2026-12-01T10:00:00Z') })).status).toBe('already-seeded');
    expect((await seedDemo(demo.db, { now })).status).toBe('already-seeded');
    expect(await counts(demo.db)).toEqual(before);
  });
});

describe('the demo calibration', () => {
  let olrCycleId: number;
  let sessionId: number;
  beforeAll(async () => {
    olrCycleId = (await demo.db.selectFrom('review_cycles').select('id').where('name', '=', DEMO_OLR_CYCLE_NAME).executeTakeFirstOrThrow()).id;
    sessionId = (await demo.db.selectFrom('calibration_sessions').select('id').where('cycle_id', '=', olrCycleId).executeTakeFirstOrThrow()).id;
  });

  it("runs an earlier amazon cycle over the demo manager's director's organisation, now in calibration", async () => {
    const cycle = await getCycle(demo.db, { actor: actors.hr, cycleId: olrCycleId, now });
    const manager = await demo.db.selectFrom('people').select('manager_id').where('id', '=', actors.manager.personId!).executeTakeFirstOrThrow();
    expect(cycle).toMatchObject({ status: 'launched', phase: 'calibration', root: { id: manager.manager_id }, policy: { key: 'amazon' } });
    const forte = await getCycle(demo.db, { actor: actors.hr, cycleId, now });
    expect(Date.parse(cycle.launchedAt!)).toBeLessThan(Date.parse(forte.launchedAt!));
    // Its launch notices were read months ago: the demo's bell shows this season's news.
    const unread = await demo.db.selectFrom('notifications').select('id').where('dedupe_key', '=', `cycle-${olrCycleId}-launched`).where('read_at', 'is', null).execute();
    expect(unread).toEqual([]);
  });

  it('has proposals written by each person’s manager, varied in rating and evidence, except the demo manager’s team', async () => {
    const rows = await demo.db
      .selectFrom('rating_proposals as rp')
      .innerJoin('people as p', 'p.id', 'rp.person_id')
      .select(['rp.person_id', 'rp.author_id', 'p.manager_id', 'rp.status', 'rp.performance', 'rp.potential', 'rp.evidence', 'rp.justification'])
      .where('rp.cycle_id', '=', olrCycleId)
      .execute();
    const submitted = rows.filter((r) => r.status === 'submitted');
    expect(submitted.length).toBeGreaterThanOrEqual(30);
    for (const r of submitted) expect(r.author_id).toBe(r.manager_id);
    expect(submitted.some((r) => r.manager_id === actors.manager.personId)).toBe(false);
    expect(new Set(submitted.map((r) => `${r.performance}/${r.potential}`)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(submitted.map((r) => Object.keys(r.evidence.byDimension).length))).toEqual(new Set([1, 2, 3]));
    expect(new Set(submitted.map((r) => r.justification)).size).toBeGreaterThan(submitted.length * 0.8);
    // The demo employee's proposal is the manager's unfinished draft.
    expect(rows.filter((r) => r.status === 'draft')).toEqual([expect.objectContaining({ person_id: actors.employee.personId, author_id: actors.manager.personId })]);
    const texts = submitted.flatMap((r) => [r.justification, ...Object.values(r.evidence.byDimension).flat(), ...r.evidence.impactExamples, r.evidence.peerFeedbackThemes, ...r.evidence.systemMetrics, r.evidence.multiplierImpact]);
    expect(texts.flatMap((t) => findWordingConcerns(t, DEFAULT_WORDING_TERMS).map((c) => c.match))).toEqual([]);
  });

  it('opens a session the leader, the manager and both HR partners calibrate, where the forced distribution does not fit yet', async () => {
    const board = await calibrationBoard(demo.db, { actor: actors.hr, sessionId });
    expect(board.session).toMatchObject({ status: 'open', blind: false, policy: { key: 'amazon', mode: 'forced' } });
    expect(board.session.calibrators.map((c) => c.accountId).sort()).toEqual([actors.leader, actors.manager, actors.hr, actors['hr-scoped']].map((a) => a.accountId).sort());
    expect(board.viewer).toEqual({ calibrates: true, runs: true });
    expect(board.distribution.violations.map((v) => v.rating)).toEqual(['HV1', 'LE']);
    expect(board.distribution.violations.every((v) => v.count < v.allowedMin)).toBe(true);
    // The demo manager's team (not proposed yet) and the director at the root are not on the board.
    const team = await demo.db.selectFrom('people').select('id').where('manager_id', '=', actors.manager.personId!).execute();
    expect(board.missingProposals.map((m) => m.id).sort()).toEqual([...team.map((t) => t.id), board.session.root.id].sort());
    expect(board.tally.agree + board.tally.questions).toBeGreaterThan(board.rows.length);
    expect(board.rows.filter((r) => r.flags.includes('moved-down'))).toHaveLength(1);
    // The manager calibrates but never sees their own row.
    const managerBoard = await calibrationBoard(demo.db, { actor: actors.manager, sessionId });
    expect(managerBoard.rows.map((r) => r.person.id)).not.toContain(actors.manager.personId);
    expect(managerBoard.viewer).toEqual({ calibrates: true, runs: false });
  });
});

const TABLES = [
  'review_cycles',
  'cycle_participants',
  'self_reviews',
  'peer_requests',
  'peer_feedback',
  'manager_reviews',
  'feedback_log',
  'notifications',
  'audit_events',
  'rating_proposals',
  'calibration_sessions',
  'calibrated_ratings',
  'calibration_votes',
  'rating_changes',
] as const;

async function counts(db: Kysely<DB>) {
  return Promise.all(TABLES.map(async (table) => [table, Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)]));
}

/** The seeded season keyed by employee ids instead of row ids. */
async function snapshot(db: Kysely<DB>) {
  const people = new Map((await db.selectFrom('people').select(['id', 'employee_id']).execute()).map((p) => [p.id, p.employee_id]));
  const who = (id: number | null) => (id === null ? null : people.get(id));
  const requests = await db.selectFrom('peer_requests').select(['id', 'subject_id', 'reviewer_id', 'nominated_by', 'status', 'decline_reason', 'created_at', 'updated_at']).execute();
  const pair = new Map(requests.map((r) => [r.id, `${who(r.subject_id)}>${who(r.reviewer_id)}`]));
  const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    cycles: sort((await db.selectFrom('review_cycles').select(['name', 'root_person_id', 'status', 'deadlines', 'questions', 'launched_at', 'created_at']).execute()).map((c) => ({ ...c, root_person_id: who(c.root_person_id) }))),
    selfReviews: sort((await db.selectFrom('self_reviews').select(['person_id', 'body', 'principles', 'status', 'version', 'updated_at', 'submitted_at']).execute()).map((s) => ({ ...s, person_id: who(s.person_id) }))),
    requests: sort(requests.map(({ id, ...r }) => ({ ...r, pair: pair.get(id), subject_id: undefined, reviewer_id: undefined, nominated_by: who(r.nominated_by) }))),
    feedback: sort((await db.selectFrom('peer_feedback').select(['request_id', 'superpowers', 'improvements', 'lps_championed', 'lps_to_improve', 'status', 'version', 'updated_at', 'submitted_at']).execute()).map(({ request_id, ...f }) => ({ ...f, pair: pair.get(request_id) }))),
    reviews: sort((await db.selectFrom('manager_reviews').select(['person_id', 'author_id', 'narrative', 'status', 'version', 'updated_at']).execute()).map((m) => ({ ...m, person_id: who(m.person_id), author_id: who(m.author_id) }))),
    log: sort((await db.selectFrom('feedback_log').select(['person_id', 'author_id', 'kind', 'occurred_on', 'body', 'created_at']).execute()).map((l) => ({ ...l, person_id: who(l.person_id), author_id: who(l.author_id) }))),
    notifications: sort((await db.selectFrom('notifications').select(['person_id', 'kind', 'title', 'created_at', 'read_at']).execute()).map((n) => ({ ...n, person_id: who(n.person_id) }))),
    proposals: sort(
      (await db.selectFrom('rating_proposals').select(['person_id', 'author_id', 'performance', 'potential', 'principles', 'justification', 'evidence', 'status', 'version', 'submitted_at']).execute()).map((r) => ({
        ...r,
        person_id: who(r.person_id),
        author_id: who(r.author_id),
        evidence: { ...r.evidence, logNoteIds: r.evidence.logNoteIds.length },
      })),
    ),
    calibrated: sort((await db.selectFrom('calibrated_ratings').select(['person_id', 'manager_id', 'proposed_ov', 'performance', 'potential', 'ov', 'evidence_dimensions', 'version']).execute()).map((r) => ({ ...r, person_id: who(r.person_id), manager_id: who(r.manager_id) }))),
    votes: sort((await db.selectFrom('calibration_votes').select(['person_id', 'vote', 'at']).execute()).map((v) => ({ ...v, person_id: who(v.person_id) }))),
    changes: sort((await db.selectFrom('rating_changes').select(['person_id', 'from_ov', 'to_ov', 'rationale', 'at']).execute()).map((c) => ({ ...c, person_id: who(c.person_id) }))),
  };
}
