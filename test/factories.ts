import type { Kysely } from 'kysely';
import type { DB, PersonStatus } from '../src/db/schema.ts';
import { hashPassword } from '../src/accounts/passwords.ts';
import { replaceHrScopes } from '../src/accounts/accounts.repository.ts';

let sequence = 0;
const next = () => ++sequence;

export interface BuiltPerson {
  id: number;
  employeeId: string;
  name: string;
  email: string;
  path: string;
}

/** Inserts one person under an optional manager, with sensible defaults. */
export async function buildPerson(
  db: Kysely<DB>,
  overrides: {
    employeeId?: string;
    name?: string;
    email?: string;
    manager?: BuiltPerson | null;
    level?: string;
    hireDate?: string;
    title?: string;
    team?: string;
    status?: PersonStatus;
    attributes?: Record<string, string>;
  } = {},
): Promise<BuiltPerson> {
  const n = next();
  const employeeId = overrides.employeeId ?? `T${String(n).padStart(5, '0')}`;
  const name = overrides.name ?? `Person ${n}`;
  const email = overrides.email ?? `person${n}@example.test`;
  let teamId: number | null = null;
  if (overrides.team) {
    const team = await db
      .insertInto('teams')
      .values({ name: overrides.team })
      .onConflict((oc) => oc.column('name').doUpdateSet({ name: overrides.team! }))
      .returning('id')
      .executeTakeFirstOrThrow();
    teamId = team.id;
  }
  const { id } = await db
    .insertInto('people')
    .values({
      employee_id: employeeId,
      name,
      email,
      manager_id: overrides.manager?.id ?? null,
      level: overrides.level ?? 'L5',
      hire_date: overrides.hireDate ?? '2022-03-01',
      title: overrides.title ?? 'Software Development Engineer',
      team_id: teamId,
      status: overrides.status ?? 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${overrides.manager?.path ?? '/'}${id}/`;
  await db.updateTable('people').set({ path }).where('id', '=', id).execute();
  if (overrides.attributes) {
    await db
      .insertInto('person_attributes')
      .values(Object.entries(overrides.attributes).map(([attr, value]) => ({ person_id: id, name: attr, value })))
      .execute();
  }
  return { id, employeeId, name, email, path };
}

const hashes = new Map<string, Promise<string>>();
export const TEST_PASSWORD = 'correct horse battery staple 42';

/** Inserts an account; the argon2 hash of each password is computed once per test file. */
export async function buildAccount(
  db: Kysely<DB>,
  overrides: {
    email?: string;
    name?: string;
    person?: BuiltPerson | null;
    roles?: ('employee' | 'hr' | 'admin')[];
    password?: string;
    hrScope?: { wholeOrganisation: boolean; rootPersonIds: number[] };
    disabled?: boolean;
  } = {},
): Promise<{ id: number; email: string; password: string }> {
  const password = overrides.password ?? TEST_PASSWORD;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const email = overrides.email ?? overrides.person?.email ?? `account${next()}@example.test`;
  const roles = overrides.roles ?? ['employee'];
  const { id } = await db
    .insertInto('accounts')
    .values({
      email,
      name: overrides.name ?? overrides.person?.name ?? email,
      person_id: overrides.person?.id ?? null,
      password_hash: await hashes.get(password)!,
      roles,
      disabled_at: overrides.disabled ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.includes('hr')) await replaceHrScopes(db, id, overrides.hrScope ?? { wholeOrganisation: true, rootPersonIds: [] });
  return { id, email, password };
}
