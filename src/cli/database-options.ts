import { loadConfig } from '../app/config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ensureDefaultLadder } from '../people/ladders.service.ts';
import { ensurePresetPolicies } from '../policy/policy.service.ts';

/** Every database command takes --data DIR and honours DATABASE_URL, exactly like serve. */
export const DATABASE_OPTIONS = { data: { type: 'string' } } as const;

/** Opens the configured database as it is, without migrating it (backup and restore). */
export async function openConfiguredDatabase(env: NodeJS.ProcessEnv, data: string | undefined): Promise<Database> {
  const config = loadConfig(env, { dataDir: data });
  return openDatabase(config.databaseUrl ? { kind: 'server', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir });
}

/** Opens the configured database and brings its schema and reference data up to date. */
export async function openMigratedDatabase(env: NodeJS.ProcessEnv, data: string | undefined): Promise<Database> {
  const database = await openConfiguredDatabase(env, data);
  try {
    await migrateToLatest(database.db);
    await ensureDefaultLadder(database.db);
    await ensurePresetPolicies(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
