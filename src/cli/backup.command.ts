import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../app/config.ts';
import { backupDatabase } from '../backup/backup.service.ts';
import { checkBackup, restoreBackup } from '../backup/restore.service.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openConfiguredDatabase } from './database-options.ts';

const OPTIONS = { ...DATABASE_OPTIONS, format: { type: 'string' } } as const;

function fileAndFormat(command: string, positionals: string[], format: string | undefined): { file: string; json: boolean } {
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`${command} takes one file: highbar ${command} FILE`);
  if (format !== undefined && format !== 'json') throw new UsageError(`--format takes json (human output is the default), not "${format}".`);
  return { file, json: format === 'json' };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

/** `highbar backup FILE`: the whole database, from one snapshot, into one checksummed file. */
export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  const { file, json } = fileAndFormat('backup', positionals, values.format);
  const config = loadConfig(io.env, { dataDir: values.data });
  // Opening a folder that holds no database would create one; a backup must write nothing there.
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pgdata'))) {
    throw new UsageError(`There is no embedded database in ${config.dataDir} to back up (set --data, or DATABASE_URL for a server).`);
  }
  if (!fs.existsSync(path.dirname(path.resolve(file)))) throw new UsageError(`Cannot write ${file}: its folder does not exist.`);
  const started = performance.now();
  const database = await openConfiguredDatabase(io.env, values.data);
  try {
    const summary = await backupDatabase(database.db, { file, source: config.databaseUrl ? 'server' : 'embedded', now: new Date() }).catch((error: NodeJS.ErrnoException) => {
      // A path that cannot take a file is the user's to fix, not a crash.
      if (['EACCES', 'EISDIR', 'ENOTDIR', 'EROFS', 'EPERM'].includes(error.code ?? '')) throw new UsageError(`Cannot write ${file}: ${error.message}`);
      throw error;
    });
    const seconds = Number(((performance.now() - started) / 1000).toFixed(3));
    const rows = total(summary.rows);
    const tables = Object.keys(summary.rows).length;
    if (json) {
      io.stdout(`${JSON.stringify({ file, bytes: summary.bytes, seconds, tables, rows, rowsByTable: summary.rows, schema: summary.migrations.at(-1) ?? null, auditHead: headJson(summary.auditHead) })}\n`);
    } else {
      io.stdout(
        `Backed up ${rows} rows in ${tables} tables to ${file} (${megabytes(summary.bytes)}) in ${seconds} s.\n` +
          `Audit chain in the backup: ${summary.auditHead.entries} entries, head ${summary.auditHead.hash}.\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

/** `highbar restore FILE [--replace]`: into an empty database, all or nothing. */
export async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...OPTIONS, replace: { type: 'boolean' } }, true);
  const { file, json } = fileAndFormat('restore', positionals, values.format);
  const started = performance.now();
  // The whole file is checked first, so a corrupt or newer backup is refused before a database
  // is opened (or an embedded folder created).
  const { header } = await checkBackup(file);
  const database = await openConfiguredDatabase(io.env, values.data);
  try {
    const summary = await restoreBackup(database.db, { file, header, replace: values.replace ?? false });
    const seconds = Number(((performance.now() - started) / 1000).toFixed(3));
    const rows = total(summary.rows);
    const tables = Object.keys(summary.rows).length;
    if (json) {
      io.stdout(`${JSON.stringify({ file, seconds, tables, rows, rowsByTable: summary.rows, migrated: summary.migrated, replaced: summary.replaced, auditHead: headJson(summary.auditHead) })}\n`);
    } else {
      const later = summary.migrated.after.length > 0 ? ` then applied ${summary.migrated.after.join(', ')}` : '';
      io.stdout(
        `Restored ${rows} rows in ${tables} tables from ${file} in ${seconds} s (backup of ${header.createdAt}${later}).\n` +
          `Audit chain: ${summary.auditHead.entries} entries, head ${summary.auditHead.hash}; ` +
          `\`highbar audit verify --head ${summary.auditHead.hash}\` checks it.\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

function headJson(head: { entries: number; seq: number | null; hash: string }) {
  return { entries: head.entries, seq: head.seq, hash: head.hash };
}
