import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { AccountView } from '../shared/schemas/accounts.ts';
import { ROLES, type Role } from '../shared/schemas/common.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { replaceHrScopes, selectAccounts } from './accounts.repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { passwordProblems } from './password.rules.ts';
import type { Actor } from './actor.ts';

type GrantableRole = Exclude<Role, 'manager'>;

function assertPasswordAcceptable(password: string, context: { email?: string; name?: string }) {
  const problems = passwordProblems(password, context);
  if (problems.length) {
    throw new AppError('PASSWORD_REJECTED', {
      detail: `The password ${problems.join('; ')}.`,
      errors: problems.map((message) => ({ path: 'password', message })),
    });
  }
}

function normaliseRoles(roles: Role[]): GrantableRole[] {
  const set = new Set<GrantableRole>(['employee']);
  for (const role of roles) if (role !== 'manager') set.add(role);
  return [...set];
}

/**
 * Creates an account. It links to the person with the same email when the directory has one,
 * so their manager role and private data follow. HR accounts without a given scope serve the
 * whole organisation.
 */
export async function createAccount(
  db: Kysely<DB>,
  options: {
    actorAccountId: number | null;
    email: string;
    name: string;
    password: string;
    roles: Role[];
    hrScope?: { wholeOrganisation: boolean; rootPersonIds: number[] };
    now: Date;
    requestId?: string;
  },
): Promise<AccountView> {
  const email = options.email.trim();
  assertPasswordAcceptable(options.password, { email, name: options.name });
  const passwordHash = await hashPassword(options.password);
  const roles = normaliseRoles(options.roles);
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('accounts')
      .select('id')
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', { detail: `An account with the email ${email} already exists.` });
    const person = await trx
      .selectFrom('people')
      .select('id')
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('accounts')
      .values({ email, name: options.name, password_hash: passwordHash, roles, person_id: person?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (roles.includes('hr')) {
      await assertScopeRootsExist(trx, options.hrScope?.rootPersonIds ?? []);
      await replaceHrScopes(trx, id, options.hrScope ?? { wholeOrganisation: true, rootPersonIds: [] });
    }
    await appendAuditEvent(trx, {
      actorAccountId: options.actorAccountId,
      action: 'account.created',
      subjectType: 'account',
      subjectId: id,
      requestId: options.requestId,
      details: { email, roles, hrScope: roles.includes('hr') ? (options.hrScope ?? { wholeOrganisation: true }) : null },
      at: options.now,
    });
    return id;
  });
  return getAccount(db, id);
}

async function assertScopeRootsExist(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return;
  const found = await db.selectFrom('people').select('id').where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) {
    throw new AppError('VALIDATION_FAILED', {
      detail: `HR scope names people who do not exist: ${missing.join(', ')}.`,
      errors: missing.map((id) => ({ path: 'body.hrScope.rootPersonIds', message: `no person with id ${id}` })),
    });
  }
}

/** Changes an account; disabling it ends every session it has at once. */
export async function updateAccount(
  db: Kysely<DB>,
  options: {
    actor: Actor;
    accountId: number;
    changes: {
      name?: string;
      roles?: Role[];
      disabled?: boolean;
      hrScope?: { wholeOrganisation: boolean; rootPersonIds: number[] };
      password?: string;
    };
    now: Date;
    requestId?: string;
  },
): Promise<AccountView> {
  const { changes } = options;
  if (changes.disabled && options.accountId === options.actor.accountId) {
    throw new AppError('CONFLICT', { detail: 'You cannot disable your own account.' });
  }
  if (changes.roles && options.accountId === options.actor.accountId && !changes.roles.includes('admin')) {
    throw new AppError('CONFLICT', { detail: 'You cannot remove the admin role from your own account.' });
  }
  const current = await db.selectFrom('accounts').select(['id', 'email', 'name', 'roles']).where('id', '=', options.accountId).executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND', { detail: `No account with id ${options.accountId}.` });
  if (changes.password !== undefined) assertPasswordAcceptable(changes.password, { email: current.email, name: current.name });
  const passwordHash = changes.password !== undefined ? await hashPassword(changes.password) : undefined;

  await db.transaction().execute(async (trx) => {
    const roles = changes.roles ? normaliseRoles(changes.roles) : undefined;
    const set = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(roles ? { roles } : {}),
      ...(changes.disabled !== undefined ? { disabled_at: changes.disabled ? options.now : null } : {}),
      ...(passwordHash ? { password_hash: passwordHash, password_changed_at: options.now } : {}),
    };
    if (Object.keys(set).length) await trx.updateTable('accounts').set(set).where('id', '=', options.accountId).execute();
    const effectiveRoles = roles ?? (current.roles as Role[]);
    if (changes.hrScope && effectiveRoles.includes('hr')) {
      await assertScopeRootsExist(trx, changes.hrScope.rootPersonIds);
      await replaceHrScopes(trx, options.accountId, changes.hrScope);
    }
    if (!effectiveRoles.includes('hr')) await trx.deleteFrom('hr_scopes').where('account_id', '=', options.accountId).execute();
    if (changes.disabled || passwordHash) {
      await trx.deleteFrom('sessions').where('account_id', '=', options.accountId).execute();
    }
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'account.updated',
      subjectType: 'account',
      subjectId: options.accountId,
      requestId: options.requestId,
      details: { ...changes, password: changes.password !== undefined ? 'changed' : undefined },
      at: options.now,
    });
  });
  return getAccount(db, options.accountId);
}

/** Changes one's own password after checking the current one; other sessions end. */
export async function changeOwnPassword(
  db: Kysely<DB>,
  options: { actor: Actor; currentPassword: string; newPassword: string; keepTokenHash: string; now: Date; requestId?: string },
): Promise<void> {
  const account = await db.selectFrom('accounts').select(['password_hash']).where('id', '=', options.actor.accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(account.password_hash, options.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'The current password is not correct.',
      errors: [{ path: 'body.currentPassword', message: 'is not correct' }],
    });
  }
  assertPasswordAcceptable(options.newPassword, { email: options.actor.email, name: options.actor.name });
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ password_hash: passwordHash, password_changed_at: options.now }).where('id', '=', options.actor.accountId).execute();
    await trx
      .deleteFrom('sessions')
      .where('account_id', '=', options.actor.accountId)
      .where('token_hash', '!=', options.keepTokenHash)
      .execute();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'account.password_changed',
      subjectType: 'account',
      subjectId: options.actor.accountId,
      requestId: options.requestId,
      at: options.now,
    });
  });
}

export async function listAccounts(db: Kysely<DB>): Promise<AccountView[]> {
  return (await selectAccounts(db)).map(presentAccount);
}

export async function getAccount(db: Kysely<DB>, id: number): Promise<AccountView> {
  const [row] = await selectAccounts(db, { id });
  if (!row) throw new AppError('NOT_FOUND', { detail: `No account with id ${id}.` });
  return presentAccount(row);
}

function presentAccount(row: Awaited<ReturnType<typeof selectAccounts>>[number]): AccountView {
  const roles = new Set(row.roles as Role[]);
  if (row.isManager) roles.add('manager');
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    personId: row.person_id,
    roles: ROLES.filter((r) => roles.has(r)),
    disabled: row.disabled_at !== null,
    hrScope: {
      wholeOrganisation: row.scopes.some((s) => s.root_person_id === null),
      rootPersonIds: row.scopes.flatMap((s) => (s.root_person_id === null ? [] : [s.root_person_id])),
    },
    createdAt: row.created_at.toISOString(),
  };
}
