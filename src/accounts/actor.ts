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

// The account, its person's place in the tree and whether it has reports, in one statement:
// every API request resolves an actor, so this is the hottest query in the product.
function selectAccountWithPerson(db: Kysely<DB>) {
  return db
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
    );
}

type AccountRow = {
  id: number;
  name: string;
  email: string;
  roles: unknown;
  disabled_at: Date | null;
  person_id: number | null;
  path: string | null;
  has_reports: unknown;
};

/** Builds the actor for an account; null when the account is missing or disabled. */
export async function loadActor(db: Kysely<DB>, accountId: number): Promise<Actor | null> {
  const account = await selectAccountWithPerson(db).where('accounts.id', '=', accountId).executeTakeFirst();
  return account ? actorFromRow(db, account) : null;
}

/**
 * The session row and its account's actor in one round trip; null when the session is unknown.
 * The caller decides whether the session is still valid.
 */
export async function loadSessionActor(db: Kysely<DB>, tokenHash: string) {
  const row = await selectAccountWithPerson(db)
    .innerJoin('sessions', 'sessions.account_id', 'accounts.id')
    .select(['sessions.last_seen_at', 'sessions.expires_at', 'sessions.password_verified_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  return {
    accountId: row.id,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    passwordVerifiedAt: row.password_verified_at,
    actor: await actorFromRow(db, row),
  };
}

async function actorFromRow(db: Kysely<DB>, account: AccountRow): Promise<Actor | null> {
  if (account.disabled_at) return null;
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
      .where('hr_scopes.account_id', '=', account.id)
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
