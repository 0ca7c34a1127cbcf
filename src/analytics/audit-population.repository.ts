import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { demographicsVisibleTo } from '../people/people.access.ts';
import type { AuditPerson } from './audit-dimensions.rules.ts';

/** A person row as the audits read it, before the outcome is chosen. */
interface PersonRow {
  id: number;
  level: string;
  location: string | null;
  job_function: string | null;
  hire_date: string;
  manager_id: number | null;
  manager_name: string | null;
}

/**
 * The cycle an audit reads, or 404. Only its id and start matter here (the ratings carry the
 * rest), so its policy and questions are not loaded.
 */
export async function findCycle(db: Kysely<DB>, cycleId: number): Promise<{ id: number; launchedAt: Date | null }> {
  const cycle = await db.selectFrom('review_cycles').select(['id', 'launched_at']).where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) throw new AppError('NOT_FOUND', { detail: `No review cycle ${cycleId}.` });
  return { id: cycle.id, launchedAt: cycle.launched_at };
}

/** The subtree a request narrows to, if it is within the actor's scope; 404 otherwise. */
export async function findRootInScope(db: Kysely<DB>, options: { actor: Actor; personId: number }): Promise<{ id: number; name: string; path: string }> {
  const root = await db
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.path'])
    .where('p.id', '=', options.personId)
    .where(demographicsVisibleTo(options.actor))
    .executeTakeFirst();
  if (!root) throw new AppError('NOT_FOUND', { detail: `No person ${options.personId} in your scope.` });
  return root;
}

/**
 * Each person's calibrated rating in a cycle (every session, open or finalised: the audit is of
 * where the ratings stand), for people in the actor's HR scope and under `rootPath`. The manager
 * is the one the rating was proposed by.
 */
export async function loadRatedPeople(
  db: Kysely<DB>,
  options: { actor: Actor; cycleId: number; rootPath: string | null; attributes: readonly string[]; outcome: 'ov' | 'forte' },
): Promise<AuditPerson[]> {
  const rows = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .where('cr.cycle_id', '=', options.cycleId)
    .where(demographicsVisibleTo(options.actor))
    .$if(options.rootPath !== null, (q) => q.where('p.path', 'like', `${options.rootPath}%`))
    .leftJoin('people as m', 'm.id', 'cr.manager_id')
    .select(['p.id', 'p.level', 'p.location', 'p.job_function', 'p.hire_date', 'cr.manager_id', 'm.name as manager_name', 'cr.ov', 'cr.forte_summary'])
    .orderBy('p.id')
    .execute();
  const attributes = await attributesOf(db, rows.map((r) => r.id), options.attributes);
  return rows.map((r) => toAuditPerson(r, options.outcome === 'ov' ? r.ov : r.forte_summary, attributes));
}

/**
 * Everyone on record in the actor's scope under `rootPath`, current and former, with whether they
 * left: the population of an exit audit.
 */
export async function loadPeopleWithExit(db: Kysely<DB>, options: { actor: Actor; rootPath: string | null; attributes: readonly string[] }): Promise<AuditPerson[]> {
  const rows = await db
    .selectFrom('people as p')
    .where(demographicsVisibleTo(options.actor))
    .$if(options.rootPath !== null, (q) => q.where('p.path', 'like', `${options.rootPath}%`))
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .select(['p.id', 'p.level', 'p.location', 'p.job_function', 'p.hire_date', 'p.manager_id', 'm.name as manager_name', 'p.status'])
    .orderBy('p.id')
    .execute();
  const attributes = await attributesOf(db, rows.map((r) => r.id), options.attributes);
  return rows.map((r) => toAuditPerson(r, r.status === 'terminated' ? 'left' : 'stayed', attributes));
}

/** A calibration session's people with their current and proposed ratings. Callers check access. */
export async function loadSessionPeople(db: Kysely<DB>, options: { sessionId: number; attributes: readonly string[] }) {
  const rows = await db
    .selectFrom('calibrated_ratings as cr')
    .innerJoin('people as p', 'p.id', 'cr.person_id')
    .where('cr.session_id', '=', options.sessionId)
    .leftJoin('people as m', 'm.id', 'cr.manager_id')
    .select(['p.id', 'p.level', 'p.location', 'p.job_function', 'p.hire_date', 'cr.manager_id', 'm.name as manager_name', 'cr.ov', 'cr.forte_summary', 'cr.proposed_ov', 'cr.proposed_performance'])
    .orderBy('p.id')
    .execute();
  const attributes = await attributesOf(db, rows.map((r) => r.id), options.attributes);
  return rows.map((r) => ({ ...r, person: toAuditPerson(r, r.ov, attributes) }));
}

function toAuditPerson(row: PersonRow, outcome: string, attributes: Map<number, Record<string, string>>): AuditPerson {
  return {
    personId: row.id,
    outcome,
    level: row.level,
    location: row.location,
    jobFunction: row.job_function,
    hireDate: row.hire_date,
    manager: row.manager_id === null ? null : { id: row.manager_id, name: row.manager_name ?? '' },
    attributes: attributes.get(row.id) ?? {},
  };
}

/** Ids per statement: well under PostgreSQL's 65,535 parameters, and small enough for PGlite. */
const CHUNK = 5_000;

/** The named attributes of the given people. */
async function attributesOf(db: Kysely<DB>, personIds: readonly number[], names: readonly string[]): Promise<Map<number, Record<string, string>>> {
  const byPerson = new Map<number, Record<string, string>>();
  if (names.length === 0) return byPerson;
  for (let start = 0; start < personIds.length; start += CHUNK) {
    const rows = await db
      .selectFrom('person_attributes as pa')
      .select(['pa.person_id', 'pa.name', 'pa.value'])
      .where('pa.name', 'in', [...names])
      .where('pa.person_id', 'in', personIds.slice(start, start + CHUNK))
      .execute();
    for (const r of rows) {
      const attributes = byPerson.get(r.person_id) ?? {};
      attributes[r.name] = r.value;
      byPerson.set(r.person_id, attributes);
    }
  }
  return byPerson;
}
