import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Reviews delivered to these people (a calibrated rating in a delivered session) that have no
 * development plan yet: every delivered review should end in one.
 */
export async function deliveredReviewsWithoutPlan(db: Db, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
    .innerJoin('review_cycles as c', 'c.id', 'cr.cycle_id')
    .select(['cr.person_id', 'c.id as cycle_id', 'c.name as cycle_name', 's.delivered_at'])
    .where('s.status', '=', 'delivered')
    .where('cr.person_id', 'in', [...personIds])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('development_plans as dp').select('dp.id').whereRef('dp.person_id', '=', 'cr.person_id').whereRef('dp.cycle_id', '=', 'cr.cycle_id'))))
    .orderBy('s.delivered_at')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, cycle: { id: r.cycle_id, name: r.cycle_name }, deliveredAt: (r.delivered_at ?? new Date(0)).toISOString() }));
}

/** The delivered review of one person in one cycle, or undefined when it has not been delivered. */
export async function deliveredReview(db: Db, personId: number, cycleId: number) {
  return db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('calibration_sessions as s', 's.id', 'cr.session_id')
    .innerJoin('review_cycles as c', 'c.id', 'cr.cycle_id')
    .select(['c.id as cycle_id', 'c.name as cycle_name', 's.delivered_at', 'cr.forte_summary'])
    .where('cr.person_id', '=', personId)
    .where('cr.cycle_id', '=', cycleId)
    .where('s.status', '=', 'delivered')
    .executeTakeFirst();
}

/** Each pair's latest check-in (person with a given manager), for due dates. */
export async function latestCheckIns(db: Db, pairs: readonly { personId: number; managerId: number }[]) {
  if (pairs.length === 0) return new Map<string, { heldOn: string; cadence: 'monthly' | 'quarterly' }>();
  const rows = await db
    .selectFrom('check_ins')
    .select(['person_id', 'manager_id', 'held_on', 'cadence', 'id'])
    .where('person_id', 'in', [...new Set(pairs.map((p) => p.personId))])
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<string, { heldOn: string; cadence: 'monthly' | 'quarterly' }>();
  for (const r of rows) {
    const key = `${r.person_id}:${r.manager_id}`;
    if (!latest.has(key)) latest.set(key, { heldOn: r.held_on, cadence: r.cadence });
  }
  return latest;
}
