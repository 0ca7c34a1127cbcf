import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Account rows with their HR scope, for the admin list. */
export async function selectAccounts(db: Kysely<DB>, where: { id?: number } = {}) {
  let query = db
    .selectFrom('accounts')
    .select(['id', 'email', 'name', 'person_id', 'roles', 'disabled_at', 'created_at'])
    .orderBy('name');
  if (where.id !== undefined) query = query.where('id', '=', where.id);
  const accounts = await query.execute();
  const scopes = accounts.length
    ? await db
        .selectFrom('hr_scopes')
        .select(['account_id', 'root_person_id'])
        .where('account_id', 'in', accounts.map((a) => a.id))
        .execute()
    : [];
  const managerIds = new Set(
    (
      await db
        .selectFrom('people')
        .select('manager_id')
        .distinct()
        .where('manager_id', 'is not', null)
        .where('status', '!=', 'terminated')
        .execute()
    ).map((r) => r.manager_id),
  );
  return accounts.map((a) => ({
    ...a,
    isManager: a.person_id !== null && managerIds.has(a.person_id),
    scopes: scopes.filter((s) => s.account_id === a.id),
  }));
}

export function findAccountByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'disabled_at', 'email'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function replaceHrScopes(
  db: Kysely<DB>,
  accountId: number,
  scope: { wholeOrganisation: boolean; rootPersonIds: number[] },
): Promise<void> {
  await db.deleteFrom('hr_scopes').where('account_id', '=', accountId).execute();
  const rows = scope.wholeOrganisation
    ? [{ account_id: accountId, root_person_id: null }]
    : scope.rootPersonIds.map((id) => ({ account_id: accountId, root_person_id: id }));
  if (rows.length) await db.insertInto('hr_scopes').values(rows).execute();
}
