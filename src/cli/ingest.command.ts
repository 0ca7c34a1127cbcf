import { ingestDevLakeFolder } from '../metrics/ingest-devlake.service.ts';
import { ingestAiUsage, ingestGitHubExport, ingestPagerDutyExport, ingestSli } from '../metrics/ingest-files.service.ts';
import { ingestGitRepository } from '../metrics/ingest-git.service.ts';
import { ingestGitHubAlerts, ingestOncallPages, ingestOncallShifts, ingestOperationalItems } from '../metrics/ingest-operations.service.ts';
import { SourceError } from '../metrics/sources/source-problems.ts';
import { ingestTeamMappings } from '../metrics/team-mapping.service.ts';
import { createWebhookSource, MAX_GRACE_HOURS } from '../metrics/webhook.service.ts';
import type { Database } from '../db/database.ts';
import { parseCommandArgs } from './args.ts';
import { DATABASE_OPTIONS, openMigratedDatabase } from './database-options.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

type Options = NonNullable<Parameters<typeof parseCommandArgs>[1]>;

/**
 * Runs one ingestion against the configured database: one positional input, the command's
 * options, `--format json` for a machine-readable summary. Bad input prints every problem
 * (`FILE:LINE:COLUMN: reason`) and exits 2 with nothing stored.
 */
async function runIngest<T extends Options>(
  args: string[],
  io: CliIo,
  spec: { usage: string; options: T; positional: boolean },
  run: (database: Database, input: string, values: Record<string, string | boolean | undefined>) => Promise<object>,
  describe: (summary: Record<string, unknown>) => string,
): Promise<number> {
  const parsed = parseCommandArgs(args, { ...DATABASE_OPTIONS, format: { type: 'string' }, ...spec.options }, spec.positional);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  if (spec.positional && positionals.length !== 1) throw new UsageError(`Usage: ${spec.usage}`);
  const input = positionals[0] ?? '';
  const database = await openMigratedDatabase(io.env, typeof values.data === 'string' ? values.data : undefined);
  try {
    const summary = (await run(database, input, values)) as Record<string, unknown>;
    io.stdout(values.format === 'json' ? `${JSON.stringify(summary)}\n` : `${describe(summary)}\n`);
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

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`Missing ${flag}. Run highbar --help for the usage.`);
  return value;
}

const events = (s: Record<string, unknown>) =>
  `Stored ${s.deployments} deployments, ${s.incidents} incidents and ${s.pullRequests} pull requests; metrics recomputed for ${(s.services as string[]).join(', ') || 'no service'}.`;

/** `highbar ingest git PATH --service NAME [--release-tags GLOB] [--repository KEY]` */
export const ingestGitCommand = (args: string[], io: CliIo) =>
  runIngest(
    args,
    io,
    { usage: 'highbar ingest git PATH --service NAME [--release-tags GLOB] [--repository KEY]', positional: true, options: { service: { type: 'string' }, 'release-tags': { type: 'string' }, repository: { type: 'string' } } },
    (database, dir, v) => ingestGitRepository(database.db, { dir, service: required(v.service, '--service NAME'), releaseTags: (v['release-tags'] as string | undefined) ?? null, repository: (v.repository as string | undefined) ?? null, embedded: database.pglite !== null }),
    (s) => `Ingested ${s.commits} new commits of ${s.repository} for ${s.service}${s.releases ? `; ${s.releases} release tags are its production deployments` : ''}.`,
  );

/** `highbar ingest devlake DIR` */
export const ingestDevLakeCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest devlake DIR', positional: true, options: {} }, (database, dir) => ingestDevLakeFolder(database.db, { dir }), (s) => `${events(s)} ${s.commits} commits, ${s.pipelines} pipelines.`);

/** `highbar ingest github DIR --service NAME --repository OWNER/NAME` */
export const ingestGitHubCommand = (args: string[], io: CliIo) =>
  runIngest(
    args,
    io,
    { usage: 'highbar ingest github DIR --service NAME --repository OWNER/NAME', positional: true, options: { service: { type: 'string' }, repository: { type: 'string' } } },
    (database, dir, v) => ingestGitHubExport(database.db, { dir, service: required(v.service, '--service NAME'), repository: required(v.repository, '--repository OWNER/NAME') }),
    events,
  );

/** `highbar ingest pagerduty FILE.json` */
export const ingestPagerDutyCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest pagerduty FILE.json', positional: true, options: {} }, (database, file) => ingestPagerDutyExport(database.db, { file }), events);

/** `highbar ingest amazon-q FILE.csv` */
export const ingestAmazonQCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest amazon-q FILE.csv', positional: true, options: {} }, (database, file) => ingestAiUsage(database.db, { file, kind: 'amazon-q' }), (s) => `Stored ${s.rows} daily rows over ${s.days} days.`);

/** `highbar ingest copilot FILE.json` */
export const ingestCopilotCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest copilot FILE.json', positional: true, options: {} }, (database, file) => ingestAiUsage(database.db, { file, kind: 'copilot' }), (s) => `Stored ${s.rows} daily rows over ${s.days} days.`);

/** `highbar ingest sli FILE.csv [--slos SLOS.json]` */
export const ingestSliCommand = (args: string[], io: CliIo) =>
  runIngest(
    args,
    io,
    { usage: 'highbar ingest sli FILE.csv [--slos SLOS.json]', positional: true, options: { slos: { type: 'string' } } },
    (database, file, v) => ingestSli(database.db, { file, slosFile: (v.slos as string | undefined) ?? null }),
    (s) => `Stored ${s.samples} SLI samples and ${s.slos} SLO definitions for ${(s.services as string[]).join(', ')}.`,
  );

/** `highbar ingest teams FILE.csv` */
export const ingestTeamsCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest teams FILE.csv', positional: true, options: {} }, (database, file) => ingestTeamMappings(database.db, { file }), (s) => `Mapped ${s.teams} teams to ${s.services} services and ${s.repositories} repositories.`);

const items = (s: Record<string, unknown>) =>
  `Stored ${s.items} operational items (${s.vulnerabilities} vulnerabilities, ${s.tickets} tickets; ${s.open} open) for ${(s.services as string[]).join(', ') || 'no service'}.`;
const skipped = (s: Record<string, unknown>) => (s.skipped ? `; skipped ${s.skipped} entries that are not ${'shifts' in s ? 'timed shifts' : 'pages'}` : '');

/** `highbar ingest operations FILE.csv` */
export const ingestOperationsCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest operations FILE.csv', positional: true, options: {} }, (database, file) => ingestOperationalItems(database.db, { file }), items);

/** `highbar ingest github-alerts FILE.json --service NAME` */
export const ingestGitHubAlertsCommand = (args: string[], io: CliIo) =>
  runIngest(
    args,
    io,
    { usage: 'highbar ingest github-alerts FILE.json --service NAME', positional: true, options: { service: { type: 'string' } } },
    (database, file, v) => ingestGitHubAlerts(database.db, { file, service: required(v.service, '--service NAME') }),
    items,
  );

/** `highbar ingest oncall-shifts FILE.csv|FILE.json` */
export const ingestOncallShiftsCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest oncall-shifts FILE.csv|FILE.json', positional: true, options: {} }, (database, file) => ingestOncallShifts(database.db, { file }), (s) => `Stored ${s.shifts} on-call shifts of ${s.people} people${skipped(s)}.`);

/** `highbar ingest oncall-pages FILE.csv|FILE.json` */
export const ingestOncallPagesCommand = (args: string[], io: CliIo) =>
  runIngest(args, io, { usage: 'highbar ingest oncall-pages FILE.csv|FILE.json', positional: true, options: {} }, (database, file) => ingestOncallPages(database.db, { file }), (s) => `Stored ${s.pages} pages to ${s.people} people${skipped(s)}.`);

/**
 * `highbar webhook-secret --source NAME [--grace-hours H]`: creates a webhook source, or rotates
 * its secret; the old secret keeps working for H hours (default 24, 0 = at once). Audited.
 */
export const webhookSecretCommand = (args: string[], io: CliIo) =>
  runIngest(
    args,
    io,
    { usage: 'highbar webhook-secret --source NAME [--grace-hours H]', positional: false, options: { source: { type: 'string' }, 'grace-hours': { type: 'string' } } },
    (database, _input, v) => createWebhookSource(database.db, { name: required(v.source, '--source NAME'), mode: 'upsert', graceHours: graceHours(v['grace-hours']), now: new Date() }),
    (s) =>
      `Webhook source ${s.name}: POST /api/metrics/webhooks/${s.name}, signed with this secret (shown once):\n${s.secret}${s.previousValidUntil ? `\nThe previous secret keeps working until ${s.previousValidUntil}.` : ''}`,
  );

function graceHours(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,3}$/u.test(value) || Number(value) > MAX_GRACE_HOURS) throw new UsageError(`--grace-hours takes 0 to ${MAX_GRACE_HOURS} whole hours.`);
  return Number(value);
}

/** `highbar ingest SOURCE`, by source. */
export const INGEST_COMMANDS = {
  git: ingestGitCommand,
  devlake: ingestDevLakeCommand,
  github: ingestGitHubCommand,
  pagerduty: ingestPagerDutyCommand,
  'amazon-q': ingestAmazonQCommand,
  copilot: ingestCopilotCommand,
  sli: ingestSliCommand,
  teams: ingestTeamsCommand,
  operations: ingestOperationsCommand,
  'github-alerts': ingestGitHubAlertsCommand,
  'oncall-shifts': ingestOncallShiftsCommand,
  'oncall-pages': ingestOncallPagesCommand,
};
