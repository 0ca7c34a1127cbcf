import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';

type PeopleEb = ExpressionBuilder<DB & { p: DB['people'] }, 'p'>;

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

function inSubtree(eb: PeopleEb, rootPath: string): Expression<SqlBool> {
  // Paths are '/1/7/42/' of digits and slashes: no LIKE wildcards can appear in them.
  return eb('p.path', 'like', `${rootPath}%`);
}

function hrScopePredicate(eb: PeopleEb, actor: Actor): Expression<SqlBool> {
  if (!actor.hrScope) return FALSE;
  if (actor.hrScope.wholeOrganisation) return TRUE;
  const roots = actor.hrScope.roots.map((r) => inSubtree(eb, r.path));
  return roots.length ? eb.or(roots) : FALSE;
}

/**
 * Who may see a person's private record (level, hire date, status, and later ratings): the
 * person, everyone above them in the management chain, HR partners whose scope covers them,
 * and admins.
 */
export function privateRecordVisibleTo(actor: Actor) {
  return (eb: PeopleEb): Expression<SqlBool> => {
    if (hasRole(actor, 'admin')) return TRUE;
    const clauses: Expression<SqlBool>[] = [hrScopePredicate(eb, actor)];
    if (actor.personPath) clauses.push(inSubtree(eb, actor.personPath));
    return eb.or(clauses);
  };
}

/** Demographic attributes: HR partners within scope only. Admins administer, they do not analyse. */
export function demographicsVisibleTo(actor: Actor) {
  return (eb: PeopleEb): Expression<SqlBool> => hrScopePredicate(eb, actor);
}

/** The directory: everyone current is listed to every signed-in person; leavers only to those who may see their record. */
export function directoryVisibleTo(actor: Actor) {
  return (eb: PeopleEb): Expression<SqlBool> => eb.or([eb('p.status', '!=', 'terminated'), privateRecordVisibleTo(actor)(eb)]);
}

export function authorizeImportPeople(actor: Actor): void {
  if (!hasRole(actor, 'admin')) {
    throw new AppError('FORBIDDEN', { detail: 'Only administrators can import people.' });
  }
}
