import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { ImportSummary } from '../shared/schemas/people.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { parsePeopleCsv, type PersonRow } from './people-csv.rules.ts';
import { planPeopleImport, type ImportGuard } from './import-plan.rules.ts';
import { computePaths } from './org-tree.rules.ts';
import { knownLevelCodes } from './ladders.service.ts';
import {
  insertPeople,
  loadDirectory,
  parkEmails,
  reservePersonIds,
  setManagerPaths,
  syncAttributes,
  terminatePeople,
  updatePeopleFields,
  upsertTeams,
  type PersonFields,
} from './import.repository.ts';

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
    const existing = await loadDirectory(trx);
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

    const teams = await upsertTeams(trx, rows.flatMap((r) => (r.team ? [r.team] : [])), options.dryRun);
    const existingById = new Map(existing.map((p) => [p.id, p]));
    // An optional column absent from the file leaves that field as stored.
    const fieldsOf = (row: PersonRow, current?: (typeof existing)[number]): PersonFields => {
      const keep = <T>(column: string, fromFile: T, stored: T | undefined): T => (columns.has(column) || !current ? fromFile : (stored as T));
      return {
        employeeId: row.employeeId,
        name: row.name,
        email: row.email,
        level: row.level,
        hireDate: row.hireDate,
        title: keep('title', row.title, current?.title),
        teamId: keep('team', row.team ? (teams.byName.get(row.team) ?? null) : null, current?.team_id),
        location: keep('location', row.location, current?.location),
        jobFunction: keep('job_function', row.jobFunction, current?.job_function),
        status: keep('status', row.status, current?.status),
        timeZone: keep('time_zone', row.timeZone, current?.time_zone),
      };
    };
    const changed = plan.matched
      .map(({ row, personId }) => ({ id: personId, fields: fieldsOf(row, existingById.get(personId)) }))
      .filter(({ id, fields }) => !sameFields(fields, existingById.get(id)!));

    const summary: ImportSummary = {
      rows: rows.length,
      created: plan.created.length,
      updated: changed.length,
      unchanged: plan.matched.length - changed.length,
      deactivated: plan.deactivated.length,
      employeeIdsChanged: plan.employeeIdChanges,
      teamsCreated: teams.created,
      attributesWritten: rows.reduce((n, r) => n + Object.keys(r.attributes).length, 0),
      dryRun: options.dryRun,
      needsConfirmation: plan.needsConfirmation,
    };
    if (options.dryRun) return summary;

    // Resolve the whole tree before writing, so each row is written once with its manager and path.
    const newIds = await reservePersonIds(trx, plan.created.length);
    const idByEmployeeId = new Map(existing.map((p) => [p.employee_id, p.id]));
    for (const { row, personId } of plan.matched) idByEmployeeId.set(row.employeeId, personId);
    plan.created.forEach((row, i) => idByEmployeeId.set(row.employeeId, newIds[i]!));
    const managerOf = new Map<number, number | null>(existing.map((p) => [p.id, p.manager_id]));
    for (const row of rows) {
      managerOf.set(idByEmployeeId.get(row.employeeId)!, row.managerEmployeeId ? idByEmployeeId.get(row.managerEmployeeId)! : null);
    }
    const paths = computePaths([...managerOf].map(([id, managerId]) => ({ id, managerId })));

    await parkEmails(trx, changed.filter(({ id, fields }) => existingById.get(id)!.email !== fields.email).map((c) => c.id));
    await updatePeopleFields(trx, changed, options.now);
    const depth = (path: string) => path.split('/').length;
    await insertPeople(
      trx,
      plan.created
        .map((row, i) => ({ id: newIds[i]!, fields: fieldsOf(row), managerId: managerOf.get(newIds[i]!) ?? null, path: paths.get(newIds[i]!)! }))
        .sort((a, b) => depth(a.path) - depth(b.path)),
      options.now,
    );
    await setManagerPaths(
      trx,
      existing
        .filter((p) => p.manager_id !== managerOf.get(p.id) || p.path !== paths.get(p.id))
        .map((p) => ({ id: p.id, managerId: managerOf.get(p.id) ?? null, path: paths.get(p.id)! })),
    );
    await terminatePeople(trx, plan.deactivated.map((p) => p.id), options.now);
    await syncAttributes(trx, {
      names: attributeNames,
      personIds: rows.map((r) => idByEmployeeId.get(r.employeeId)!),
      wanted: rows.flatMap((r) =>
        Object.entries(r.attributes).map(([name, value]) => ({ personId: idByEmployeeId.get(r.employeeId)!, name, value })),
      ),
      personIdsAreNew: new Set(newIds),
    });

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

function sameFields(f: PersonFields, p: Awaited<ReturnType<typeof loadDirectory>>[number]): boolean {
  return (
    p.employee_id === f.employeeId &&
    p.name === f.name &&
    p.email === f.email &&
    p.level === f.level &&
    p.hire_date === f.hireDate &&
    p.title === f.title &&
    p.team_id === f.teamId &&
    p.location === f.location &&
    p.job_function === f.jobFunction &&
    p.status === f.status &&
    p.time_zone === f.timeZone
  );
}
