import type { Account, GrantableRole } from '../../api/accounts.ts';

export const GRANTABLE_ROLES: { role: GrantableRole; label: string; hint: string }[] = [
  { role: 'employee', label: 'Employee', hint: 'Every account has it.' },
  { role: 'hr', label: 'HR partner', hint: 'Sees private records and demographics in their scope.' },
  { role: 'admin', label: 'Administrator', hint: 'Manages accounts and imports people.' },
];

/** The roles and HR scope as a form holds them; root ids are typed as text. */
export interface RolesDraft {
  roles: GrantableRole[];
  wholeOrganisation: boolean;
  rootIdsText: string;
}

export function draftFromAccount(account: Account): RolesDraft {
  return {
    roles: account.roles.filter((r): r is GrantableRole => r !== 'manager'),
    wholeOrganisation: account.hrScope.wholeOrganisation || account.hrScope.rootPersonIds.length === 0,
    rootIdsText: account.hrScope.rootPersonIds.join(', '),
  };
}

export const EMPTY_ROLES_DRAFT: RolesDraft = { roles: ['employee'], wholeOrganisation: true, rootIdsText: '' };

/** "12, 40 7" → [12, 40, 7]; null when something is not a person id. */
export function parseRootIds(text: string): number[] | null {
  const parts = text.split(/[\s,]+/u).filter(Boolean);
  const ids = parts.map(Number);
  if (ids.some((n) => !Number.isInteger(n) || n <= 0)) return null;
  return [...new Set(ids)];
}

/**
 * The roles and (for HR) scope to send, or an error message for the scope field. Employee is
 * always included: the server grants it to every account anyway.
 */
export function rolesPayload(draft: RolesDraft):
  | { ok: true; roles: GrantableRole[]; hrScope?: { wholeOrganisation: boolean; rootPersonIds: number[] } }
  | { ok: false; scopeError: string } {
  const roles: GrantableRole[] = ['employee', ...draft.roles.filter((r) => r !== 'employee')];
  if (!roles.includes('hr')) return { ok: true, roles };
  if (draft.wholeOrganisation) return { ok: true, roles, hrScope: { wholeOrganisation: true, rootPersonIds: [] } };
  const ids = parseRootIds(draft.rootIdsText);
  if (ids === null) return { ok: false, scopeError: 'Enter person IDs as whole numbers separated by commas.' };
  if (ids.length === 0) return { ok: false, scopeError: 'Name at least one person whose organisation this HR partner serves.' };
  return { ok: true, roles, hrScope: { wholeOrganisation: false, rootPersonIds: ids } };
}
