import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ROLES, type Role } from '../shared/schemas/common.ts';

/** Who is asking: the signed-in account with its effective roles and scopes. */
export interface Actor {
  accountId: number;
  name: string;
  email: string;
  personId: number | null;
  /** The person's materialised path ('/1/7/42/'), or null for an account with no person. */
  personPath: string | null;
  /** Effective roles: granted ones plus `manager` when the person has reports. */
  roles: Role[];
  /** Set for HR partners: the subtrees they serve. */
  hrScope: { wholeOrganisation: boolean; roots: { id: number; name: string; path: string }[] } | null;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/** Builds the actor for an account; null when the account is missing or disabled. */
export async function loadActor(db: Kysely<DB>, accountId: number): Promise<Actor | null> {
  const account = await db
    .selectFrom('accounts')
    .leftJoin('people', 'people.id', 'accounts.person_id')
    .select([
      'accounts.id',
      'accounts.name',
      'accounts.email',
      'accounts.roles',
      'accounts.disabled_at',
      'accounts.person_id',
      'people.path',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('people as r')
            .select('r.id')
            .whereRef('r.manager_id', '=', 'accounts.person_id')
            .where('r.status', '!=', 'terminated'),
        )
        .as('has_reports'),
    )
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.disabled_at) return null;

  const granted = new Set(account.roles as Role[]);
  granted.add('employee');
  // Manager is never granted: it follows from having reports, today.
  granted.delete('manager');
  if (account.has_reports) granted.add('manager');

  let hrScope: Actor['hrScope'] = null;
  if (granted.has('hr')) {
    const scopes = await db
      .selectFrom('hr_scopes')
      .leftJoin('people', 'people.id', 'hr_scopes.root_person_id')
      .select(['hr_scopes.root_person_id', 'people.name', 'people.path'])
      .where('hr_scopes.account_id', '=', accountId)
      .execute();
    hrScope = {
      wholeOrganisation: scopes.some((s) => s.root_person_id === null),
      roots: scopes
        .filter((s) => s.root_person_id !== null && s.path)
        .map((s) => ({ id: s.root_person_id as number, name: s.name ?? '', path: s.path as string })),
    };
  }

  return {
    accountId: account.id,
    name: account.name,
    email: account.email,
    personId: account.person_id,
    personPath: account.path ?? null,
    roles: ROLES.filter((r) => granted.has(r)),
    hrScope,
  };
}
