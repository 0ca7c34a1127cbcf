import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';

/** True when the actor administers cycles for the subtree at `rootPath`: admins, and HR partners whose scope covers it. */
export function administersSubtree(actor: Actor, rootPath: string): boolean {
  if (hasRole(actor, 'admin')) return true;
  if (!actor.hrScope) return false;
  return actor.hrScope.wholeOrganisation || actor.hrScope.roots.some((r) => rootPath.startsWith(r.path));
}

/** HR partners (in scope) and admins run cycles. */
export function authorizeAdministerCycle(actor: Actor, rootPath: string): void {
  if (!administersSubtree(actor, rootPath)) {
    throw new AppError('FORBIDDEN', { detail: 'Only HR partners whose scope covers this organisation, and administrators, run its review cycles.' });
  }
}

/** True when `path` (a person's) lies under the actor, i.e. the actor is in that person's management chain. */
export function isAboveInChain(actor: Actor, path: string): boolean {
  return actor.personPath !== null && path !== actor.personPath && path.startsWith(actor.personPath);
}

/** HR partner whose scope covers the person at `path`; never oneself, so HR cannot unmask their own reviewers. */
export function hrCovers(actor: Actor, path: string): boolean {
  if (!actor.hrScope || path === actor.personPath) return false;
  return actor.hrScope.wholeOrganisation || actor.hrScope.roots.some((r) => path.startsWith(r.path));
}

/**
 * 404 unless the actor takes part in the cycle or manages someone who does: a manager's view of a
 * cycle (progress, proposals) must not disclose a cycle elsewhere in the company, its name or its
 * policy, which GET /api/cycles/{id} hides from them too.
 */
export async function assertTakesPartOrManagesIn(db: Kysely<DB>, actor: Actor, cycleId: number): Promise<void> {
  const found =
    actor.personPath !== null &&
    (await db
      .selectFrom('cycle_participants as cp')
      .innerJoin('people as p', 'p.id', 'cp.person_id')
      .select('cp.person_id')
      .where('cp.cycle_id', '=', cycleId)
      .where('p.path', 'like', `${actor.personPath}%`)
      .limit(1)
      .executeTakeFirst());
  if (!found) throw new AppError('NOT_FOUND', { detail: `No review cycle ${cycleId}.` });
}

/** Cycles an actor can see: the ones they take part in, and the ones they administer. */
export function cyclesVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { c: DB['review_cycles']; root: DB['people'] }, 'c' | 'root'>): Expression<SqlBool> => {
    if (hasRole(actor, 'admin') || actor.hrScope?.wholeOrganisation) return sql<SqlBool>`true`;
    const clauses: Expression<SqlBool>[] = [];
    if (actor.personId !== null) {
      clauses.push(
        eb.exists(
          eb
            .selectFrom('cycle_participants as cp')
            .select('cp.person_id')
            .whereRef('cp.cycle_id', '=', 'c.id')
            .where('cp.person_id', '=', actor.personId),
        ),
      );
    }
    for (const root of actor.hrScope?.roots ?? []) clauses.push(eb('root.path', 'like', `${root.path}%`));
    return clauses.length ? eb.or(clauses) : sql<SqlBool>`false`;
  };
}
