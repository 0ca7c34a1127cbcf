import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { upsertOncallPages, upsertOncallShifts, upsertOperationalItems } from './operations.repository.ts';
import { parsePagerDutyLogEntries, parsePagerDutyOncalls, parsePagesCsv, parseShiftsCsv } from './sources/oncall-sources.ts';
import { parseGitHubAlerts, parseOperationalItemsCsv } from './sources/operations-sources.ts';
import { SourceError } from './sources/source-problems.ts';

/** Reads a file, or refuses with the reason. */
function read(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new SourceError([`${file}: cannot read: ${(error as Error).message}`]);
  }
}

function unwrap<T>(parsed: { value: T } | { problems: string[] }): T {
  if ('problems' in parsed) throw new SourceError(parsed.problems);
  return parsed.value;
}

/** A `.json` file is the tool's JSON export; anything else is Highbar's CSV layout. */
const isJson = (file: string) => file.toLowerCase().endsWith('.json');

export interface ItemsSummary {
  items: number;
  vulnerabilities: number;
  tickets: number;
  open: number;
  services: string[];
}

async function storeItems(db: Kysely<DB>, items: Parameters<typeof upsertOperationalItems>[1]): Promise<ItemsSummary> {
  const { services } = await db.transaction().execute((trx) => upsertOperationalItems(trx, items));
  return {
    items: items.length,
    vulnerabilities: items.filter((i) => i.kind === 'vulnerability').length,
    tickets: items.filter((i) => i.kind === 'ticket').length,
    open: items.filter((i) => i.resolvedAt === null).length,
    services,
  };
}

/** `highbar ingest operations FILE.csv`: vulnerabilities and tickets in Highbar's CSV layout. */
export async function ingestOperationalItems(db: Kysely<DB>, options: { file: string }): Promise<ItemsSummary> {
  return storeItems(db, unwrap(parseOperationalItemsCsv(read(options.file), options.file)));
}

/** `highbar ingest github-alerts FILE.json --service NAME`: a Dependabot or code-scanning alert export. */
export async function ingestGitHubAlerts(db: Kysely<DB>, options: { file: string; service: string }): Promise<ItemsSummary> {
  return storeItems(db, unwrap(parseGitHubAlerts(read(options.file).toString('utf8'), options.file, options.service)));
}

/** `highbar ingest oncall-shifts FILE.csv|FILE.json`: shifts as CSV, or PagerDuty's on-calls export. */
export async function ingestOncallShifts(db: Kysely<DB>, options: { file: string }): Promise<{ shifts: number; skipped: number; people: number }> {
  const bytes = read(options.file);
  const parsed = isJson(options.file) ? unwrap(parsePagerDutyOncalls(bytes.toString('utf8'), options.file)) : { rows: unwrap(parseShiftsCsv(bytes, options.file)), skipped: 0 };
  await db.transaction().execute((trx) => upsertOncallShifts(trx, parsed.rows));
  return { shifts: parsed.rows.length, skipped: parsed.skipped, people: new Set(parsed.rows.map((s) => s.person.toLowerCase())).size };
}

/** `highbar ingest oncall-pages FILE.csv|FILE.json`: pages as CSV, or PagerDuty's log entries export. */
export async function ingestOncallPages(db: Kysely<DB>, options: { file: string }): Promise<{ pages: number; skipped: number; people: number }> {
  const bytes = read(options.file);
  const parsed = isJson(options.file) ? unwrap(parsePagerDutyLogEntries(bytes.toString('utf8'), options.file)) : { rows: unwrap(parsePagesCsv(bytes, options.file)), skipped: 0 };
  await db.transaction().execute((trx) => upsertOncallPages(trx, parsed.rows));
  return { pages: parsed.rows.length, skipped: parsed.skipped, people: new Set(parsed.rows.map((p) => p.person.toLowerCase())).size };
}
