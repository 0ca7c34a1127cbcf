import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { CaseState, TransitionEvent } from './pipeline.rules.ts';

/** Inserts a new case at identification, with its opening event; returns the case id. */
export async function insertCase(
  db: Kysely<DB>,
  row: { personId: number; policyId: number; cycleId: number | null; state: CaseState; openedBy: number; now: Date },
): Promise<number> {
  const { id } = await db
    .insertInto('pipeline_cases')
    .values({
      person_id: row.personId,
      policy_id: row.policyId,
      source: row.state.source,
      cycle_id: row.cycleId,
      stage: row.state.stage,
      stage_entered_at: row.now,
      due_at: null,
      state: JSON.stringify(row.state),
      opened_by: row.openedBy,
      opened_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('pipeline_events')
    .values({ case_id: id, type: 'open', from_stage: null, to_stage: 'identified', actor_account_id: row.openedBy, capacity: null, details: JSON.stringify({ source: row.state.source, cycleId: row.cycleId }), at: row.now })
    .execute();
  return id;
}

/** Writes a case's new state (columns mirror the document) and the step that produced it; bumps the version. */
export async function saveTransition(db: Kysely<DB>, options: { caseId: number; version: number; state: CaseState; event: TransitionEvent; actorAccountId: number | null }): Promise<void> {
  const { state } = options;
  await db
    .updateTable('pipeline_cases')
    .set({
      stage: state.stage,
      stage_entered_at: state.stageEnteredAt,
      due_at: state.dueAt,
      escalated_at: state.escalatedAt,
      state: JSON.stringify(state),
      closed_at: state.closedAt,
      version: options.version + 1,
    })
    .where('id', '=', options.caseId)
    .execute();
  await db
    .insertInto('pipeline_events')
    .values({ case_id: options.caseId, type: options.event.type, from_stage: options.event.from, to_stage: options.event.to, actor_account_id: options.actorAccountId, capacity: options.event.capacity, details: JSON.stringify(options.event.details), at: options.event.at })
    .execute();
}

/** The steps of a case, oldest first, with the name of whoever took each. */
export async function caseHistory(db: Kysely<DB>, caseId: number) {
  return db
    .selectFrom('pipeline_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
    .select(['e.type', 'e.from_stage', 'e.to_stage', 'e.at', 'e.capacity', 'e.details', 'a.name as actor_name'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
}

/** People to tell about a case: the direct manager and the one above, and HR partners in scope who are people too. */
export async function caseWatchers(db: Kysely<DB>, person: { id: number; path: string }): Promise<number[]> {
  const ancestors = person.path.split('/').filter(Boolean).map(Number).filter((id) => id !== person.id);
  const chain = ancestors.slice(-2);
  const hr = await db
    .selectFrom('hr_scopes as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('people as root', 'root.id', 's.root_person_id')
    .select(['a.person_id', 'root.path'])
    .where('a.disabled_at', 'is', null)
    .where('a.person_id', 'is not', null)
    .execute();
  const hrPeople = hr.filter((h) => h.path === null || person.path.startsWith(h.path)).map((h) => h.person_id!);
  return [...new Set([...chain, ...hrPeople])].filter((id) => id !== person.id);
}
