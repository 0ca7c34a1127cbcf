import { hasRole, type Actor } from '../accounts/actor.ts';
import { AppError } from '../shared/errors.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';
import type { CompensationPolicy } from '../policy/compensation.schema.ts';

/**
 * Who reads a person's pay: the person, HR partners whose scope covers them, admins, and their
 * management chain only where the policy lets the chain read pay. Under the humane preset it does
 * not: growth and pay are separate permissions, so a manager's growth conversation happens
 * without pay in view.
 */
export function readsPay(actor: Actor, person: { id: number; path: string }, policy: CompensationPolicy): boolean {
  if (actor.personId === person.id || hasRole(actor, 'admin') || hrCovers(actor, person.path)) return true;
  return policy.access.chainReadsPay && isAboveInChain(actor, person.path);
}

/** Pay changes are recorded by HR partners in scope and admins, never for themselves. */
export function authorizeRecordPay(actor: Actor, person: { id: number; path: string }): void {
  if (actor.personId === person.id) throw new AppError('FORBIDDEN', { detail: 'Nobody records a change to their own pay.' });
  if (!hasRole(actor, 'admin') && !hrCovers(actor, person.path)) throw new AppError('FORBIDDEN', { detail: 'Only HR partners whose scope covers this person, and administrators, record pay changes.' });
}

/** Budgets are for HR partners whose scope covers the organisation, and admins. */
export function authorizeReadBudget(actor: Actor, root: { path: string }): void {
  const covered = hasRole(actor, 'admin') || (actor.hrScope !== null && (actor.hrScope.wholeOrganisation || actor.hrScope.roots.some((r) => root.path.startsWith(r.path))));
  if (!covered) throw new AppError('FORBIDDEN', { detail: 'Only HR partners whose scope covers this organisation, and administrators, read its pay budget.' });
}
