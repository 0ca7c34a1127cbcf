import fs from 'node:fs';
import { AppError } from '../shared/errors.ts';
import { importPeople } from '../people/import.service.ts';
import { UsageError, type CliIo } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';

/** `highbar import people FILE.csv`: every problem on stderr as FILE:LINE: column C: reason, exit 2. */
export async function importPeopleCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...DATABASE_OPTIONS, confirm: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, format: { type: 'string' } },
    true,
  );
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('import people takes one file: highbar import people FILE.csv');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const summary = await importPeople(database.db, {
      actorAccountId: null,
      fileName: file,
      bytes,
      confirm: values.confirm ?? false,
      dryRun: values['dry-run'] ?? false,
      now: new Date(),
    });
    if (values.format === 'json') io.stdout(`${JSON.stringify(summary)}\n`);
    else {
      io.stdout(
        `${summary.dryRun ? 'Dry run: would import' : 'Imported'} ${summary.rows} people: ${summary.created} new, ` +
          `${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.deactivated} deactivated, ` +
          `${summary.employeeIdsChanged} employee ids changed, ${summary.teamsCreated} new teams.\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'IMPORT_INVALID') {
      // The problem paths are already `FILE:LINE: column C`, as CONTRACTS.md prints them.
      const lines = (error.errors ?? []).map((e) => `${e.path}: ${e.message}`);
      io.stderr(`${lines.join('\n')}\n${error.detail}\n`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
