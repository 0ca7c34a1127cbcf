import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, PersonStatus } from '../db/schema.ts';
import { chunk, valuesTable } from '../db/bulk.ts';
import { AppError } from '../shared/errors.ts';
import type { ImportSummary } from '../shared/schemas/people.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { parsePeopleCsv, type PersonRow } from './people-csv.rules.ts';
import { planPeopleImport, type ImportGuard } from './import-plan.rules.ts';
import { computePaths } from './org-tree.rules.ts';
import { knownLevelCodes } from './ladders.service.ts';

const BATCH = 1000;

/**
 * Imports an HRIS export: the whole file is checked first, then written in one transaction,
 * so a bad file changes nothing. Upserts by employee id; people missing from the file are
 * deactivated. Large changes stop unless confirmed.
 */
export async function importPeople(
  db: Kysely<DB>,
  options: {
    actorAccountId: number | null;
    fileName: string;
    bytes: Uint8Array;
    confirm: boolean;
    dryRun: boolean;
    now: Date;
    requestId?: string;
    guard?: ImportGuard;
  },
): Promise<ImportSummary> {
  const parsed = parsePeopleCsv(options.bytes, { knownLevels: await knownLevelCodes(db) });
  if (!parsed.ok) {
    const shown = parsed.problems.length === 1 ? '1 problem' : `${parsed.problems.length} problems`;
    throw new AppError('IMPORT_INVALID', {
      detail: `${options.fileName} has ${shown}; nothing was imported.`,
      errors: parsed.problems.map((p) => ({ path: `${options.fileName}:${p.line}: column ${p.column}`, message: p.reason })),
    });
  }
  const { rows, columns, attributeNames } = parsed.value;

  return db.transaction().execute(async (trx) => {
    // One import at a time: two concurrent imports would each plan against a stale directory.
    await sql`select pg_advisory_xact_lock(7262002)`.execute(trx);
    const existing = await trx
      .selectFrom('people')
      .select(['id', 'employee_id', 'email', 'status', 'name', 'manager_id', 'path', 'level', 'title', 'team_id', 'location', 'hire_date', 'job_function', 'time_zone'])
      .execute();
    const plan = planPeopleImport(
      rows,
      existing.map((p) => ({ id: p.id, employeeId: p.employee_id, email: p.email, status: p.status })),
      options.guard,
    );
    if (plan.needsConfirmation.length && !options.confirm && !options.dryRun) {
      throw new AppError('IMPORT_NEEDS_CONFIRMATION', {
        detail: `Nothing was imported: ${plan.needsConfirmation.join('; and ')}. If the file is right, import it again with confirmation (CLI: --confirm; API: ?confirm=true).`,
        extra: { reasons: plan.needsConfirmation },
      });
    }

    const teamIds = await upsertTeams(trx, rows, options.dryRun);
    const teamsCreated = teamIds.created;
    const existingById = new Map(existing.map((p) => [p.id, p]));
    const keep = <T>(column: string, fromFile: T, current: T) => (columns.has(column) ? fromFile : current);

    const changed = plan.matched.filter(({ row, personId, employeeIdChangedFrom }) => {
      const p = existingById.get(personId)!;
      return (
        employeeIdChangedFrom !== null ||
        p.name !== row.name ||
        p.email !== row.email ||
        p.level !== row.level ||
        p.hire_date !== row.hireDate ||
        p.title !== keep('title', row.title, p.title) ||
        p.team_id !== keep('team', row.team ? teamIds.byName.get(row.team)! : null, p.team_id) ||
        p.location !== keep('location', row.location, p.location) ||
        p.job_function !== keep('job_function', row.jobFunction, p.job_function) ||
        p.status !== keep('status', row.status, p.status) ||
        p.time_zone !== keep('time_zone', row.timeZone, p.time_zone)
      );
    });

    const summary: ImportSummary = {
      rows: rows.length,
      created: plan.created.length,
      updated: changed.length,
      unchanged: plan.matched.length - changed.length,
      deactivated: plan.deactivated.length,
      employeeIdsChanged: plan.employeeIdChanges,
      teamsCreated,
      attributesWritten: rows.reduce((n, r) => n + Object.keys(r.attributes).length, 0),
      dryRun: options.dryRun,
      needsConfirmation: plan.needsConfirmation,
    };
    if (options.dryRun) return summary;

    // Park changed emails first so that two people swapping addresses never collide mid-batch.
    const emailChanges = changed.filter(({ row, personId }) => existingById.get(personId)!.email !== row.email);
    for (const batch of chunk(emailChanges, BATCH)) {
      await trx
        .updateTable('people')
        .set({ email: sql`'~import~' || id::text` })
        .where('id', 'in', batch.map((c) => c.personId))
        .execute();
    }

    for (const batch of chunk(changed, BATCH)) {
      const values = batch.map(({ row, personId }) => {
        const p = existingById.get(personId)!;
        return [
          personId,
          row.employeeId,
          row.name,
          row.email,
          row.level,
          row.hireDate,
          keep('title', row.title, p.title),
          keep('team', row.team ? teamIds.byName.get(row.team)! : null, p.team_id),
          keep('location', row.location, p.location),
          keep('job_function', row.jobFunction, p.job_function),
          keep('status', row.status, p.status),
          keep('time_zone', row.timeZone, p.time_zone),
        ];
      });
      await sql`
        update people set employee_id = v.employee_id, name = v.name, email = v.email, level = v.level,
          hire_date = v.hire_date, title = v.title, team_id = v.team_id, location = v.location,
          job_function = v.job_function, status = v.status, time_zone = v.time_zone, updated_at = ${options.now}
        from ${valuesTable('v', PERSON_VALUE_COLUMNS, values)}
        where people.id = v.id`.execute(trx);
    }

    const idByEmployeeId = new Map(existing.map((p) => [p.employee_id, p.id]));
    for (const { row, personId } of plan.matched) idByEmployeeId.set(row.employeeId, personId);
    for (const batch of chunk(plan.created, BATCH)) {
      const inserted = await trx
        .insertInto('people')
        .values(batch.map((row) => newPersonValues(row, teamIds.byName, options.now)))
        .returning(['id', 'employee_id'])
        .execute();
      for (const p of inserted) idByEmployeeId.set(p.employee_id, p.id);
    }

    for (const batch of chunk(plan.deactivated, BATCH)) {
      await trx
        .updateTable('people')
        .set({ status: 'terminated' as PersonStatus, updated_at: options.now })
        .where('id', 'in', batch.map((p) => p.id))
        .execute();
    }

    await rewriteManagerPaths(trx, { rows, existing, idByEmployeeId });
    await replaceAttributes(trx, { rows, attributeNames, idByEmployeeId });

    await appendAuditEvent(trx, {
      actorAccountId: options.actorAccountId,
      action: 'people.imported',
      subjectType: 'people',
      requestId: options.requestId,
      details: { fileName: options.fileName, ...summary, confirmed: options.confirm },
      at: options.now,
    });
    return summary;
  });
}

const PERSON_VALUE_COLUMNS = [
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

function newPersonValues(row: PersonRow, teams: Map<string, number>, now: Date) {
  return {
    employee_id: row.employeeId,
    name: row.name,
    email: row.email,
    manager_id: null,
    level: row.level,
    hire_date: row.hireDate,
    title: row.title,
    team_id: row.team ? teams.get(row.team)! : null,
    location: row.location,
    job_function: row.jobFunction,
    status: row.status,
    time_zone: row.timeZone,
    updated_at: now,
  };
}

async function upsertTeams(trx: Transaction<DB>, rows: PersonRow[], dryRun: boolean) {
  const names = [...new Set(rows.flatMap((r) => (r.team ? [r.team] : [])))];
  const existing = await trx.selectFrom('teams').select(['id', 'name']).execute();
  const byName = new Map(existing.map((t) => [t.name, t.id]));
  const missing = names.filter((n) => !byName.has(n));
  if (!dryRun) {
    for (const batch of chunk(missing, BATCH)) {
      const inserted = await trx.insertInto('teams').values(batch.map((name) => ({ name }))).returning(['id', 'name']).execute();
      for (const t of inserted) byName.set(t.name, t.id);
    }
  }
  return { byName, created: missing.length };
}

/** Sets manager ids and materialised paths for everyone, writing only the rows that moved. */
async function rewriteManagerPaths(
  trx: Transaction<DB>,
  input: {
    rows: PersonRow[];
    existing: { id: number; employee_id: string; manager_id: number | null; path: string }[];
    idByEmployeeId: Map<string, number>;
  },
) {
  const managerOf = new Map<number, number | null>(input.existing.map((p) => [p.id, p.manager_id]));
  for (const row of input.rows) {
    const id = input.idByEmployeeId.get(row.employeeId)!;
    managerOf.set(id, row.managerEmployeeId ? input.idByEmployeeId.get(row.managerEmployeeId)! : null);
  }
  const paths = computePaths([...managerOf].map(([id, managerId]) => ({ id, managerId })));
  const before = new Map(input.existing.map((p) => [p.id, p]));
  const moved = [...managerOf].filter(([id, managerId]) => {
    const old = before.get(id);
    return !old || old.manager_id !== managerId || old.path !== paths.get(id);
  });
  for (const batch of chunk(moved, BATCH)) {
    await sql`
      update people set manager_id = v.manager_id, path = v.path
      from ${valuesTable('v', [{ name: 'id', type: 'int' }, { name: 'manager_id', type: 'int' }, { name: 'path', type: 'text' }], batch.map(([id, managerId]) => [id, managerId, paths.get(id)!]))}
      where people.id = v.id`.execute(trx);
  }
}

/** Demographic columns in the file replace those attributes for the people in the file. */
async function replaceAttributes(
  trx: Transaction<DB>,
  input: { rows: PersonRow[]; attributeNames: string[]; idByEmployeeId: Map<string, number> },
) {
  if (!input.attributeNames.length) return;
  for (const batch of chunk(input.rows, BATCH)) {
    const ids = batch.map((r) => input.idByEmployeeId.get(r.employeeId)!);
    await trx.deleteFrom('person_attributes').where('person_id', 'in', ids).where('name', 'in', input.attributeNames).execute();
    const values = batch.flatMap((r) =>
      Object.entries(r.attributes).map(([name, value]) => ({ person_id: input.idByEmployeeId.get(r.employeeId)!, name, value })),
    );
    for (const part of chunk(values, BATCH * 3)) await trx.insertInto('person_attributes').values(part).execute();
  }
}
