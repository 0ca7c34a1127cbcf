import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from './actor.ts';

/** Account administration: admins only. */
export function authorizeManageAccounts(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new AppError('FORBIDDEN', { detail: 'Only administrators can manage accounts.' });
}
