import type { Kysely } from 'kysely';
import type { DB, PersonStatus } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';

/** The person a privacy operation is about. */
export interface PrivacySubject {
  id: number;
  name: string;
  email: string;
  employeeId: string;
  path: string;
  status: PersonStatus;
}

export async function loadPrivacySubject(db: Kysely<DB>, personId: number): Promise<PrivacySubject> {
  const row = await db.selectFrom('people').select(['id', 'name', 'email', 'employee_id', 'path', 'status']).where('id', '=', personId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No person ${personId}.` });
  return { id: row.id, name: row.name, email: row.email, employeeId: row.employee_id, path: row.path, status: row.status };
}

/**
 * Who may produce a person's data export through the API: the person, and HR partners whose
 * scope covers them (on the person's request). Administrators administer but do not read
 * reviews, so they do not get the export over the API (the operator's CLI, `highbar privacy
 * export`, serves a request when no HR partner can). A manager above the person sees their
 * record but may not export it (403); anyone else learns nothing, not even that they exist (404).
 */
export function authorizeExport(actor: Actor, subject: PrivacySubject): void {
  if (actor.personId === subject.id || hrCovers(actor, subject.path)) return;
  if (isAboveInChain(actor, subject.path) || hasRole(actor, 'admin')) {
    throw new AppError('FORBIDDEN', { detail: 'A data export is for the person themselves; an HR partner whose scope covers them produces it on their request.' });
  }
  throw new AppError('NOT_FOUND', { detail: `No person ${subject.id}.` });
}

/** Erasure is an administrator's act, taken on a documented request (docs/operations.md). */
export function authorizeErase(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new AppError('FORBIDDEN', { detail: 'Only administrators erase a person’s data.' });
}

/**
 * The person as they read their own data: an employee with no roles over anyone else, so the
 * product's read paths return exactly what they show the person. Reads that are logged (a
 * pipeline case) are logged against the account that asked for the export.
 */
export function subjectActor(readerAccountId: number, subject: PrivacySubject): Actor {
  return { accountId: readerAccountId, name: subject.name, email: subject.email, personId: subject.id, personPath: subject.path, roles: ['employee'], hrScope: null };
}
