import type { CliIo } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';

/** `highbar migrate`: applies pending migrations (serve does it too, at start). */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, DATABASE_OPTIONS);
  const database = await openMigratedDatabase(io.env, values.data);
  await database.close();
  io.stdout('The database schema is up to date.\n');
  return 0;
}
