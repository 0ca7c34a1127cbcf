import { createAccount } from '../accounts/accounts.service.ts';
import { roleSchema } from '../shared/schemas/common.ts';
import { UsageError, type CliIo } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';

/** `highbar users create`: the first admin, or any account; the password comes from stdin. */
export async function usersCreateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...DATABASE_OPTIONS,
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    format: { type: 'string' },
  });
  if (!values.email || !values.name || !values.role?.length) {
    throw new UsageError('users create needs --email E --name N --role employee|manager|hr|admin, and the password on stdin.');
  }
  const roles = values.role.map((r) => {
    const parsed = roleSchema.safeParse(r);
    if (!parsed.success) throw new UsageError(`--role ${r} is not one of employee, manager, hr, admin.`);
    return parsed.data;
  });
  const password = (await io.readStdin()).split(/\r?\n/u)[0] ?? '';
  if (!password) throw new UsageError('Give the password on the first line of stdin, for example: echo "$PASSWORD" | highbar users create ...');
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const account = await createAccount(database.db, {
      actorAccountId: null,
      email: values.email,
      name: values.name,
      password,
      roles,
      now: new Date(),
    });
    if (values.format === 'json') io.stdout(`${JSON.stringify(account)}\n`);
    else {
      io.stdout(`Created account ${account.id} for ${account.email} with roles ${account.roles.join(', ')}.\n`);
      if (roles.includes('manager')) io.stdout('Note: the manager role follows from having reports in the directory; it is not stored.\n');
    }
    return 0;
  } finally {
    await database.close();
  }
}
