import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { buildAccount, buildPerson, type BuiltPerson } from './factories.ts';
import { signInCookie } from './server.ts';

/**
 * An organisation for growth between cycles: a lead over a manager, whose team ("Ledger") has the
 * engineer and five colleagues; a second manager under the lead with a team of four ("Search");
 * HR for the whole organisation; accounts and sessions for the lead, both managers, the engineer,
 * one colleague and HR. Names carry `tag` so several files can share one database.
 */
export async function buildGrowthOrg(db: Kysely<DB>, app: FastifyInstance, tag: string) {
  const lead = await buildPerson(db, { name: `Lena Lead ${tag}`, level: 'L8', email: `lena.${tag}@corp.test` });
  const manager = await buildPerson(db, { name: `Marco Manager ${tag}`, manager: lead, level: 'L6', email: `marco.${tag}@corp.test`, team: `Ledger ${tag}` });
  const engineer = await buildPerson(db, { name: `Erin Engineer ${tag}`, manager, level: 'L5', email: `erin.${tag}@corp.test`, team: `Ledger ${tag}`, hireDate: '2026-09-01' });
  const colleagues: BuiltPerson[] = [];
  for (let i = 0; i < 5; i++) colleagues.push(await buildPerson(db, { name: `Colleague ${tag} ${i}`, manager, level: 'L5', email: `col.${tag}.${i}@corp.test`, team: `Ledger ${tag}` }));
  const otherManager = await buildPerson(db, { name: `Olga Other ${tag}`, manager: lead, level: 'L6', email: `olga.${tag}@corp.test`, team: `Search ${tag}` });
  const searchers: BuiltPerson[] = [];
  for (let i = 0; i < 3; i++) searchers.push(await buildPerson(db, { name: `Searcher ${tag} ${i}`, manager: otherManager, level: 'L5', email: `search.${tag}.${i}@corp.test`, team: `Search ${tag}` }));
  const teams = Object.fromEntries((await db.selectFrom('teams').select(['id', 'name']).where('name', 'in', [`Ledger ${tag}`, `Search ${tag}`]).execute()).map((t) => [t.name.split(' ')[0]!.toLowerCase(), t.id])) as { ledger: number; search: number };
  const accounts = {
    hr: await buildAccount(db, { roles: ['hr'], email: `hr.${tag}@corp.test` }),
    lead: await buildAccount(db, { person: lead }),
    manager: await buildAccount(db, { person: manager }),
    otherManager: await buildAccount(db, { person: otherManager }),
    engineer: await buildAccount(db, { person: engineer }),
    colleague: await buildAccount(db, { person: colleagues[0]! }),
  };
  const cookies = {} as Record<keyof typeof accounts, string>;
  async function signIn() {
    let i = 0;
    for (const [who, account] of Object.entries(accounts)) cookies[who as keyof typeof accounts] = await signInCookie(app, account.email, account.password, `10.40.${tag.length}.${i++}`);
  }
  await signIn();
  return { people: { lead, manager, engineer, colleagues, otherManager, searchers }, teams, accounts, cookies, signIn };
}

export type GrowthOrg = Awaited<ReturnType<typeof buildGrowthOrg>>;

/**
 * A review delivered to a person: a cycle, a delivered calibration session and the person's
 * calibrated rating, written directly (the OLR suites test how they come about).
 */
export async function deliverReview(db: Kysely<DB>, options: { personId: number; managerId: number; rootPersonId: number; createdBy: number; cycleName: string; deliveredAt: Date; policyKey?: string }) {
  const policy = await db.selectFrom('policies').select('id').where('key', '=', options.policyKey ?? 'humane').orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  const { id: cycleId } = await db
    .insertInto('review_cycles')
    .values({ name: options.cycleName, root_person_id: options.rootPersonId, policy_id: policy.id, status: 'launched', deadlines: JSON.stringify({}), questions: JSON.stringify({}), launched_at: options.deliveredAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: sessionId } = await db
    .insertInto('calibration_sessions')
    .values({ cycle_id: cycleId, root_person_id: options.rootPersonId, name: `${options.cycleName} session`, status: 'delivered', created_by: options.createdBy, delivered_at: options.deliveredAt, finalised_at: options.deliveredAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('calibrated_ratings')
    .values({ session_id: sessionId, cycle_id: cycleId, person_id: options.personId, manager_id: options.managerId, proposed_performance: 4, proposed_potential: 2, proposed_ov: 'HV2', performance: 4, potential: 2, ov: 'HV2', forte_summary: 'Meets High Bar', evidence_dimensions: JSON.stringify([]) })
    .execute();
  return cycleId;
}

/**
 * What the authorization matrix needs for the growth routes: `reviewed` (the matrix manager's
 * report, the employee's peer) in a team with the employee, with a goal, a hand-written
 * living-document line and a development plan; an open pulse for that team and a workshop run
 * by the matrix's HR account with the manager rating. Returns each route's path id and body.
 */
export async function buildGrowthMatrixFixtures(
  db: Kysely<DB>,
  options: { reviewed: BuiltPerson; employee: BuiltPerson; cycleId: number; hrAccountId: number; managerAccountId: number; otherAccountId: number; now: Date },
) {
  const { id: teamId } = await db.insertInto('teams').values({ name: 'Matrix growth team' }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('people').set({ team_id: teamId }).where('id', 'in', [options.reviewed.id, options.employee.id]).execute();
  const quarter = `${options.now.getUTCFullYear()}-Q${Math.floor(options.now.getUTCMonth() / 3) + 1}`;
  const day = options.now.toISOString().slice(0, 10);
  const { id: goalId } = await db.insertInto('goals').values({ person_id: options.reviewed.id, quarter, objective: 'Matrix goal', created_by: options.managerAccountId }).returning('id').executeTakeFirstOrThrow();
  const { id: itemId } = await db.insertInto('living_document_items').values({ person_id: options.reviewed.id, section: 'shipped', occurred_on: day, text: 'Matrix line', created_by: options.managerAccountId }).returning('id').executeTakeFirstOrThrow();
  const { id: planId } = await db.insertInto('development_plans').values({ person_id: options.reviewed.id, cycle_id: options.cycleId, skill: 'a', system_behaviour: 'b', measurable_outcome: 'c', quarter, created_by: options.managerAccountId }).returning('id').executeTakeFirstOrThrow();
  const closesOn = new Date(options.now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const questions = [{ key: 'fun', text: 'Work is fun.', scale: { min: 1, max: 5, minLabel: 'No', maxLabel: 'Yes' } }];
  const { id: pulseId } = await db.insertInto('pulse_surveys').values({ title: 'Matrix pulse', questions: JSON.stringify(questions), min_group_size: 5, closes_on: closesOn, created_by: options.hrAccountId }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('pulse_teams').values({ pulse_id: pulseId, team_id: teamId }).execute();
  const { id: workshopId } = await db.insertInto('calibration_workshops').values({ name: 'Matrix workshop', scale: JSON.stringify([{ value: 1, label: 'Low' }, { value: 2, label: 'High' }]), metric: 'ordinal', created_by: options.hrAccountId }).returning('id').executeTakeFirstOrThrow();
  const { id: packetId } = await db.insertInto('workshop_packets').values({ workshop_id: workshopId, position: 1, title: 'P', body: 'B' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('workshop_raters').values({ workshop_id: workshopId, account_id: options.managerAccountId }).execute();

  const person = options.reviewed.id;
  const pathIds: Record<string, number> = {
    'GET /api/people/{id}/goals': person,
    'POST /api/people/{id}/goals': person,
    'POST /api/people/{id}/goals/close-quarter': person,
    'GET /api/teams/{id}/goals': teamId,
    'POST /api/teams/{id}/goals': teamId,
    'PATCH /api/goals/{id}': goalId,
    'GET /api/people/{id}/check-ins': person,
    'GET /api/people/{id}/check-ins/agenda': person,
    'POST /api/people/{id}/check-ins': person,
    'GET /api/people/{id}/living-document': person,
    'POST /api/people/{id}/living-document/items': person,
    'DELETE /api/living-document/items/{id}': itemId,
    'PUT /api/people/{id}/living-document/exclusions': person,
    'GET /api/people/{id}/evidence-packet': person,
    'GET /api/people/{id}/development-plans': person,
    'POST /api/people/{id}/development-plans': person,
    'PATCH /api/development-plans/{id}': planId,
    'GET /api/pulses/{id}': pulseId,
    'POST /api/pulses/{id}/responses': pulseId,
    'GET /api/pulses/{id}/results': pulseId,
    'GET /api/teams/{id}/health': teamId,
    'GET /api/people/{id}/skip-level-notes': person,
    'POST /api/people/{id}/skip-level-notes': person,
    'GET /api/workshops/{id}': workshopId,
    'PUT /api/workshops/{id}/ratings': workshopId,
    'POST /api/workshops/{id}/reveal': workshopId,
  };
  const goal = { quarter, objective: 'A matrix goal', measurableResult: 'Measured somehow' };
  const bodies: Record<string, unknown> = {
    'POST /api/people/{id}/goals': goal,
    'POST /api/teams/{id}/goals': goal,
    'PATCH /api/goals/{id}': { status: 'on_track', version: 1 },
    // No outcomes: the chain is let through and meets the quarter-close rule (422).
    'POST /api/people/{id}/goals/close-quarter': { quarter, outcomes: [] },
    'POST /api/people/{id}/check-ins': { heldOn: day, cadence: 'monthly', notes: 'Matrix check-in.' },
    'POST /api/people/{id}/living-document/items': { section: 'shipped', occurredOn: day, text: 'Another line' },
    'PUT /api/people/{id}/living-document/exclusions': { key: `goal:${goalId}`, excluded: true },
    // No delivered review in the matrix: the chain meets REVIEW_NOT_DELIVERED (422).
    'POST /api/people/{id}/development-plans': { cycleId: options.cycleId, skill: 'a', systemBehaviour: 'b', measurableOutcome: 'c' },
    'PATCH /api/development-plans/{id}': { status: 'done', version: 1 },
    'POST /api/pulses': { title: 'Another pulse', teamIds: [teamId], closesOn },
    'POST /api/pulses/{id}/responses': { answers: { fun: 4 } },
    'POST /api/people/{id}/skip-level-notes': { heldOn: day, notes: 'Matrix note.' },
    'POST /api/workshops': { name: 'Another workshop', packets: [{ title: 'A', body: 'a' }, { title: 'B', body: 'b' }], raterAccountIds: [options.managerAccountId, options.otherAccountId] },
    'PUT /api/workshops/{id}/ratings': { ratings: [{ packetId, value: 2 }] },
  };
  return { pathIds, bodies };
}
