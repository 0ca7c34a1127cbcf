import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { AppError } from '../shared/errors.ts';

/** The person a per-person metrics route is about. */
export interface MetricsSubject {
  id: number;
  name: string;
  path: string;
  hireDate: string;
  teamId: number | null;
  timeZone: string | null;
}

export async function loadSubject(db: Kysely<DB>, personId: number): Promise<MetricsSubject> {
  const row = await db.selectFrom('people').select(['id', 'name', 'path', 'hire_date', 'team_id', 'time_zone']).where('id', '=', personId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No person ${personId}.` });
  return { id: row.id, name: row.name, path: row.path, hireDate: row.hire_date, teamId: row.team_id, timeZone: row.time_zone };
}

export function hrCovers(actor: Actor, subject: MetricsSubject): boolean {
  if (!actor.hrScope) return false;
  return actor.hrScope.wholeOrganisation || actor.hrScope.roots.some((r) => subject.path.startsWith(r.path));
}

/**
 * Code signals and team context for reviews: the person, their management chain and HR partners
 * in scope. Not admins: they administer the system, they do not read people's records.
 */
export function assertSignalsVisible(actor: Actor, subject: MetricsSubject): void {
  const self = actor.personId === subject.id;
  const chain = actor.personPath !== null && subject.path.startsWith(actor.personPath);
  if (!self && !chain && !hrCovers(actor, subject)) {
    throw new AppError('FORBIDDEN', { detail: "Only the person, their management chain and HR see a person's engineering signals." });
  }
}

/** One person's AI-assistant usage: that person and HR partners in scope only (DOMAIN.md section 7). */
export function assertAiUsageVisible(actor: Actor, subject: MetricsSubject): void {
  if (actor.personId !== subject.id && !hrCovers(actor, subject)) {
    throw new AppError('FORBIDDEN', { detail: "Only the person and HR see a person's AI-assistant usage; the organisation's adoption is on the AI adoption page." });
  }
}

/** A person's source identities: the person, HR partners in scope, and administrators (who map them). */
export function assertIdentitiesVisible(actor: Actor, subject: MetricsSubject): void {
  if (actor.personId !== subject.id && !actor.roles.includes('admin') && !hrCovers(actor, subject)) {
    throw new AppError('FORBIDDEN', { detail: "Only the person, HR partners in scope and administrators see a person's source identities." });
  }
}

/** Mapping identities to a person: administrators, and HR partners whose scope covers the person. */
export function assertIdentitiesMappable(actor: Actor, subject: MetricsSubject): void {
  if (!actor.roles.includes('admin') && !hrCovers(actor, subject)) {
    throw new AppError('FORBIDDEN', { detail: 'Only administrators and HR partners in scope map source identities to people.' });
  }
}

/** The identities nobody is mapped to yet: administrators and HR partners. */
export function assertUnmappedVisible(actor: Actor): void {
  if (!actor.roles.includes('admin') && !actor.hrScope) {
    throw new AppError('FORBIDDEN', { detail: 'Only administrators and HR partners see unmapped source identities.' });
  }
}
