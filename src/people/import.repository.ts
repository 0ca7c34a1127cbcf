import { sql, type Transaction } from 'kysely';
import type { DB, PersonStatus } from '../db/schema.ts';
import { chunk, valuesTable } from '../db/bulk.ts';

const BATCH = 1000;

/** The columns an import writes for a person, besides manager and path. */
export interface PersonFields {
  employeeId: string;
  name: string;
  email: string;
  level: string;
  hireDate: string;
  title: string | null;
  teamId: number | null;
  location: string | null;
  jobFunction: string | null;
  status: PersonStatus;
  timeZone: string | null;
}

export function loadDirectory(trx: Transaction<DB>) {
  return trx
    .selectFrom('people')
    .select(['id', 'employee_id', 'email', 'status', 'name', 'manager_id', 'path', 'level', 'title', 'team_id', 'location', 'hire_date', 'job_function', 'time_zone'])
    .execute();
}

/** Creates missing teams; returns every team's id by name. */
export async function upsertTeams(trx: Transaction<DB>, names: string[], dryRun: boolean) {
  const existing = await trx.selectFrom('teams').select(['id', 'name']).execute();
  const byName = new Map(existing.map((t) => [t.name, t.id]));
  const missing = [...new Set(names)].filter((n) => !byName.has(n));
  if (!dryRun) {
    for (const batch of chunk(missing, BATCH)) {
      const inserted = await trx.insertInto('teams').values(batch.map((name) => ({ name }))).returning(['id', 'name']).execute();
      for (const t of inserted) byName.set(t.name, t.id);
    }
  }
  return { byName, created: missing.length };
}

/** Takes ids from the people sequence up front, so new people can be written with their manager and path in one pass. */
export async function reservePersonIds(trx: Transaction<DB>, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('people', 'id'))::int as id from generate_series(1, ${count}::int)`.execute(trx);
  return result.rows.map((r) => r.id);
}

/** Moves changed emails out of the way first, so two people swapping addresses never collide mid-batch. */
export async function parkEmails(trx: Transaction<DB>, personIds: number[]) {
  for (const batch of chunk(personIds, BATCH)) {
    await trx.updateTable('people').set({ email: sql`'~import~' || id::text` }).where('id', 'in', batch).execute();
  }
}

const FIELD_COLUMNS = [
  { name: 'id', type: 'int' },
  { name: 'employee_id', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'level', type: 'text' },
  { name: 'hire_date', type: 'date' },
  { name: 'title', type: 'text' },
  { name: 'team_id', type: 'int' },
  { name: 'location', type: 'text' },
  { name: 'job_function', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'time_zone', type: 'text' },
];

const fieldCells = (id: number, f: PersonFields) => [id, f.employeeId, f.name, f.email, f.level, f.hireDate, f.title, f.teamId, f.location, f.jobFunction, f.status, f.timeZone];

export async function updatePeopleFields(trx: Transaction<DB>, people: { id: number; fields: PersonFields }[], now: Date) {
  for (const batch of chunk(people, BATCH)) {
    await sql`
      update people set employee_id = v.employee_id, name = v.name, email = v.email, level = v.level,
        hire_date = v.hire_date, title = v.title, team_id = v.team_id, location = v.location,
        job_function = v.job_function, status = v.status, time_zone = v.time_zone, updated_at = ${now}
      from ${valuesTable('v', FIELD_COLUMNS, batch.map((p) => fieldCells(p.id, p.fields)))}
      where people.id = v.id`.execute(trx);
  }
}

/** Inserts new people with their reserved ids; callers order managers before their reports. */
export async function insertPeople(
  trx: Transaction<DB>,
  people: { id: number; fields: PersonFields; managerId: number | null; path: string }[],
  now: Date,
) {
  for (const batch of chunk(people, BATCH)) {
    await trx
      .insertInto('people')
      .values(
        batch.map(({ id, fields: f, managerId, path }) => ({
          id,
          employee_id: f.employeeId,
          name: f.name,
          email: f.email,
          manager_id: managerId,
          path,
          level: f.level,
          hire_date: f.hireDate,
          title: f.title,
          team_id: f.teamId,
          location: f.location,
          job_function: f.jobFunction,
          status: f.status,
          time_zone: f.timeZone,
          updated_at: now,
        })),
      )
      .execute();
  }
}

export async function setManagerPaths(trx: Transaction<DB>, moves: { id: number; managerId: number | null; path: string }[]) {
  const columns = [
    { name: 'id', type: 'int' },
    { name: 'manager_id', type: 'int' },
    { name: 'path', type: 'text' },
  ];
  for (const batch of chunk(moves, BATCH)) {
    await sql`
      update people set manager_id = v.manager_id, path = v.path
      from ${valuesTable('v', columns, batch.map((m) => [m.id, m.managerId, m.path]))}
      where people.id = v.id`.execute(trx);
  }
}

export async function terminatePeople(trx: Transaction<DB>, personIds: number[], now: Date) {
  for (const batch of chunk(personIds, BATCH)) {
    await trx.updateTable('people').set({ status: 'terminated', updated_at: now }).where('id', 'in', batch).execute();
  }
}

/**
 * Makes the stored attributes of these people, for these attribute names, equal to `wanted`,
 * writing only the differences: a monthly re-import of an unchanged export writes nothing.
 */
export async function syncAttributes(
  trx: Transaction<DB>,
  input: { names: string[]; personIds: number[]; wanted: { personId: number; name: string; value: string }[]; personIdsAreNew: Set<number> },
) {
  if (!input.names.length) return;
  const key = (personId: number, name: string) => `${personId}\u0000${name}`;
  const stored = new Map<string, string>();
  const existingIds = input.personIds.filter((id) => !input.personIdsAreNew.has(id));
  if (existingIds.length) {
    const rows = await trx.selectFrom('person_attributes').select(['person_id', 'name', 'value']).where('name', 'in', input.names).execute();
    const inScope = new Set(existingIds);
    for (const r of rows) if (inScope.has(r.person_id)) stored.set(key(r.person_id, r.name), r.value);
  }
  const wanted = new Map(input.wanted.map((w) => [key(w.personId, w.name), w]));
  const stale = [...stored.keys()].filter((k) => wanted.get(k)?.value !== stored.get(k));
  const fresh = [...wanted.entries()].filter(([k, w]) => stored.get(k) !== w.value).map(([, w]) => w);
  for (const batch of chunk(stale, BATCH)) {
    const pairs = batch.map((k) => k.split('\u0000') as [string, string]);
    await sql`
      delete from person_attributes a
      using ${valuesTable('v', [{ name: 'person_id', type: 'int' }, { name: 'name', type: 'text' }], pairs.map(([id, name]) => [Number(id), name]))}
      where a.person_id = v.person_id and a.name = v.name`.execute(trx);
  }
  for (const batch of chunk(fresh, BATCH * 3)) {
    await trx.insertInto('person_attributes').values(batch.map((w) => ({ person_id: w.personId, name: w.name, value: w.value }))).execute();
  }
}
