import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ensureServices } from './catalog.repository.ts';
import { upsertAiUsage, upsertSliSamples } from './events.repository.ts';
import { ORG_ID } from './partitions.repository.ts';
import { parseAmazonQCsv, parseCopilotMetrics } from './sources/ai-usage.ts';
import { GITHUB_FILES, parseGitHubExport } from './sources/github-export.ts';
import { parsePagerDutyExport } from './sources/pagerduty-export.ts';
import { normalizeRepositoryKey } from './sources/repository-key.rules.ts';
import { parseSliCsv, parseSloDefinitions } from './sources/sli-csv.ts';
import { SourceError } from './sources/source-problems.ts';
import { storeEventBatch, type StoredCounts } from './store-events.service.ts';

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

/** `highbar ingest github DIR --service NAME --repository OWNER/NAME`: a GitHub REST export of one repository. */
export async function ingestGitHubExport(db: Kysely<DB>, options: { dir: string; service: string; repository: string }): Promise<StoredCounts> {
  if (!fs.existsSync(options.dir) || !fs.statSync(options.dir).isDirectory()) throw new SourceError([`${options.dir}: not a folder`]);
  const files = new Map<string, string>();
  for (const name of GITHUB_FILES) {
    const file = path.join(options.dir, name);
    if (fs.existsSync(file)) files.set(name, read(file).toString('utf8'));
  }
  if (!files.size) throw new SourceError([`${options.dir}: none of ${GITHUB_FILES.join(', ')} is there`]);
  const repository = normalizeRepositoryKey(options.repository);
  const parsed = unwrap(parseGitHubExport(files, { service: options.service, repository, dir: options.dir }));
  return db.transaction().execute((trx) => storeEventBatch(trx, parsed, { mode: 'full', context: options.dir }));
}

/** `highbar ingest pagerduty FILE.json`: incidents, each of the service PagerDuty names. */
export async function ingestPagerDutyExport(db: Kysely<DB>, options: { file: string }): Promise<StoredCounts> {
  const incidents = unwrap(parsePagerDutyExport(read(options.file).toString('utf8'), options.file));
  return db.transaction().execute((trx) => storeEventBatch(trx, { incidents }, { mode: 'full', context: options.file }));
}

/** `highbar ingest amazon-q FILE.csv` and `highbar ingest copilot FILE.json`: AI-assistant daily usage. */
export async function ingestAiUsage(db: Kysely<DB>, options: { file: string; kind: 'amazon-q' | 'copilot' }): Promise<{ rows: number; days: number }> {
  const bytes = read(options.file);
  const rows = unwrap(options.kind === 'amazon-q' ? parseAmazonQCsv(bytes, options.file) : parseCopilotMetrics(bytes.toString('utf8'), options.file));
  await db.transaction().execute((trx) => upsertAiUsage(trx, rows));
  return { rows: rows.length, days: new Set(rows.map((r) => r.day)).size };
}

/**
 * `highbar ingest sli FILE.csv [--slos SLOS.json]`: SLI samples and, optionally, the SLO
 * definitions of their services (a definition of the same name is replaced).
 */
export async function ingestSli(db: Kysely<DB>, options: { file: string; slosFile?: string | null }): Promise<{ samples: number; slos: number; services: string[] }> {
  const samples = unwrap(parseSliCsv(read(options.file), options.file));
  const slos = options.slosFile ? unwrap(parseSloDefinitions(read(options.slosFile).toString('utf8'), options.slosFile)) : [];
  return db.transaction().execute(async (trx) => {
    const services = await ensureServices(trx, [...samples.map((s) => s.service), ...slos.map((s) => s.service)]);
    await upsertSliSamples(trx, samples.map((s) => ({ serviceId: services.get(s.service)!, metric: s.metric, at: s.at, value: s.value })));
    for (const slo of slos) {
      await trx
        .insertInto('slo_targets')
        .values({ org_id: ORG_ID, service_id: services.get(slo.service)!, name: slo.definition.name, definition: JSON.stringify(slo.definition) })
        .onConflict((oc) => oc.columns(['org_id', 'service_id', 'name']).doUpdateSet({ definition: JSON.stringify(slo.definition) }))
        .execute();
    }
    return { samples: samples.length, slos: slos.length, services: [...services.keys()].sort() };
  });
}
