import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The person a growth record is about, with what access decisions need. */
export interface GrowthSubject {
  id: number;
  name: string;
  path: string;
  managerId: number | null;
  hireDate: string;
  teamId: number | null;
}

/** How the actor stands to a person: themselves, their direct manager, above them, HR in scope. */
export interface Relation {
  self: boolean;
  manager: boolean;
  chain: boolean;
  hr: boolean;
}

export async function findSubject(db: Db, personId: number): Promise<GrowthSubject | undefined> {
  const row = await db.selectFrom('people').select(['id', 'name', 'path', 'manager_id', 'hire_date', 'team_id']).where('id', '=', personId).where('status', '!=', 'terminated').executeTakeFirst();
  return row && { id: row.id, name: row.name, path: row.path, managerId: row.manager_id, hireDate: row.hire_date, teamId: row.team_id };
}

export function relationTo(actor: Actor, subject: GrowthSubject): Relation {
  return {
    self: actor.personId === subject.id,
    manager: actor.personId !== null && actor.personId === subject.managerId,
    chain: isAboveInChain(actor, subject.path),
    hr: hrCovers(actor, subject.path),
  };
}

/**
 * The subject and the actor's relation, or a 404 when the actor may not read this kind of
 * record about them: the same answer as for a person who does not exist, so nothing is learnt.
 */
export async function requireSubject(db: Db, actor: Actor, personId: number, mayRead: (r: Relation) => boolean, what: string) {
  const subject = await findSubject(db, personId);
  const relation = subject ? relationTo(actor, subject) : null;
  if (!subject || !relation || !mayRead(relation)) throw new AppError('NOT_FOUND', { detail: `No ${what} you can read for person ${personId}.` });
  return { subject, relation };
}

/** Refuses a write by someone outside the person's chain, naming the rule. */
export function refuseOutsideChain(detail: string): never {
  throw new AppError('FORBIDDEN', { detail, extra: { rule: 'NOT_YOUR_REPORT' } });
}

/** A team's active members' paths: team access follows the people in it. */
export async function teamMemberPaths(db: Db, teamId: number): Promise<string[]> {
  const rows = await db.selectFrom('people').select('path').where('team_id', '=', teamId).where('status', '!=', 'terminated').execute();
  return rows.map((r) => r.path);
}

/** Managers above a member, HR covering one, and admins act for a team. */
export function actsForTeam(actor: Actor, memberPaths: readonly string[]): boolean {
  return hasRole(actor, 'admin') || memberPaths.some((p) => isAboveInChain(actor, p) || hrCovers(actor, p));
}
