import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';

/**
 * People analytics read demographic attributes, which only HR partners read (people.access.ts):
 * every analytics route over people is for accounts holding the HR role, and covers the people in
 * their scope. Admins administer, they do not analyse: an admin without the HR role gets a 403.
 */
export function authorizeHrAnalytics(actor: Actor): void {
  if (!actor.hrScope) {
    throw new AppError('FORBIDDEN', { detail: 'People analytics are for HR partners: they read demographic attributes, which only HR may see.' });
  }
}

/** True when the actor is an HR partner whose scope covers the person or subtree at `path`. */
export function hrScopeCovers(actor: Actor, path: string): boolean {
  if (!actor.hrScope) return false;
  return actor.hrScope.wholeOrganisation || actor.hrScope.roots.some((r) => path.startsWith(r.path));
}

/**
 * Uploaded datasets belong to the HR partner who uploaded them; HR partners serving the whole
 * organisation see every dataset, so a team can share one. Nobody else sees them at all.
 */
export function datasetsVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { d: DB['analytics_datasets'] }, 'd'>): Expression<SqlBool> => {
    if (!actor.hrScope) return sql<SqlBool>`false`;
    if (actor.hrScope.wholeOrganisation) return sql<SqlBool>`true`;
    return eb('d.uploaded_by', '=', actor.accountId);
  };
}

/**
 * Team and organisation feedback themes: for the person at the root and everyone above them in
 * the chain, and HR partners in scope. 404 otherwise, as for the feedback itself.
 */
export function authorizeGroupThemes(actor: Actor, root: { id: number; path: string }): void {
  const inChain = actor.personPath !== null && root.path.startsWith(actor.personPath);
  if (!inChain && !hrScopeCovers(actor, root.path)) throw new AppError('NOT_FOUND', { detail: `No feedback themes you can read for the organisation of person ${root.id}.` });
}

/**
 * Sustainable-work signals are team aggregates of operational data, with no demographic
 * attribute: HR partners read the teams of their scope, administrators (who run the metrics
 * ingestion and see the same data on the metrics pages) every team.
 */
export function authorizeTeamSignals(actor: Actor): 'scope' | 'everyone' {
  if (actor.hrScope) return actor.hrScope.wholeOrganisation ? 'everyone' : 'scope';
  if (hasRole(actor, 'admin')) return 'everyone';
  throw new AppError('FORBIDDEN', { detail: 'Sustainable-work signals are for HR partners and administrators.' });
}

/**
 * The policy lab simulates a synthetic organisation: no person's data is involved, so the people
 * who shape policies use it, HR partners and administrators alike.
 */
export function authorizePolicyLab(actor: Actor): void {
  if (!actor.hrScope && !hasRole(actor, 'admin')) {
    throw new AppError('FORBIDDEN', { detail: 'The policy lab is for HR partners and administrators.' });
  }
}
