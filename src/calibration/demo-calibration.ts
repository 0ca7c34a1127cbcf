import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunk } from '../db/bulk.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { createCycle, launchCycle } from '../cycles/cycles.service.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { createRng, findDemoActors, type Rng } from '../cycles/demo-cycle.ts';
import type { OvRating } from '../policy/olr.schema.ts';
import { olrOf } from './olr-cycle.ts';
import { lookupOv } from './ov-matrix.rules.ts';
import { proposalProblems, saveProposal } from './proposals.service.ts';
import { adjustRating, createSession } from './sessions.service.ts';
import { ProposalTexts } from './demo-calibration-texts.ts';

export const DEMO_OLR_CYCLE_NAME = 'Mid-year 2026';
const SEED = 202606;
const DAY = 86_400_000;

/**
 * Seeds what the demo's calibration screens need: "Mid-year 2026" under the amazon policy for the
 * demo manager's director's organisation, in its calibration phase at `now`, with proposals
 * submitted by each person's manager (varied ratings and evidence, generous as first proposals
 * are, so the forced distribution does not fit yet), and an open session over it. The demo
 * leader, the demo manager and both HR partners calibrate; HR runs it. The demo manager has not
 * proposed for their own team yet, beyond a draft for the demo employee: that is their task, and
 * the session's "not yet proposed" list. Same `now`, same rows (ids aside); seeding again adds
 * nothing.
 */
export async function seedDemoCalibration(db: Kysely<DB>, options: { now: Date }): Promise<{ status: 'seeded' | 'already-seeded'; cycleId: number; sessionId: number }> {
  const actors = await findDemoActors(db);
  const { manager, employee, hr } = actors;
  const director = await db
    .selectFrom('people as m')
    .innerJoin('people as d', 'd.id', 'm.manager_id')
    .select(['d.id', 'd.name'])
    .where('m.id', '=', manager.personId!)
    .executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom('review_cycles as c')
    .innerJoin('calibration_sessions as s', 's.cycle_id', 'c.id')
    .select(['c.id', 's.id as session_id'])
    .where('c.name', '=', DEMO_OLR_CYCLE_NAME)
    .where('c.root_person_id', '=', director.id)
    .executeTakeFirst();
  if (existing) return { status: 'already-seeded', cycleId: existing.id, sessionId: existing.session_id };

  const at = (days: number) => new Date(Math.floor((options.now.getTime() + days * DAY) / 1000) * 1000);
  const endOfDay = (days: number) => {
    const d = at(days);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59)).toISOString();
  };
  // Launched in early summer; manager review closed ten days ago; calibration runs twelve more days.
  const deadlines = { self_review: endOfDay(-120), peer_feedback: endOfDay(-95), manager_review: endOfDay(-10), calibration: endOfDay(12), delivery: endOfDay(40) };
  const cycleId = await createCycle(db, { actor: hr, name: DEMO_OLR_CYCLE_NAME, rootPersonId: director.id, policyKey: 'amazon', deadlines, now: at(-142) });
  await launchCycle(db, { actor: hr, cycleId, now: at(-140) });
  // The services stamp creation with the database clock; and the launch notices were read long ago.
  await sql`update review_cycles set created_at = ${at(-142)} where id = ${cycleId}`.execute(db);
  await db.updateTable('notifications').set({ read_at: at(-138) }).where('dedupe_key', '=', `cycle-${cycleId}-launched`).execute();

  const cycle = await loadCycle(db, cycleId);
  const olr = olrOf(cycle);
  const rng = createRng(SEED);
  const texts = new ProposalTexts(rng, cycle.policy.forte.wordingCheck.terms);
  const people = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .select(['p.id', 'p.manager_id', 'p.level'])
    .where('cp.cycle_id', '=', cycleId)
    .where('p.id', '!=', director.id)
    .orderBy('p.employee_id')
    .execute();
  // The demo manager's own team waits for them; everyone else's manager has submitted.
  const proposed = people.filter((p) => p.manager_id !== manager.personId);
  const ratings = planRatings(rng, proposed.length);

  const roleModels = new Set<string>();
  const rows: PlannedProposal[] = [];
  for (const [i, person] of proposed.entries()) {
    const { performance, potential } = ratings[i]!;
    const ov = lookupOv(olr, performance, potential);
    const submittedAt = at(-40 + Math.floor(rng.next() * 28));
    const logNoteIds = ov === 'LE' ? [await logConcern(db, person, at(-70))] : [];
    const input = {
      performance,
      potential,
      principles: planPrinciples(rng, cycle.policy.leadershipPrinciples, performance, roleModels),
      justification: texts.justification(performance, potential),
      evidence: texts.evidence(planDimensions(rng, olr.evidence.dimensions.map((d) => d.key)), logNoteIds),
    };
    const problems = proposalProblems(olr, cycle.policy.leadershipPrinciples, input, true, logNoteIds.length);
    if (problems.length) throw new Error(`Demo proposal breaks a rule: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    rows.push({ person, input, ov, submittedAt, version: rng.int(1, 4) });
  }
  // Written in bulk: these managers have no sign-in, and an actor is an account. The rules
  // above are the ones saveProposal applies, and each submission is audited as it would be.
  await db.transaction().execute(async (trx) => {
    for (const batch of chunk(rows, 200)) {
      await trx
        .insertInto('rating_proposals')
        .values(
          batch.map((r) => ({
            cycle_id: cycleId,
            person_id: r.person.id,
            author_id: r.person.manager_id!,
            performance: r.input.performance,
            potential: r.input.potential,
            principles: JSON.stringify(r.input.principles),
            justification: r.input.justification,
            evidence: JSON.stringify(r.input.evidence),
            status: 'submitted' as const,
            version: r.version,
            updated_at: r.submittedAt,
            submitted_at: r.submittedAt,
          })),
        )
        .execute();
    }
    for (const r of [...rows].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.person.id - b.person.id)) {
      await appendAuditEvent(trx, {
        actorAccountId: null,
        action: 'rating.proposed',
        subjectType: 'person',
        subjectId: r.person.id,
        details: { cycleId, performance: r.input.performance, potential: r.input.potential, ov: r.ov, authorId: r.person.manager_id, seeded: true },
        at: r.submittedAt,
      });
    }
  });

  // The demo manager started the demo employee's proposal before the deadline, and stopped there.
  await saveProposal(db, {
    actor: manager,
    cycleId,
    personId: employee.personId!,
    input: { performance: 5, potential: 3, principles: { Ownership: 3, 'Dive Deep': 3 }, justification: texts.justification(5, 3), evidence: texts.evidence(['delivery'], []) },
    submit: false,
    now: at(-12),
  });

  const calibrators = [actors.leader, manager, hr, actors.hrScoped].filter((a) => a !== null);
  const session = await createSession(db, {
    actor: hr,
    input: { cycleId, rootPersonId: director.id, name: `${director.name}’s organisation`, calibratorAccountIds: calibrators.map((a) => a.accountId), blind: false },
    now: at(-3),
  });
  await seedVotes(db, rng, { sessionId: session.id, calibrators: calibrators.filter((a) => a !== hr), ratings: rows, now: at(-2) });

  // One move already made in the room: a Top Tier proposal the leader brought down, with why.
  const moved = rows.find((r) => r.ov === 'TT' && r.person.manager_id !== manager.personId && r.input.performance === 6);
  if (moved && actors.leader) {
    await adjustRating(db, {
      actor: actors.leader,
      sessionId: session.id,
      input: { personId: moved.person.id, performance: 6, potential: 2, rationale: 'Scope this half stayed within one service; Top Tier here means impact across teams, which the next half can show.', version: 1 },
      now: at(-1),
    });
  }
  return { status: 'seeded', cycleId, sessionId: session.id };
}

interface PlannedProposal {
  person: { id: number; manager_id: number | null };
  input: { performance: number; potential: number; principles: Record<string, number>; justification: string; evidence: ReturnType<ProposalTexts['evidence']> };
  ov: OvRating;
  submittedAt: Date;
  version: number;
}

/**
 * First proposals as managers tend to write them: generous at the top, one LE at most. Under
 * the amazon targets that is too many TT and too few HV1 and LE, so the room has work to do.
 * The Exceeds-but-HV1 and Meets-but-HV3 cases of the matrix are each present once.
 */
function planRatings(rng: Rng, n: number): { performance: number; potential: number }[] {
  const counts: Record<OvRating, number> = { TT: Math.round(n * 0.22), HV3: Math.round(n * 0.2), HV1: Math.round(n * 0.26), LE: n >= 10 ? 1 : 0, HV2: 0 };
  counts.HV2 = Math.max(0, n - counts.TT - counts.HV3 - counts.HV1 - counts.LE);
  const plan: [number, number][] = [];
  for (const ov of ['TT', 'HV3', 'HV2', 'HV1', 'LE'] as const) {
    for (let i = 0; i < counts[ov]; i++) {
      const first = i === 0 ? FIRST_CELL[ov] : undefined;
      plan.push(first ?? rng.pick(CELLS[ov]));
    }
  }
  return rng.shuffle(plan.slice(0, n)).map(([performance, potential]) => ({ performance, potential }));
}

// Cells of the amazon matrix for each OV, as [performance, potential].
const CELLS: Record<OvRating, [number, number][]> = {
  TT: [[7, 2], [7, 3], [6, 3], [6, 3], [6, 4]],
  HV3: [[6, 2], [5, 3], [5, 3], [5, 4], [7, 1]],
  HV2: [[5, 2], [5, 2], [4, 3], [4, 3], [6, 1], [3, 4]],
  HV1: [[4, 1], [4, 2], [4, 2], [3, 2], [3, 3], [2, 3]],
  LE: [[3, 1], [2, 2]],
};
const FIRST_CELL: Partial<Record<OvRating, [number, number]>> = { HV1: [5, 1], HV3: [4, 4], TT: [6, 3] };

/**
 * Three or four principles, mostly Solid or Strength. Role Model goes to at most two people in
 * the organisation, in different principles: the cap is 5% of the group per principle.
 */
function planPrinciples(rng: Rng, principles: readonly string[], performance: number, roleModels: Set<string>): Record<string, number> {
  const picked = rng.shuffle([...principles]).slice(0, rng.int(3, 4));
  const grade = () => (performance >= 5 ? (rng.chance(0.6) ? 3 : 2) : performance <= 3 ? (rng.chance(0.5) ? 1 : 2) : rng.chance(0.25) ? 3 : 2);
  const grades: Record<string, number> = Object.fromEntries(picked.map((p) => [p, grade()]));
  const fresh = picked.find((p) => !roleModels.has(p));
  if (performance === 7 && roleModels.size < 2 && fresh) {
    grades[fresh] = 4;
    roleModels.add(fresh);
  }
  return grades;
}

/** Most proposals cite evidence in two or three dimensions; a few in one only. */
function planDimensions(rng: Rng, keys: string[]): string[] {
  const roll = rng.next();
  const n = roll < 0.08 ? 1 : roll < 0.55 ? 2 : keys.length;
  return keys.slice(0, 1).concat(rng.shuffle(keys.slice(1)).slice(0, n - 1));
}

// A dated note from the manager about a concern, as the person's LE proposal cites.
async function logConcern(db: Kysely<DB>, person: { id: number; manager_id: number | null }, on: Date): Promise<number> {
  const row = await db
    .insertInto('feedback_log')
    .values({
      person_id: person.id,
      author_id: person.manager_id!,
      kind: 'feedback',
      occurred_on: on.toISOString().slice(0, 10),
      body: 'Told them in our 1:1 that the on-call follow-ups were late twice this quarter; agreed a checklist and a weekly review of open items.',
      created_at: new Date(on.getTime() + 5 * 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Pre-meeting votes: the leader and the scoped HR partner on most rows, the demo manager on a few. */
async function seedVotes(
  db: Kysely<DB>,
  rng: Rng,
  options: { sessionId: number; calibrators: { accountId: number; personId: number | null }[]; ratings: { person: { id: number }; ov: OvRating }[]; now: Date },
) {
  const votes = options.calibrators.flatMap((calibrator, c) =>
    options.ratings
      .filter((r) => r.person.id !== calibrator.personId && rng.chance(c === 0 ? 0.85 : c === 1 ? 0.25 : 0.6))
      .map((r) => {
        const roll = rng.next();
        const questions = r.ov === 'TT' ? 0.35 : 0.1;
        const vote = roll < questions ? ('questions' as const) : roll < questions + 0.05 ? ('abstain' as const) : ('agree' as const);
        return { session_id: options.sessionId, person_id: r.person.id, account_id: calibrator.accountId, vote, at: new Date(options.now.getTime() - rng.int(0, 36) * 3_600_000) };
      }),
  );
  for (const batch of chunk(votes, 500)) await db.insertInto('calibration_votes').values(batch).execute();
}
