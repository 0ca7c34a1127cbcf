import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { openTestDatabase } from './db.ts';
import { startTestServer, WRITE_HEADERS } from './server.ts';
import { api } from './forte-helpers.ts';
import { buildOlrOrg, launchCycle, proposal, type OlrOrg } from './olr-helpers.ts';
import { scheduledDatabase, type ScheduledDatabase } from './scheduled-db.ts';

// Calibration under a fast-check scheduler: calibrators moving the same person's rating from the
// version they loaded (retrying once with the version a conflict names), HR finalising (once or
// twice, a double click) and a calibrator voting, all at once through the real app, with every
// database statement a point the scheduler orders (test/scheduled-db.ts). Whatever the order:
// no 500; one move per version; a conflict names the version that won and its rating; exactly
// one audit entry and one change record per committed move, chained from-to in commit order;
// nothing moves after the session is finalised, and the finalised counts are the final ratings.

let database: Database;
let scheduled: ScheduledDatabase;
let app: FastifyInstance;
let org: OlrOrg;
let sessionId: number;
let personId: number;
const clock = new Date('2026-11-02T09:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  scheduled = scheduledDatabase(database);
  app = await startTestServer(scheduled.db, { now: () => clock });
  const http = api(app);
  org = await buildOlrOrg(database.db, app, 'race');
  const cycleId = await launchCycle(app, org, 'humane', 'Races (humane)');
  clock.setTime(Date.parse('2027-01-05T09:00:00Z')); // manager review phase
  await org.signIn();
  for (const [i, manager] of org.people.managers.entries()) {
    const saved = await http.send(org.cookies.director, 'POST', `/api/cycles/${cycleId}/people/${manager.id}/proposal/submit`, proposal(4, 2));
    expect(saved.statusCode, `${i} ${saved.body}`).toBe(200);
  }
  for (const [i, engineer] of org.people.engineers.entries()) {
    const saved = await http.send(org.cookies.managers[Math.floor(i / 6)]!, 'POST', `/api/cycles/${cycleId}/people/${engineer.id}/proposal/submit`, proposal(4, 2));
    expect(saved.statusCode, saved.body).toBe(200);
  }
  personId = org.people.engineers[0]!.id; // Alma's report
  // The humane policy moves nobody down without an earlier conversation: the manager had one.
  const note = await http.send(org.cookies.managers[0]!, 'POST', `/api/people/${personId}/log`, { kind: 'feedback', occurredOn: '2026-12-10', body: 'Talked about the scope of the design work.' });
  expect(note.statusCode, note.body).toBe(201);
  const calibratorAccountIds = [org.accounts.director.id, ...org.accounts.managers.map((m) => m.id), org.accounts.hr.id];
  const created = await http.send(org.cookies.hr, 'POST', '/api/calibration-sessions', { cycleId, rootPersonId: org.people.director.id, name: 'Races', calibratorAccountIds, blind: false });
  expect(created.statusCode, created.body).toBe(201);
  sessionId = created.json().id;
});
afterAll(async () => {
  await app.close();
  await scheduled.close();
  await database.close();
});

interface Rating {
  performance: number;
  potential: number;
  ov: string;
}
interface Op {
  actor: string;
  kind: 'adjust' | 'finalise' | 'vote';
  target?: { performance: number; potential: number };
  version?: number;
  status: number;
  body: Record<string, unknown> | null;
}

const ADJUSTERS = ['director', 'hr', 'bert'] as const;
const cookieOf = (actor: string) => (actor === 'director' ? org.cookies.director : actor.startsWith('hr') ? org.cookies.hr : org.cookies.managers[1]!);

// Moves that need no quorum (never into TT or LE) and are on the humane scale.
const targetArbitrary = fc.record({ performance: fc.integer({ min: 3, max: 5 }), potential: fc.integer({ min: 1, max: 4 }) });
const planArbitrary = fc.record({
  adjusters: fc.uniqueArray(fc.record({ who: fc.constantFrom(...ADJUSTERS), target: targetArbitrary, retryOnConflict: fc.boolean() }), { minLength: 1, maxLength: 3, selector: (a) => a.who }),
  finalisers: fc.integer({ min: 0, max: 2 }),
  vote: fc.option(fc.constantFrom('agree', 'questions', 'abstain'), { nil: null }),
});

async function currentRating() {
  return database.db.selectFrom('calibrated_ratings').select(['performance', 'potential', 'ov', 'version']).where('session_id', '=', sessionId).where('person_id', '=', personId).executeTakeFirstOrThrow();
}

async function auditSince(seq: number) {
  return database.db.selectFrom('audit_events').select(['seq', 'action', 'subject_type', 'subject_id', 'details']).where('seq', '>', seq).orderBy('seq').execute();
}

describe('calibration edits under a scheduler', () => {
  it('keeps moves, votes and finalising serialisable: no lost update, one audit entry per change, no 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), planArbitrary, async (s, plan) => {
        // Each run starts from an open session and whatever rating the last run left.
        await database.db.updateTable('calibration_sessions').set({ status: 'open', finalised_at: null }).where('id', '=', sessionId).execute();
        const before = await currentRating();
        const auditSeq = (await database.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0;
        const changesBefore = (await database.db.selectFrom('rating_changes').select('id').where('session_id', '=', sessionId).where('person_id', '=', personId).execute()).length;
        const ops: Op[] = [];

        async function send(actor: string, kind: Op['kind'], method: 'POST' | 'PUT', url: string, payload?: object, extra: Partial<Op> = {}) {
          await scheduled.park(`${actor} sends ${kind}`);
          const response = await app.inject({ method, url, headers: { ...WRITE_HEADERS, cookie: cookieOf(actor) }, ...(payload ? { payload } : {}) });
          await scheduled.park(`${actor} reads ${kind} ${response.statusCode}`);
          const op: Op = { actor, kind, ...extra, status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown>) : null };
          ops.push(op);
          return op;
        }
        const adjust = (actor: string, target: { performance: number; potential: number }, version: number) =>
          send(actor, 'adjust', 'POST', `/api/calibration-sessions/${sessionId}/adjustments`, { personId, ...target, rationale: `Moved by ${actor} after the discussion.`, evidenceToChangeMind: 'A design document they led end to end.', version }, { target, version });

        const actors: (() => Promise<unknown>)[] = plan.adjusters.map(({ who, target, retryOnConflict }) => async () => {
          const op = await adjust(who, target, before.version);
          if (op.status === 409 && op.body?.rule === 'VERSION_CONFLICT' && retryOnConflict) await adjust(who, target, op.body.version as number);
        });
        for (let i = 0; i < plan.finalisers; i++) actors.push(() => send(`hr-finalise-${i}`, 'finalise', 'POST', `/api/calibration-sessions/${sessionId}/finalise`));
        if (plan.vote) actors.push(() => send('bert', 'vote', 'PUT', `/api/calibration-sessions/${sessionId}/votes`, { personId, vote: plan.vote }));

        const settled = await scheduled.run(s, actors);
        for (const result of settled) if (result.status === 'rejected') throw result.reason;
        const after = await currentRating();
        const audit = await auditSince(auditSeq);

        // Never a 500, and only the answers each request may give: a move to the rating the
        // person has at that moment is refused as no change (422), nothing else breaks a rule.
        const allowed = { adjust: [200, 409, 422], finalise: [200, 409], vote: [200, 409] };
        for (const op of ops) expect(allowed[op.kind], `${op.actor} ${op.kind}: ${op.status} ${JSON.stringify(op.body)}`).toContain(op.status);
        for (const op of ops.filter((o) => o.status === 422)) expect(op.body!.rules, JSON.stringify(op.body)).toEqual(['NO_CHANGE']);

        // One committed move per version, in order, and the stored rating is the last of them.
        const moves = ops.filter((op) => op.kind === 'adjust' && op.status === 200);
        const versions = moves.map((op) => op.body!.version as number).sort((a, b) => a - b);
        expect(versions).toEqual(versions.map((_, i) => before.version + 1 + i));
        const ratingAt = new Map<number, Rating>([[before.version, { performance: before.performance, potential: before.potential, ov: before.ov }]]);
        for (const op of moves) ratingAt.set(op.body!.version as number, { ...op.target!, ov: (op.body!.current as Rating).ov });
        const held = [...ratingAt.values()].map((r) => `${r.performance}/${r.potential}`);
        for (const op of ops.filter((o) => o.status === 422)) expect(held, JSON.stringify(op)).toContain(`${op.target!.performance}/${op.target!.potential}`);
        expect(after.version).toBe(before.version + moves.length);
        expect({ performance: after.performance, potential: after.potential, ov: after.ov }).toEqual(ratingAt.get(after.version));

        // A version conflict names the version that won and shows its rating.
        for (const op of ops.filter((o) => o.body?.rule === 'VERSION_CONFLICT')) {
          const version = op.body!.version as number;
          expect(version, JSON.stringify(op)).not.toBe(op.version);
          expect(ratingAt.get(version), JSON.stringify(op)).toEqual(op.body!.latest);
        }

        // Exactly one audit entry and one change record per committed move, chained in commit order.
        const changed = audit.filter((e) => e.action === 'rating.changed' && e.subject_id === String(personId));
        expect(changed).toHaveLength(moves.length);
        changed.forEach((event, i) => {
          const details = event.details as { from: Rating; to: Rating };
          expect(details.from).toEqual(ratingAt.get(before.version + i));
          expect(details.to).toEqual(ratingAt.get(before.version + i + 1));
        });
        const changesAfter = (await database.db.selectFrom('rating_changes').select('id').where('session_id', '=', sessionId).where('person_id', '=', personId).execute()).length;
        expect(changesAfter - changesBefore).toBe(moves.length);

        // Finalising happens once; nothing moves after it, and what it counted is what is stored.
        const finalised = ops.filter((op) => op.kind === 'finalise' && op.status === 200);
        const finalisedEvents = audit.filter((e) => e.action === 'calibration.finalised' && e.subject_id === String(sessionId));
        // Finalising is refused only when another finalise won, or a move landed while it checked.
        expect(finalised.length).toBeLessThanOrEqual(1);
        for (const op of ops.filter((o) => o.kind === 'finalise' && o.status === 409)) {
          expect(['RATING_LOCKED', 'RATINGS_MOVED'], JSON.stringify(op.body)).toContain(op.body!.rule);
          if (op.body!.rule === 'RATINGS_MOVED') expect(moves.length, JSON.stringify(op.body)).toBeGreaterThan(0);
          else expect(finalised, JSON.stringify(op.body)).toHaveLength(1);
        }
        expect(finalisedEvents).toHaveLength(finalised.length);
        const session = await database.db.selectFrom('calibration_sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow();
        expect(session.status).toBe(finalised.length ? 'finalised' : 'open');
        if (finalisedEvents.length) {
          const lastMove = changed.at(-1)?.seq ?? 0;
          expect(lastMove, 'a rating moved after the session was finalised').toBeLessThan(finalisedEvents[0]!.seq);
          const stored = await database.db.selectFrom('calibrated_ratings').select(['ov']).select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).groupBy('ov').execute();
          const counted = Object.fromEntries(Object.entries((finalisedEvents[0]!.details as { counts: Record<string, number> }).counts).filter(([, n]) => n > 0));
          expect(counted).toEqual(Object.fromEntries(stored.map((r) => [r.ov, Number(r.n)])));
        }
        for (const op of ops.filter((o) => o.status === 409 && o.body?.rule === 'RATING_LOCKED')) expect(finalised, `${op.actor} was told the session is locked`).toHaveLength(1);

        // A vote that was taken is stored, and never touches the rating's version.
        const vote = ops.find((op) => op.kind === 'vote');
        if (vote?.status === 200) {
          const stored = await database.db.selectFrom('calibration_votes').select('vote').where('session_id', '=', sessionId).where('person_id', '=', personId).where('account_id', '=', org.accounts.managers[1]!.id).executeTakeFirstOrThrow();
          expect(stored.vote).toBe(plan.vote);
        }
      }),
      { numRuns: Number(process.env.HIGHBAR_SCHEDULER_RUNS ?? 30) },
    );
  }, 120_000);
});
