import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { notify } from '../cycles/notifications.service.ts';
import { growthPolicy } from './growth-policy.ts';
import { checkInDue } from './check-in.rules.ts';
import { addDays, today } from './dates.rules.ts';
import { deliveredReviewsWithoutPlan, latestCheckIns } from './reviews.repository.ts';

/**
 * Reminds managers, through the notification outbox, of check-ins past due and of delivered
 * reviews still without a development plan after the policy's days. Dedupe keys name the due
 * date and the review, so running it daily reminds once per lapse. HR and admins run it over the
 * API; a scheduled job calls remindGrowth.
 */
export async function sendGrowthReminders(db: Kysely<DB>, options: { actor: Actor; now: Date }) {
  if (!hasRole(options.actor, 'admin') && !options.actor.hrScope?.wholeOrganisation) throw new AppError('FORBIDDEN', { detail: 'HR for the whole organisation and administrators send growth reminders.' });
  return remindGrowth(db, { now: options.now });
}

/** The reminders themselves, for a scheduled job (no actor: the job is the system). Idempotent by dedupe keys. */
export async function remindGrowth(db: Kysely<DB>, options: { now: Date }) {
  const { growth } = await growthPolicy(db);
  const day = today(options.now);
  const people = await db.selectFrom('people').select(['id', 'name', 'manager_id', 'hire_date']).where('status', '=', 'active').where('manager_id', 'is not', null).execute();
  const latest = await latestCheckIns(db, people.map((p) => ({ personId: p.id, managerId: p.manager_id! })));
  let overdueCheckIns = 0;
  let notified = 0;
  for (const p of people) {
    const last = latest.get(`${p.id}:${p.manager_id}`);
    const due = checkInDue({ lastHeldOn: last?.heldOn ?? null, lastCadence: last?.cadence ?? null, since: p.hire_date, defaultCadence: growth.checkIns.defaultCadence, graceDays: growth.checkIns.graceDays, today: day });
    if (!due.overdue) continue;
    overdueCheckIns++;
    notified += await notify(db, [p.manager_id!], { kind: 'check-in.overdue', title: `Your check-in with ${p.name} was due on ${due.dueOn}`, link: '/growth/check-ins', dedupeKey: `check-in-overdue-${p.id}-${due.dueOn}`, now: options.now });
  }
  const cutoff = addDays(day, -growth.developmentPlans.dueDaysAfterDelivery);
  const owed = (await deliveredReviewsWithoutPlan(db, people.map((p) => p.id))).filter((o) => o.deliveredAt.slice(0, 10) <= cutoff);
  for (const o of owed) {
    const person = people.find((p) => p.id === o.personId)!;
    notified += await notify(db, [person.manager_id!], { kind: 'plan.due', title: `${person.name}'s ${o.cycle.name} review still needs a development plan`, link: `/growth/plan?person=${person.id}`, dedupeKey: `plan-due-${person.id}-${o.cycle.id}`, now: options.now });
  }
  return { overdueCheckIns, plansToWrite: owed.length, notified };
}
