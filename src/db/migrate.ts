import type { Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return runMigrator(db, (migrator) => migrator.migrateToLatest());
}

/**
 * Applies pending migrations up to and including `name` (a restore brings an empty database to
 * the backup's schema version before loading its rows). Given a transaction, it runs inside it.
 */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<string[]> {
  return runMigrator(db, (migrator) => migrator.migrateTo(name));
}

/** The names of every migration this code knows, in the order Kysely applies them. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}

async function runMigrator(db: Kysely<any>, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await run(migrator);
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
