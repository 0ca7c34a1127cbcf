import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { knownMigrations, migrateToLatest, migrateUpTo } from '../db/migrate.ts';
import { AppError } from '../shared/errors.ts';
import { readAuditHead, type AuditHead } from '../audit/audit-chain.service.ts';
import { appliedMigrations, listTables, tablesWithRows } from './catalog.repository.ts';
import { readBackupFile } from './backup-file.ts';
import { setPortableTextForms } from './backup.service.ts';
import type { BackupHeader, EndRecord } from './backup-format.rules.ts';
import { checkBackupSchema, planRestoreSchema, tablesHoldingData } from './restore-plan.rules.ts';
import { loadBackupRows, restoreSequences, withLoadingConstraintsOff } from './restore-load.ts';

/**
 * Reads the whole file once without a database: its structure, row counts and checksum, and
 * whether this Highbar knows its schema. A bad file is refused before any database is opened
 * (an embedded target folder is not even created).
 */
export async function checkBackup(file: string): Promise<{ header: BackupHeader; end: EndRecord }> {
  let header: BackupHeader | null = null;
  let end: EndRecord | null = null;
  for await (const item of readBackupFile(file)) {
    if (item.kind === 'header') {
      header = item.header;
      const fits = checkBackupSchema(header.migrations, knownMigrations());
      if (!fits.ok) throw new AppError('BACKUP_INVALID', { detail: `${file}:1: ${fits.message}` });
    } else if (item.kind === 'end') end = item.end;
  }
  // readBackupFile throws unless it reached a checked end record after a header.
  return { header: header!, end: end! };
}

export interface RestoreSummary {
  file: string;
  rows: Record<string, number>;
  /** Migrations applied before loading (to reach the backup's schema) and after it (to reach this Highbar's). */
  migrated: { before: string[]; after: string[] };
  /** True when --replace removed rows the database held. */
  replaced: boolean;
  auditHead: AuditHead;
}

/**
 * Restores a checked backup in one transaction: bring the schema to the backup's version,
 * empty every table, load the rows, set the sequences, re-check every foreign key, then apply
 * this Highbar's later migrations. Any refusal or failure rolls all of it back.
 */
export async function restoreBackup(db: Kysely<DB>, options: { file: string; header: BackupHeader; replace: boolean }): Promise<RestoreSummary> {
  const { file, header } = options;
  return db.transaction().execute(async (trx) => {
    await setPortableTextForms(trx);
    const plan = planRestoreSchema(header.migrations, knownMigrations(), await appliedMigrations(trx));
    if (!plan.ok) throw new AppError('RESTORE_REFUSED', { detail: `Nothing was restored: ${plan.message}.` });
    const holding = tablesHoldingData(await tablesWithRows(trx, (await listTables(trx)).map((t) => t.name)));
    if (holding.length > 0 && !options.replace) {
      throw new AppError('RESTORE_REFUSED', {
        detail:
          `Nothing was restored: the database already holds data (in ${holding.join(', ')}). Restore into an empty ` +
          'database, or pass --replace to delete everything in this one and put the backup in its place.',
      });
    }
    const before = plan.before.length > 0 ? await migrateUpTo(trx, plan.before.at(-1)!) : [];
    const types = await matchingColumnTypes(trx, file, header);
    const rows = await withLoadingConstraintsOff(trx, async () => {
      await sql`truncate ${sql.join(header.tables.map((t) => sql.id(t.name)))}`.execute(trx);
      const loaded = await loadBackupRows(trx, { file, header, types });
      await restoreSequences(trx, { file, sequences: header.sequences });
      return loaded;
    });
    const after = await migrateToLatest(trx);
    return { file, rows, migrated: { before, after }, replaced: holding.length > 0, auditHead: await readAuditHead(trx as Transaction<DB>) };
  });
}

/** The database's type of every backed-up column; refuses a backup whose tables do not match. */
async function matchingColumnTypes(trx: Transaction<DB>, file: string, header: BackupHeader): Promise<Map<string, Map<string, string>>> {
  const catalog = new Map((await listTables(trx)).map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.type]))]));
  const problems: string[] = [];
  for (const table of header.tables) {
    const columns = catalog.get(table.name);
    if (!columns) problems.push(`table ${table.name} does not exist`);
    else {
      const mismatched = table.columns.filter((c) => columns.get(c.name) !== c.type).map((c) => `${c.name} ${c.type}`);
      const missing = [...columns.keys()].filter((name) => !table.columns.some((c) => c.name === name));
      if (mismatched.length > 0) problems.push(`${table.name} has no column ${mismatched.join(', ')}`);
      if (missing.length > 0) problems.push(`${table.name}.${missing.join(', ')} is not in the backup`);
    }
  }
  const extra = [...catalog.keys()].filter((name) => !header.tables.some((t) => t.name === name));
  if (extra.length > 0) problems.push(`tables ${extra.join(', ')} are not in the backup`);
  if (problems.length > 0) {
    throw new AppError('RESTORE_REFUSED', {
      detail: `Nothing was restored: ${file} does not match the schema its migrations give this database (${problems.join('; ')}).`,
    });
  }
  return catalog;
}
