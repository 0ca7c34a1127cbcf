import fs from 'node:fs';
import { EXIT, UsageError, type CliIo } from './io.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';
import { applyRetention } from '../privacy/retention.service.ts';
import { describeRetention } from '../privacy/retention.rules.ts';
import { erasePerson } from '../privacy/erasure.service.ts';
import { buildPersonExport } from '../privacy/export.service.ts';
import { loadPrivacySubject } from '../privacy/privacy.access.ts';

const FORMAT_OPTION = { format: { type: 'string' } } as const;

function jsonFormat(format: string | undefined): boolean {
  if (format !== undefined && format !== 'json') throw new UsageError(`--format takes json (human output is the default), not "${format}".`);
  return format === 'json';
}

function personId(text: string | undefined): number {
  if (text === undefined) throw new UsageError('--person ID is required: the id of the person (as in /people/ID).');
  if (!/^[1-9]\d{0,9}$/u.test(text) || Number(text) > 2_147_483_647) throw new UsageError(`--person takes a person id (a positive whole number), not "${text}".`);
  return Number(text);
}

/** `highbar privacy retention [--dry-run]`: deletes (or lists) what is past the policy's retention. */
export async function privacyRetentionCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATABASE_OPTIONS, ...FORMAT_OPTION, 'dry-run': { type: 'boolean' } });
  const json = jsonFormat(values.format);
  const dryRun = values['dry-run'] ?? false;
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const run = await applyRetention(database.db, { now: new Date(), dryRun });
    if (json) {
      io.stdout(`${JSON.stringify({ dryRun, counts: run.counts, tables: run.tables, cutoffs: run.cutoffs.map((c) => ({ target: c.target, days: c.days, before: c.before?.toISOString() ?? null })) })}\n`);
    } else {
      const total = Object.values(run.counts).reduce((a, b) => a + b, 0);
      const head = dryRun ? `Dry run: ${total} rows are past retention and would be deleted; nothing was changed.` : `Deleted ${total} rows past retention.`;
      io.stdout(`${head}\n${describeRetention(run.cutoffs, run.counts).map((l) => `  ${l}`).join('\n')}\n`);
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

/** `highbar privacy erase --person ID --confirm`: erases a leaver's personal data, in one transaction. */
export async function privacyEraseCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATABASE_OPTIONS, ...FORMAT_OPTION, person: { type: 'string' }, confirm: { type: 'boolean' } });
  const json = jsonFormat(values.format);
  const id = personId(values.person);
  if (!values.confirm) throw new UsageError(`Erasure cannot be undone: add --confirm to erase person ${id} (see docs/operations.md, Erasure).`);
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const result = await erasePerson(database.db, { actorAccountId: null, personId: id, now: new Date() });
    if (json) io.stdout(`${JSON.stringify(result)}\n`);
    else {
      const lines = Object.entries(result.counts).filter(([, n]) => n > 0).map(([table, n]) => `  ${table}: ${n}`);
      io.stdout(`Erased person ${id}.\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
    }
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

/** `highbar privacy export --person ID [--out FILE]`: the person's data export, for an operator serving their request. */
export async function privacyExportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATABASE_OPTIONS, person: { type: 'string' }, out: { type: 'string' } });
  const id = personId(values.person);
  const database = await openMigratedDatabase(io.env, values.data);
  try {
    const subject = await loadPrivacySubject(database.db, id);
    const document = await buildPersonExport(database.db, { actor: null, subject, now: new Date() });
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (values.out) {
      // Owner-only: the file holds everything about a person.
      fs.writeFileSync(values.out, text, { mode: 0o600 });
      io.stdout(`Wrote the data export of person ${id} to ${values.out}.\n`);
    } else io.stdout(text);
    return EXIT.ok;
  } finally {
    await database.close();
  }
}
