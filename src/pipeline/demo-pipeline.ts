import { sql, type Kysely } from 'kysely';
import type { DB, OvRatingValue } from '../db/schema.ts';
import { createCycle, launchCycle } from '../cycles/cycles.service.ts';
import { loadCycle } from '../cycles/cycle-loader.ts';
import { createRng, findDemoActors } from '../cycles/demo-cycle.ts';
import { olrOf } from '../calibration/olr-cycle.ts';
import { forteSummaryOf, lookupOv } from '../calibration/ov-matrix.rules.ts';
import type { PipelineCommand } from '../shared/schemas/pipeline.ts';
import { identifyFromRatings, takeTransition } from './cases.service.ts';
import { jurorProblemsFor } from './jury.service.ts';
import { escalateMissedDeadlines } from './deadlines.service.ts';
import { windowStart } from './hire-to-fire.rules.ts';

export const DEMO_PIPELINE_CYCLE_NAME = 'Forte 2025';
const SEED = 202512;
const DAY = 86_400_000;
const LE_COUNT = 9;

const FOCUS: PipelineCommand = {
  type: 'startFocus',
  project: 'Take the payments reconciliation job from nightly pages to none: own its retries, alerts and runbook.',
  successCriteria: 'Two consecutive weeks without a page from the job, and a runbook another engineer has used.',
  goals: ['Ship idempotent retries for the reconciliation job', 'Write and rehearse the runbook with the on-call rotation'],
};
const PIVOT = (lengthDays: number): PipelineCommand => ({
  type: 'enterPivot',
  note: 'The job still paged on nine nights of the last month; the runbook is a draft.',
  pipGoals: ['Close the three open reconciliation incidents with root causes', 'Lead the design review of the retry service', 'Handle one on-call week without escalation'],
  pipLengthDays: lengthDays,
});

/**
 * Seeds what the demo's pipeline screens need: "Forte 2025", a year-old cycle of the demo
 * leader's organisation, closed, with its calibration delivered, in which nine people were rated
 * LE (four of them hired in the year before its launch, so the hire-to-fire signal has something to say).
 * Their cases stand at every stage: Focus, a Pivot decision past its deadline (escalated), a PIP
 * running, a PIP passed, Tier 1 taken, an appeal lost; three wait at identification for the
 * walk-through. Same `now`, same rows; seeding again adds nothing.
 */
export async function seedDemoPipeline(db: Kysely<DB>, options: { now: Date }): Promise<{ status: 'seeded' | 'already-seeded'; cycleId: number }> {
  const { hr, manager, employee } = await findDemoActors(db);
  const managerPath = (await db.selectFrom('people').select('path').where('id', '=', manager.personId!).executeTakeFirstOrThrow()).path;
  const leaderId = Number(managerPath.split('/')[2]);
  const existing = await db.selectFrom('review_cycles').select('id').where('name', '=', DEMO_PIPELINE_CYCLE_NAME).where('root_person_id', '=', leaderId).executeTakeFirst();
  if (existing) return { status: 'already-seeded', cycleId: existing.id };

  const at = (days: number) => new Date(Math.floor((options.now.getTime() + days * DAY) / 1000) * 1000);
  const endOfDay = (days: number) => {
    const d = at(days);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59)).toISOString();
  };
  const deadlines = { self_review: endOfDay(-380), peer_feedback: endOfDay(-350), manager_review: endOfDay(-320), calibration: endOfDay(-300), delivery: endOfDay(-280) };
  const cycleId = await createCycle(db, { actor: hr, name: DEMO_PIPELINE_CYCLE_NAME, rootPersonId: leaderId, policyKey: 'amazon', deadlines, now: at(-400) });
  await launchCycle(db, { actor: hr, cycleId, now: at(-398) });
  await sql`update review_cycles set created_at = ${at(-400)}, status = 'closed' where id = ${cycleId}`.execute(db);
  await db.updateTable('notifications').set({ read_at: at(-397) }).where('dedupe_key', '=', `cycle-${cycleId}-launched`).execute();

  const cycle = await loadCycle(db, cycleId);
  const olr = olrOf(cycle);
  const rng = createRng(SEED);
  // Rated: everyone in the organisation who had joined by the launch.
  const launched = at(-398).toISOString().slice(0, 10);
  const yearBefore = windowStart(launched, 12);
  const people = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .select(['p.id', 'p.manager_id', 'p.hire_date', (eb) => eb.exists(eb.selectFrom('people as r').select('r.id').whereRef('r.manager_id', '=', 'p.id')).as('leads')])
    .where('cp.cycle_id', '=', cycleId)
    .where('p.id', '!=', leaderId)
    .where('p.hire_date', '<=', launched)
    .orderBy('p.employee_id')
    .execute();
  // LE: four individual contributors hired in the year before the launch, and five others at random.
  const candidates = people.filter((p) => !p.leads && p.id !== employee.personId && p.manager_id !== manager.personId);
  const recent = candidates.filter((p) => p.hire_date >= yearBefore);
  const le = recent.slice(0, 4);
  const rest = candidates.filter((p) => !le.includes(p));
  while (le.length < LE_COUNT && rest.length) le.push(rest.splice(rng.int(0, rest.length - 1), 1)[0]!);
  const leIds = new Set(le.map((p) => p.id));

  const combos = (ov: OvRatingValue) => Object.entries(olr.ovMatrix).flatMap(([perf, row]) => Object.entries(row).filter(([, o]) => o === ov).map(([pot]) => [Number(perf), Number(pot)] as const));
  const pick = (ov: OvRatingValue) => {
    const options = combos(ov);
    return options[rng.int(0, options.length - 1)]!;
  };
  const { id: sessionId } = await db
    .insertInto('calibration_sessions')
    .values({ cycle_id: cycleId, root_person_id: leaderId, name: `${DEMO_PIPELINE_CYCLE_NAME}: leader's organisation`, status: 'delivered', created_by: hr.accountId, created_at: at(-305), finalised_at: at(-290), delivered_at: at(-280) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = people.map((p) => {
    const roll = rng.next();
    const ov: OvRatingValue = leIds.has(p.id) ? 'LE' : roll < 0.1 ? 'TT' : roll < 0.3 ? 'HV3' : roll < 0.55 ? 'HV2' : 'HV1';
    const [performance, potential] = pick(ov);
    const actual = lookupOv(olr, performance, potential);
    return { session_id: sessionId, cycle_id: cycleId, person_id: p.id, manager_id: p.manager_id, proposed_performance: performance, proposed_potential: potential, proposed_ov: actual, performance, potential, ov: actual, forte_summary: forteSummaryOf(olr, performance), evidence_dimensions: JSON.stringify(['delivery', 'collaboration']), updated_at: at(-290) };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('calibrated_ratings').values(rows.slice(i, i + 500)).execute();

  const { caseIds } = await identifyFromRatings(db, { actor: hr, cycleId, now: at(-75) });
  const walk = async (caseId: number, steps: [number, PipelineCommand][]) => {
    for (const [day, step] of steps) {
      const { version } = await db.selectFrom('pipeline_cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
      await takeTransition(db, { actor: hr, caseId, version, step, now: at(day) });
    }
  };
  const [inFocus, overduePivot, inPip, passed, tier1, lostAppeal] = caseIds;
  await walk(inFocus!, [[-12, FOCUS]]);
  await walk(overduePivot!, [[-70, FOCUS], [-40, PIVOT(60)]]);
  await walk(inPip!, [[-74, FOCUS], [-45, PIVOT(60)], [-40, { type: 'choosePivotOption', option: 'pip' }], [-26, { type: 'checkIn', note: 'Two incidents closed with root causes; design review booked.' }]]);
  await walk(passed!, [[-75, FOCUS], [-50, PIVOT(45)], [-48, { type: 'choosePivotOption', option: 'pip' }], [-5, { type: 'recordPipOutcome', outcome: 'pass', note: 'All three goals met; the on-call week ran clean.' }]]);
  await walk(tier1!, [[-75, FOCUS], [-45, PIVOT(60)], [-30, { type: 'choosePivotOption', option: 'tier1' }]]);
  const lost = await db.selectFrom('pipeline_cases as c').innerJoin('people as p', 'p.id', 'c.person_id').select(['p.id', 'p.path', 'p.manager_id']).where('c.id', '=', lostAppeal!).executeTakeFirstOrThrow();
  const pool = await db.selectFrom('people').select('id').where('status', '=', 'active').where('path', 'not like', `${managerPath.split('/').slice(0, 3).join('/')}/%`).orderBy('employee_id').limit(60).execute();
  const eligible = await jurorProblemsFor(db, { employee: { id: lost.id, path: lost.path, managerId: lost.manager_id }, jurorIds: pool.map((p) => p.id) });
  const jurors = pool.map((p) => p.id).filter((id) => eligible[id] === null).slice(0, 3);
  await walk(lostAppeal!, [
    [-75, FOCUS],
    [-70, PIVOT(30)],
    [-68, { type: 'choosePivotOption', option: 'pip' }],
    [-36, { type: 'recordPipOutcome', outcome: 'fail', note: 'One of three goals met; the design review did not happen.' }],
    [-33, { type: 'chooseAfterFailure', option: 'appeal', statement: 'The design review was cancelled by the team, not by me; two goals depended on it.' }],
    [-30, { type: 'empanelJury', jurorIds: jurors }],
    ...jurors.map((jurorId): [number, PipelineCommand] => [-20, { type: 'castJuryVote', jurorId, vote: 'uphold' }]),
  ]);
  await db.updateTable('notifications').set({ read_at: at(-1) }).where('kind', 'like', 'pipeline.%').execute();
  await escalateMissedDeadlines(db, { now: options.now });
  return { status: 'seeded', cycleId };
}
