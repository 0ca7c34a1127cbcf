import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import type { CheckInCadence } from '../policy/growth.schema.ts';
import { notify } from '../cycles/notifications.service.ts';
import { findSubject, refuseOutsideChain, relationTo, requireSubject, type GrowthSubject, type Relation } from './growth.access.ts';
import { growthPolicy } from './growth-policy.ts';
import { buildAgenda, checkInDue, type AgendaItem } from './check-in.rules.ts';
import { OPEN_GOAL_STATUSES } from './goals.rules.ts';
import { addDays, quarterOf, today } from './dates.rules.ts';
import { deliveredReviewsWithoutPlan, latestCheckIns } from './reviews.repository.ts';

// Check-in notes are the pair's: the report, the manager who held it, and HR only where the policy says.
const readsCheckIns = (hrReads: boolean) => (r: Relation) => r.self || r.manager || (hrReads && r.hr);

async function openPlan(db: Kysely<DB>, personId: number) {
  const plan = await db.selectFrom('development_plans').select(['id', 'skill', 'system_behaviour', 'measurable_outcome']).where('person_id', '=', personId).where('status', '=', 'open').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return plan ? { id: plan.id, skill: plan.skill, systemBehaviour: plan.system_behaviour, measurableOutcome: plan.measurable_outcome } : null;
}

/**
 * The agenda for the pair's next check-in, generated from the rest of the system: open goals,
 * the development plan being followed up, log notes since the last check-in, and growth themes
 * from the living document.
 */
export async function checkInAgenda(db: Kysely<DB>, options: { actor: Actor; personId: number; now: Date }) {
  const { growth, policy } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, (r) => r.self || r.manager, 'check-in agenda');
  const day = today(options.now);
  const last = subject.managerId === null ? undefined : (await latestCheckIns(db, [{ personId: subject.id, managerId: subject.managerId }])).get(`${subject.id}:${subject.managerId}`);
  const lookback = addDays(day, -growth.checkIns.agendaLookbackDays);
  const since = last && last.heldOn < lookback ? last.heldOn : lookback;
  const quarters = [quarterOf(day), quarterOf(addDays(day, -92))];
  const [goals, notes, themes, plan] = await Promise.all([
    db.selectFrom('goals').select(['id', 'objective', 'status', 'quarter']).where('person_id', '=', subject.id).where('quarter', 'in', quarters).where('status', 'in', [...OPEN_GOAL_STATUSES]).orderBy('quarter', 'desc').orderBy('id').execute(),
    // The report reads only what the log lets them read: their own notes, or their manager's too where the policy is transparent.
    db
      .selectFrom('feedback_log')
      .select(['id', 'kind', 'occurred_on', 'body'])
      .where('person_id', '=', subject.id)
      .where('occurred_on', '>=', since)
      .$if(relation.self && !policy.forte.employeeReadsManagerLog, (q) => q.where('author_id', '=', subject.id))
      .orderBy('occurred_on', 'desc')
      .limit(20)
      .execute(),
    db.selectFrom('living_document_items').select(['id', 'text']).where('person_id', '=', subject.id).where('section', '=', 'growth').where('occurred_on', '>=', addDays(day, -365)).orderBy('occurred_on', 'desc').limit(5).execute(),
    openPlan(db, subject.id),
  ]);
  const items = buildAgenda({
    goals,
    plans: plan ? [plan] : [],
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, occurredOn: n.occurred_on, body: n.body })),
    themes: themes.map((t) => ({ key: `item:${t.id}`, text: t.text })),
  });
  return { person: { id: subject.id, name: subject.name }, since: last?.heldOn ?? null, items, openPlan: plan, defaultCadence: last?.cadence ?? growth.checkIns.defaultCadence };
}

export interface CheckInInput {
  heldOn: string;
  cadence: CheckInCadence;
  notes: string;
  concern?: boolean;
  agenda?: AgendaItem[];
  planFollowUp?: { planId: number; note: string };
}

/**
 * Records a check-in, written by the report's manager at the time: dated, with the agenda it
 * covered and, when it follows up a development plan, what moved. Anyone else is refused,
 * and nothing is stored.
 */
export async function recordCheckIn(db: Kysely<DB>, options: { actor: Actor; personId: number; input: CheckInInput; now: Date }) {
  const subject = await findSubject(db, options.personId);
  if (!subject || !relationTo(options.actor, subject).manager) refuseOutsideChain('Check-in notes are written by the person’s own manager, for the two of them.');
  const input = options.input;
  if (input.heldOn > today(options.now)) {
    throw new AppError('GROWTH_RULE_VIOLATED', { detail: 'A check-in is recorded when it happens: the date cannot be in the future.', errors: [{ path: 'body.heldOn', message: 'is in the future' }], extra: { rule: 'CHECK_IN_IN_FUTURE' } });
  }
  if (input.planFollowUp) {
    const plan = await db.selectFrom('development_plans').select('id').where('id', '=', input.planFollowUp.planId).where('person_id', '=', subject.id).where('status', '=', 'open').executeTakeFirst();
    if (!plan) throw new AppError('GROWTH_RULE_VIOLATED', { detail: 'The follow-up names a plan that is not an open plan of this person.', errors: [{ path: 'body.planFollowUp.planId', message: 'is not an open plan of this person' }], extra: { rule: 'PLAN_NOT_OPEN' } });
  }
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('check_ins')
      .values({
        person_id: subject.id,
        manager_id: options.actor.personId!,
        held_on: input.heldOn,
        cadence: input.cadence,
        notes: input.notes.trim(),
        concern: input.concern ?? false,
        agenda: JSON.stringify(input.agenda ?? []),
        plan_id: input.planFollowUp?.planId ?? null,
        plan_follow_up: input.planFollowUp?.note.trim() ?? null,
        created_by: options.actor.accountId,
        created_at: options.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await notify(trx, [subject.id], { kind: 'check-in.recorded', title: `Notes from your check-in on ${input.heldOn}`, link: '/growth/check-ins', now: options.now });
    return inserted;
  });
  return presentCheckIn(row, subject, { id: options.actor.personId!, name: options.actor.name });
}

type CheckInRow = { id: number; held_on: string; cadence: CheckInCadence; notes: string; concern: boolean; agenda: AgendaItem[]; plan_id: number | null; plan_follow_up: string | null };

function presentCheckIn(row: CheckInRow, subject: Pick<GrowthSubject, 'id' | 'name'>, manager: { id: number; name: string }) {
  return {
    id: row.id,
    person: { id: subject.id, name: subject.name },
    manager,
    heldOn: row.held_on,
    cadence: row.cadence,
    notes: row.notes,
    concern: row.concern,
    agenda: row.agenda,
    planFollowUp: row.plan_id !== null && row.plan_follow_up !== null ? { planId: row.plan_id, note: row.plan_follow_up } : null,
  };
}

/** A report's check-ins, newest first, as the pair (and HR, per policy) may read them, with when the next is due. */
export async function listCheckIns(db: Kysely<DB>, options: { actor: Actor; personId: number; now: Date }) {
  const { growth } = await growthPolicy(db);
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, readsCheckIns(growth.checkIns.hrReadsNotes), 'check-ins');
  const allOfThem = relation.self || (growth.checkIns.hrReadsNotes && relation.hr);
  const rows = await db
    .selectFrom('check_ins as c')
    .innerJoin('people as m', 'm.id', 'c.manager_id')
    .select(['c.id', 'c.held_on', 'c.cadence', 'c.notes', 'c.concern', 'c.agenda', 'c.plan_id', 'c.plan_follow_up', 'c.manager_id', 'm.name as manager_name'])
    .where('c.person_id', '=', subject.id)
    // A manager reads the check-ins they held, not a predecessor's.
    .$if(!allOfThem, (q) => q.where('c.manager_id', '=', options.actor.personId!))
    .orderBy('c.held_on', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  const current = rows.find((r) => r.manager_id === subject.managerId);
  const due = checkInDue({ lastHeldOn: current?.held_on ?? null, lastCadence: current?.cadence ?? null, since: subject.hireDate, defaultCadence: growth.checkIns.defaultCadence, graceDays: growth.checkIns.graceDays, today: today(options.now) });
  return { person: { id: subject.id, name: subject.name }, checkIns: rows.map((r) => presentCheckIn(r, subject, { id: r.manager_id, name: r.manager_name })), due };
}

/**
 * The manager's growth page: for each direct report, when the last check-in was, whether the
 * next is overdue, open goals this quarter, and delivered reviews still owed a plan; and the
 * reader's own check-in state with their manager.
 */
export async function growthOverview(db: Kysely<DB>, options: { actor: Actor; now: Date }) {
  const { growth } = await growthPolicy(db);
  const personId = options.actor.personId;
  if (personId === null) return { reports: [], mine: null };
  const day = today(options.now);
  const reports = await db.selectFrom('people').select(['id', 'name', 'hire_date']).where('manager_id', '=', personId).where('status', '!=', 'terminated').orderBy('name').execute();
  const me = await db.selectFrom('people as p').leftJoin('people as m', 'm.id', 'p.manager_id').select(['p.hire_date', 'm.id as manager_id', 'm.name as manager_name']).where('p.id', '=', personId).executeTakeFirst();
  const pairs = [...reports.map((r) => ({ personId: r.id, managerId: personId })), ...(me?.manager_id ? [{ personId, managerId: me.manager_id }] : [])];
  const latest = await latestCheckIns(db, pairs);
  const openGoals = reports.length
    ? await db.selectFrom('goals').select(['person_id', sql<number>`count(*)`.as('n')]).where('person_id', 'in', reports.map((r) => r.id)).where('quarter', '=', quarterOf(day)).where('status', 'in', [...OPEN_GOAL_STATUSES]).groupBy('person_id').execute()
    : [];
  const owed = await deliveredReviewsWithoutPlan(db, reports.map((r) => r.id));
  const dueFor = (id: number, managerId: number, since: string) => {
    const last = latest.get(`${id}:${managerId}`);
    return { last: last?.heldOn ?? null, ...checkInDue({ lastHeldOn: last?.heldOn ?? null, lastCadence: last?.cadence ?? null, since, defaultCadence: growth.checkIns.defaultCadence, graceDays: growth.checkIns.graceDays, today: day }) };
  };
  return {
    reports: reports.map((r) => {
      const due = dueFor(r.id, personId, r.hire_date);
      return {
        person: { id: r.id, name: r.name },
        lastCheckIn: due.last,
        dueOn: due.dueOn,
        overdue: due.overdue,
        daysOverdue: due.daysOverdue,
        openGoals: Number(openGoals.find((g) => g.person_id === r.id)?.n ?? 0),
        plansToWrite: owed.filter((o) => o.personId === r.id).map((o) => ({ cycle: o.cycle, deliveredAt: o.deliveredAt })),
      };
    }),
    mine: me?.manager_id ? (({ last, dueOn, overdue }) => ({ manager: { id: me.manager_id!, name: me.manager_name! }, lastCheckIn: last, dueOn, overdue }))(dueFor(personId, me.manager_id, me.hire_date)) : null,
  };
}
