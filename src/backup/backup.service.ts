import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { readAuditHead, type AuditHead } from '../audit/audit-chain.service.ts';
import { appliedMigrations, listSequences, listTables, type CatalogTable } from './catalog.repository.ts';
import { writeBackupFile } from './backup-file.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type BackupItem } from './backup-format.rules.ts';

export interface BackupSummary {
  file: string;
  bytes: number;
  migrations: string[];
  rows: Record<string, number>;
  auditHead: AuditHead;
}

/**
 * Makes every value's text form independent of the server's settings, as pg_dump does: dates
 * in ISO order, UTC offsets, floats with every digit, bytea in hex. Backup and restore both set
 * them, so a value written on one server reads back identically on another.
 */
export async function setPortableTextForms(trx: Transaction<any>): Promise<void> {
  await sql`select set_config('datestyle', 'ISO, YMD', true), set_config('intervalstyle', 'postgres', true),
    set_config('timezone', 'UTC', true), set_config('extra_float_digits', '3', true), set_config('bytea_output', 'hex', true)`.execute(trx);
}

/**
 * Writes the whole database to `file` from one REPEATABLE READ READ ONLY snapshot: every table
 * as of the same instant, so the audit chain, the rows it describes and their foreign keys agree
 * even while a server keeps taking writes. Rows stream through a cursor, a batch at a time.
 */
export async function backupDatabase(
  db: Kysely<DB>,
  options: { file: string; source: 'embedded' | 'server'; now: Date; batchSize?: number },
): Promise<BackupSummary> {
  return db.transaction().execute(async (trx) => {
    // Must be the transaction's first statement: the snapshot is taken by the first query.
    await sql`set transaction isolation level repeatable read, read only`.execute(trx);
    await setPortableTextForms(trx);
    const migrations = await appliedMigrations(trx);
    if (migrations.length === 0) {
      throw new AppError('NOT_FOUND', { detail: 'This database has no Highbar schema (it was never migrated): there is nothing to back up.' });
    }
    const tables = await listTables(trx);
    const auditHead = await readAuditHead(trx);
    const { rows: version } = await sql<{ server_version: string }>`show server_version`.execute(trx);
    const header: BackupHeader = {
      type: 'header',
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      source: options.source,
      postgresVersion: version[0]?.server_version ?? 'unknown',
      migrations,
      tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
      // Sequences are not transactional: read inside the snapshot they may be ahead of it,
      // which is safe (an id is never handed out twice), never behind.
      sequences: await listSequences(trx),
      auditHead: { entries: auditHead.entries, seq: auditHead.seq, hash: auditHead.hash },
    };
    const { bytes, rows } = await writeBackupFile(options.file, backupItems(trx, header, tables, options.batchSize ?? 2000));
    return { file: options.file, bytes, migrations, rows, auditHead };
  });
}

async function* backupItems(trx: Transaction<DB>, header: BackupHeader, tables: CatalogTable[], batchSize: number): AsyncGenerator<Exclude<BackupItem, { kind: 'end' }>> {
  yield { kind: 'header', header };
  for (const table of tables) {
    yield { kind: 'table', name: table.name };
    // PostgreSQL builds each line itself: a JSON array of the columns' text forms, in header order.
    const cells = sql.join(table.columns.map((c) => sql`${sql.id(c.name)}::text`));
    // Primary-key order makes two backups of the same data byte-identical and easy to diff.
    const order = table.primaryKey.length > 0 ? sql`order by ${sql.join(table.primaryKey.map((c) => sql.id(c)))}` : sql``;
    await sql`declare backup_rows no scroll cursor for select to_json(array[${cells}])::text as line from ${sql.id(table.name)} ${order}`.execute(trx);
    for (;;) {
      const { rows } = await sql<{ line: string }>`fetch forward ${sql.lit(batchSize)} from backup_rows`.execute(trx);
      for (const row of rows) yield { kind: 'row', table: table.name, text: row.line };
      if (rows.length < batchSize) break;
    }
    await sql`close backup_rows`.execute(trx);
  }
}
