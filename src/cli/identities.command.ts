import { importIdentities, listIdentities } from '../metrics/identities.service.ts';
import { SourceError } from '../metrics/sources/source-problems.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

/**
 * `highbar identities import FILE.csv`: maps source identities (git emails, GitHub logins,
 * Amazon Q user ids, PagerDuty users) to people of the directory; all or nothing, audited,
 * re-runnable. Problems print as `FILE:LINE: column C: reason` and exit 2.
 */
export async function identitiesImportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...DATABASE_OPTIONS, format: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('Usage: highbar identities import FILE.csv [--format json]');
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const summary = await importIdentities(database.db, { file: positionals[0]!, now: new Date() });
    io.stdout(values.format === 'json' ? `${JSON.stringify(summary)}\n` : `Mapped ${summary.mapped} identities; ${summary.unchanged} were already mapped to the same people.\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SourceError) {
      io.stderr(`${error.problems.join('\n')}\nNothing was stored.\n`);
      return EXIT.badInput;
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** `highbar identities list [--unmapped] [--format json]`: mapped identities with their people, or those nobody is mapped to. */
export async function identitiesListCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATABASE_OPTIONS, format: { type: 'string' }, unmapped: { type: 'boolean' } });
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const { identities } = await listIdentities(database.db, { unmapped: values.unmapped === true });
    if (values.format === 'json') io.stdout(`${JSON.stringify({ identities })}\n`);
    else if (!identities.length) io.stdout(values.unmapped ? 'Every identity the events name belongs to someone.\n' : 'No identities are mapped; directory emails still match.\n');
    else io.stdout(`${identities.map((i) => [i.kind, i.value, i.person ?? `seen in ${i.seenIn!.join(', ')}`].join('\t')).join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await database.close();
  }
}
