import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { listForeignKeys, listUserTriggers } from './catalog.repository.ts';
import { readBackupFile } from './backup-file.ts';
import type { BackupHeader } from './backup-format.rules.ts';

const BATCH_ROWS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

/**
 * Runs `load` with foreign keys dropped and the migrations' own triggers disabled, then puts
 * both back. Rows can then arrive in any order (a manager after their report, however the ids
 * fall across batches), as pg_dump also loads data before adding constraints; re-adding each
 * key checks every restored row against it. Triggers stay off so they neither refuse the load
 * (an append-only log) nor rewrite restored values. Only the table owner may do this, which is
 * the role that runs migrations.
 */
export async function withLoadingConstraintsOff<T>(trx: Transaction<DB>, load: () => Promise<T>): Promise<T> {
  const triggers = await listUserTriggers(trx);
  const keys = await listForeignKeys(trx);
  for (const t of triggers) await sql`alter table ${sql.id(t.table)} disable trigger ${sql.id(t.name)}`.execute(trx);
  for (const k of keys) await sql`alter table ${sql.id(k.table)} drop constraint ${sql.id(k.name)}`.execute(trx);
  const result = await load();
  for (const k of keys) {
    try {
      // The definition comes from this database's own catalog, never from the file.
      await sql`alter table ${sql.id(k.table)} add constraint ${sql.id(k.name)} ${sql.raw(k.definition)}`.execute(trx);
    } catch (error) {
      throw new AppError('BACKUP_INVALID', { detail: `The restored rows break the foreign key ${k.name} on ${k.table} (${(error as Error).message}); nothing was restored.` });
    }
  }
  const enable = { O: sql`enable trigger`, A: sql`enable always trigger`, R: sql`enable replica trigger` };
  for (const t of triggers) await sql`alter table ${sql.id(t.table)} ${enable[t.enabled]} ${sql.id(t.name)}`.execute(trx);
  return result;
}

/**
 * Streams the file's rows into their tables, a batch per statement: the batch travels as one
 * JSON parameter and each cell is cast from its text form to the column's type, as COPY would.
 */
export async function loadBackupRows(
  trx: Transaction<DB>,
  options: { file: string; header: BackupHeader; types: Map<string, Map<string, string>> },
): Promise<Record<string, number>> {
  const { file, header } = options;
  const counts: Record<string, number> = {};
  let batch: string[] = [];
  let chars = 0;
  let table = '';
  let firstLine = 0;
  let line = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const columns = header.tables.find((t) => t.name === table)!.columns;
    const types = options.types.get(table)!;
    const casts = columns.map((c, i) => sql`cast(r->>${sql.lit(i)} as ${sql.raw(types.get(c.name)!)})`);
    try {
      await sql`insert into ${sql.id(table)} (${sql.join(columns.map((c) => sql.id(c.name)))}) overriding system value
        select ${sql.join(casts)} from json_array_elements(${`[${batch.join(',')}]`}::json) as r`.execute(trx);
    } catch (error) {
      throw new AppError('BACKUP_INVALID', { detail: `${file}:${firstLine}: rows of ${table} from here on do not load (${(error as Error).message}); nothing was restored.` });
    }
    counts[table] = (counts[table] ?? 0) + batch.length;
    batch = [];
    chars = 0;
  };
  for await (const item of readBackupFile(file)) {
    line += 1;
    if (item.kind === 'header') {
      // The file was checked before the database was opened; it must not have changed since.
      if (JSON.stringify(item.header) !== JSON.stringify(header)) throw new AppError('BACKUP_INVALID', { detail: `${file}:1: the file changed during the restore` });
    } else if (item.kind === 'table') {
      await flush();
      table = item.name;
      counts[table] = 0;
    } else if (item.kind === 'row') {
      if (batch.length === 0) firstLine = line;
      batch.push(item.text);
      chars += item.text.length;
      if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
    } else await flush();
  }
  return counts;
}

/** Puts every sequence where the backup found it, so new rows never reuse a restored id. */
export async function restoreSequences(trx: Transaction<DB>, options: { file: string; sequences: BackupHeader['sequences'] }): Promise<void> {
  for (const s of options.sequences) {
    const { rows } = await sql<{ found: boolean }>`select to_regclass(quote_ident(${s.name})) is not null as found`.execute(trx);
    if (!rows[0]?.found) throw new AppError('RESTORE_REFUSED', { detail: `Nothing was restored: the sequence ${s.name} in ${options.file} does not exist in this database.` });
    if (s.lastValue === null) await sql`alter sequence ${sql.id(s.name)} restart`.execute(trx);
    else await sql`select setval(quote_ident(${s.name})::regclass, ${s.lastValue}::bigint, true)`.execute(trx);
  }
}
