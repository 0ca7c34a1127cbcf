import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { PersonView } from '../shared/schemas/people.ts';
import type { Actor } from '../accounts/actor.ts';
import { demographicsVisibleTo, directoryVisibleTo, privateRecordVisibleTo } from './people.access.ts';

function peopleQuery(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('people as p')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .where(directoryVisibleTo(actor))
    .select([
      'p.id',
      'p.employee_id',
      'p.name',
      'p.email',
      'p.title',
      'p.location',
      'p.job_function',
      'p.level',
      'p.hire_date',
      'p.status',
      'p.time_zone',
      't.id as team_id',
      't.name as team_name',
      'm.id as manager_id',
      'm.name as manager_name',
    ])
    .select((eb) => [
      eb.and([privateRecordVisibleTo(actor)(eb)]).as('private_visible'),
      eb.selectFrom('ladder_levels as ll').select('ll.title').whereRef('ll.code', '=', 'p.level').orderBy('ll.id').limit(1).as('level_title'),
      eb
        .selectFrom('people as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.manager_id', '=', 'p.id')
        .where('r.status', '!=', 'terminated')
        .as('direct_reports'),
    ]);
}

type PersonRowView = Awaited<ReturnType<ReturnType<typeof peopleQuery>['execute']>>[number];

/** Builds the response per reader: the private block exists only when the reader may see it. */
function presentPerson(row: PersonRowView): PersonView {
  return {
    id: row.id,
    employeeId: row.employee_id,
    name: row.name,
    email: row.email,
    title: row.title,
    team: row.team_id !== null && row.team_name !== null ? { id: row.team_id, name: row.team_name } : null,
    location: row.location,
    jobFunction: row.job_function,
    manager: row.manager_id !== null && row.manager_name !== null ? { id: row.manager_id, name: row.manager_name } : null,
    directReports: Number(row.direct_reports ?? 0),
    ...(row.private_visible
      ? {
          private: {
            level: row.level,
            levelTitle: row.level_title,
            hireDate: row.hire_date,
            status: row.status,
            timeZone: row.time_zone,
          },
        }
      : {}),
  };
}

/** The directory, searchable by name, email, title or employee id. */
export async function listPeople(
  db: Kysely<DB>,
  options: { actor: Actor; q?: string; teamId?: number; managerId?: number; limit: number; offset: number },
): Promise<{ total: number; people: PersonView[] }> {
  let query = peopleQuery(db, options.actor);
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('p.name', 'ilike', pattern),
        eb('p.email', 'ilike', pattern),
        eb('p.title', 'ilike', pattern),
        eb('p.employee_id', 'ilike', pattern),
        eb('t.name', 'ilike', pattern),
      ]),
    );
  }
  if (options.teamId !== undefined) query = query.where('p.team_id', '=', options.teamId);
  if (options.managerId !== undefined) query = query.where('p.manager_id', '=', options.managerId);
  const [rows, count] = await Promise.all([
    query.orderBy('p.name').orderBy('p.id').limit(options.limit).offset(options.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), people: rows.map(presentPerson) };
}

/** One person; 404 when the reader may not see them at all, so existence does not leak. */
export async function getPerson(db: Kysely<DB>, options: { actor: Actor; personId: number }): Promise<PersonView> {
  const row = await peopleQuery(db, options.actor).where('p.id', '=', options.personId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No person with id ${options.personId}.` });
  return presentPerson(row);
}

/** Demographic attributes: HR in scope only; anyone else gets 404, as if the record did not exist. */
export async function getDemographics(db: Kysely<DB>, options: { actor: Actor; personId: number }) {
  const person = await db
    .selectFrom('people as p')
    .select('p.id')
    .where('p.id', '=', options.personId)
    .where(demographicsVisibleTo(options.actor))
    .executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', { detail: `No demographic record for person ${options.personId}.` });
  const rows = await db.selectFrom('person_attributes').select(['name', 'value']).where('person_id', '=', person.id).orderBy('name').execute();
  return { personId: person.id, attributes: Object.fromEntries(rows.map((r) => [r.name, r.value])) };
}

export async function listTeams(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('teams as t')
    .leftJoin('people as p', (join) => join.onRef('p.team_id', '=', 't.id').on('p.status', '!=', 'terminated'))
    .select(['t.id', 't.name'])
    .select((eb) => eb.fn.count<number>('p.id').as('members'))
    .groupBy(['t.id', 't.name'])
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: Number(r.members) }));
}

