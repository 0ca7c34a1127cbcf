import type { Kysely, Selectable } from 'kysely';
import type { DB, GrowthTables } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { notify } from '../cycles/notifications.service.ts';
import type { GrowthPolicy } from '../policy/growth.schema.ts';
import { refuseOutsideChain, requireSubject, type GrowthSubject, type Relation } from './growth.access.ts';
import { growthPolicy } from './growth-policy.ts';
import { deliveredReview, deliveredReviewsWithoutPlan } from './reviews.repository.ts';
import { nextQuarter, quarterOf } from './dates.rules.ts';

type PlanRow = Selectable<GrowthTables['development_plans']> & { cycle_name: string; forte_summary: string | null };

const readsPlans = (r: Relation) => r.self || r.chain || r.hr;
const writesPlans = (r: Relation) => r.chain;

async function loadPlans(db: Kysely<DB>, personId: number, planId?: number): Promise<PlanRow[]> {
  return db
    .selectFrom('development_plans as dp')
    .innerJoin('review_cycles as c', 'c.id', 'dp.cycle_id')
    .leftJoin('calibrated_ratings as cr', (j) => j.onRef('cr.cycle_id', '=', 'dp.cycle_id').onRef('cr.person_id', '=', 'dp.person_id'))
    .selectAll('dp')
    .select(['c.name as cycle_name', 'cr.forte_summary'])
    .where('dp.person_id', '=', personId)
    .$if(planId !== undefined, (q) => q.where('dp.id', '=', planId!))
    .orderBy('dp.created_at', 'desc')
    .orderBy('dp.id', 'desc')
    .execute();
}

/**
 * Follow-ups come from check-ins, which are the pair's: the person and the manager who held them
 * read them (HR too where the policy lets HR read check-ins); the wider chain sees the plan only.
 */
async function followUps(db: Kysely<DB>, planIds: number[], reader: { relation: Relation; personId: number | null; hrReads: boolean }) {
  if (!planIds.length) return [];
  const all = reader.relation.self || (reader.hrReads && reader.relation.hr);
  if (!all && !reader.relation.manager) return [];
  return db
    .selectFrom('check_ins')
    .select(['id', 'plan_id', 'held_on', 'plan_follow_up'])
    .where('plan_id', 'in', planIds)
    .where('plan_follow_up', 'is not', null)
    .$if(!all, (q) => q.where('manager_id', '=', reader.personId ?? -1))
    .orderBy('held_on')
    .execute();
}

function present(row: PlanRow, subject: GrowthSubject, growth: GrowthPolicy, follow: { id: number; plan_id: number | null; held_on: string; plan_follow_up: string | null }[], canEdit: boolean) {
  // Kept apart from pay: under such a policy the plan names its review but never the rating.
  const review = growth.developmentPlans.separateFromPay || row.forte_summary === null ? { cycle: { id: row.cycle_id, name: row.cycle_name } } : { cycle: { id: row.cycle_id, name: row.cycle_name }, forteSummary: row.forte_summary };
  return {
    id: row.id,
    person: { id: subject.id, name: subject.name },
    review,
    skill: row.skill,
    systemBehaviour: row.system_behaviour,
    measurableOutcome: row.measurable_outcome,
    quarter: row.quarter,
    status: row.status,
    followUps: follow.filter((f) => f.plan_id === row.id).map((f) => ({ checkInId: f.id, heldOn: f.held_on, note: f.plan_follow_up! })),
    version: row.version,
    canEdit,
  };
}

/** A person's development plans, and the delivered reviews still owed one (for those who write them). */
export async function listPlans(db: Kysely<DB>, options: { actor: Actor; personId: number }) {
  const { growth } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsPlans, 'development plans');
  const rows = await loadPlans(db, subject.id);
  const follow = await followUps(db, rows.map((r) => r.id), { relation, personId: options.actor.personId, hrReads: growth.checkIns.hrReadsNotes });
  const toWrite = writesPlans(relation) ? (await deliveredReviewsWithoutPlan(db, [subject.id])).map((o) => ({ cycle: o.cycle, deliveredAt: o.deliveredAt })) : [];
  return { person: { id: subject.id, name: subject.name }, plans: rows.map((r) => present(r, subject, growth, follow, writesPlans(relation))), toWrite };
}

/**
 * Ends a delivered review with a development plan: one skill to build, one system behaviour to
 * improve and one measurable outcome to watch next quarter (after the delivery). Written by the
 * person's chain; one plan per review.
 */
export async function createPlan(
  db: Kysely<DB>,
  options: { actor: Actor; personId: number; input: { cycleId: number; skill: string; systemBehaviour: string; measurableOutcome: string }; now: Date; requestId?: string },
) {
  const { growth } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsPlans, 'development plans');
  if (!writesPlans(relation)) refuseOutsideChain('A development plan is written by the person’s manager (or someone above them).');
  const review = await deliveredReview(db, subject.id, options.input.cycleId);
  if (!review) {
    throw new AppError('GROWTH_RULE_VIOLATED', { detail: 'A development plan ends a delivered review: this review has not been delivered to the person.', errors: [{ path: 'body.cycleId', message: 'names no delivered review of this person' }], extra: { rule: 'REVIEW_NOT_DELIVERED' } });
  }
  // Next quarter from whichever is later, delivery or writing: a plan written late still looks ahead.
  const from = review.delivered_at && review.delivered_at > options.now ? review.delivered_at : options.now;
  const quarter = nextQuarter(quarterOf(from.toISOString().slice(0, 10)));
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('development_plans')
      .values({ person_id: subject.id, cycle_id: options.input.cycleId, skill: options.input.skill.trim(), system_behaviour: options.input.systemBehaviour.trim(), measurable_outcome: options.input.measurableOutcome.trim(), quarter, created_by: options.actor.accountId, created_at: options.now, updated_at: options.now })
      .onConflict((oc) => oc.columns(['person_id', 'cycle_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('CONFLICT', { detail: `${review.cycle_name} already ends in a development plan; change that one instead.`, extra: { rule: 'PLAN_EXISTS' } });
    await appendAuditEvent(trx, { actorAccountId: options.actor.accountId, action: 'development_plan.created', subjectType: 'person', subjectId: subject.id, requestId: options.requestId, details: { cycleId: options.input.cycleId, planId: inserted.id, quarter }, at: options.now });
    await notify(trx, [subject.id], { kind: 'plan.created', title: `Your development plan for ${quarter} is ready`, link: '/growth/plan', now: options.now });
    return inserted.id;
  });
  const [row] = await loadPlans(db, subject.id, id);
  return present(row!, subject, growth, [], true);
}

/** Edits a plan or marks it done (the chain); optimistic versions guard concurrent edits. */
export async function updatePlan(
  db: Kysely<DB>,
  options: { actor: Actor; planId: number; input: { skill?: string; systemBehaviour?: string; measurableOutcome?: string; status?: 'open' | 'done'; version: number }; now: Date },
) {
  const { growth } = await growthPolicy(db);
  const unsafePlan = await db.selectFrom('development_plans').select(['id', 'person_id']).where('id', '=', options.planId).executeTakeFirst();
  if (!unsafePlan) throw new AppError('NOT_FOUND', { detail: `No development plan ${options.planId}.` });
  const { subject, relation } = await requireSubject(db, options.actor, unsafePlan.person_id, readsPlans, 'development plan');
  if (!writesPlans(relation)) refuseOutsideChain('A development plan is changed by the person’s manager (or someone above them).');
  const { input } = options;
  const updated = await db
    .updateTable('development_plans')
    .set((eb) => ({
      ...(input.skill ? { skill: input.skill.trim() } : {}),
      ...(input.systemBehaviour ? { system_behaviour: input.systemBehaviour.trim() } : {}),
      ...(input.measurableOutcome ? { measurable_outcome: input.measurableOutcome.trim() } : {}),
      ...(input.status ? { status: input.status } : {}),
      version: eb('version', '+', 1),
      updated_at: options.now,
    }))
    .where('id', '=', unsafePlan.id)
    .where('version', '=', input.version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new AppError('VERSION_CONFLICT', { detail: 'Someone changed this plan in the meantime; reload it and try again.' });
  const [row] = await loadPlans(db, subject.id, unsafePlan.id);
  const follow = await followUps(db, [unsafePlan.id], { relation, personId: options.actor.personId, hrReads: growth.checkIns.hrReadsNotes });
  return present(row!, subject, growth, follow, true);
}
