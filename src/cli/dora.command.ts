import path from 'node:path';
import { DERIVED_TABLES, DoraPipeline, type DerivedTableName, type DeriveOptions } from '../metrics/dora/derive.ts';
import { renderDerivedRows, toCsv, toTextTable } from '../metrics/dora/derived-output.ts';
import { assembleFourKeys, devLakeFacts, type FourKeys } from '../metrics/dora/four-keys.rules.ts';
import { DORA_REPORTS, type DoraReportYear } from '../metrics/dora/benchmarks.rules.ts';
import { gitReleaseFacts } from '../metrics/dora/git-facts.ts';
import { MEDIAN_CONVENTIONS, type MedianConvention } from '../metrics/dora/median.rules.ts';
import { projectNames } from '../metrics/dora/project-scope.rules.ts';
import { loadDevLakeFolder, type LoadedFolder } from '../metrics/sources/devlake-folder.ts';
import { GitReadError, GitRepository } from '../metrics/sources/git-repository.ts';
import { parseDay } from '../metrics/timestamps.rules.ts';
import { parseCommandArgs } from './args.ts';
import { formatDoraReport } from './dora-report.text.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

// Options that change a derivation away from DevLake's behaviour (docs/metrics.md).
const DERIVE_OPTIONS = {
  'include-first-deployment': { type: 'boolean' },
  'incident-max-gap-minutes': { type: 'string' },
} as const;

/** `highbar dora derive --input DIR --project NAME --table T [--format csv|json]`: one derived DevLake table. */
export async function doraDeriveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    input: { type: 'string' },
    project: { type: 'string' },
    table: { type: 'string' },
    format: { type: 'string' },
    ...DERIVE_OPTIONS,
  });
  const input = required(values.input, '--input DIR');
  const project = required(values.project, '--project NAME');
  const table = oneOf(required(values.table, '--table T'), DERIVED_TABLES, '--table');
  const format = oneOf(values.format ?? 'text', ['text', 'csv', 'json'] as const, '--format');
  const options = deriveOptions(values);

  const folder = loadFolder(input, project, io);
  if (!folder) return EXIT.badInput;
  const rows = renderDerivedRows(table, deriveTable(new DoraPipeline(folder, project, options), table));
  if (format === 'json') io.stdout(`${JSON.stringify(rows)}\n`);
  else io.stdout(format === 'csv' ? toCsv(table, rows) : toTextTable(table, rows));
  return EXIT.ok;
}

/**
 * `highbar dora --input DIR --project NAME | --git REPO --release-tags GLOB, --from --to
 * [--report 2021|2023] [--format json]`: the four keys for a period.
 */
export async function doraCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    input: { type: 'string' },
    project: { type: 'string' },
    git: { type: 'string' },
    'release-tags': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    report: { type: 'string' },
    median: { type: 'string' },
    format: { type: 'string' },
    ...DERIVE_OPTIONS,
  });
  const fromText = required(values.from, '--from YYYY-MM-DD');
  const toText = required(values.to, '--to YYYY-MM-DD');
  const range = { from: day(fromText, '--from'), to: day(toText, '--to') };
  if (range.from > range.to) throw new UsageError(`--from ${fromText} is after --to ${toText}.`);
  const report = Number(oneOf(values.report ?? '2023', DORA_REPORTS.map(String), '--report')) as DoraReportYear;
  const medianConvention: MedianConvention = oneOf(values.median ?? 'lower', MEDIAN_CONVENTIONS, '--median');
  const format = oneOf(values.format ?? 'text', ['text', 'json'] as const, '--format');
  const options = { range, report, median: medianConvention };

  let project: string;
  let keys: FourKeys;
  if (values.git !== undefined) {
    if (values.input !== undefined) throw new UsageError('Give either --input DIR or --git REPO, not both.');
    const releaseTags = required(values['release-tags'], '--release-tags GLOB (with --git)');
    project = values.project ?? path.basename(path.resolve(values.git)).replace(/\.git$/u, '');
    try {
      const repo = await GitRepository.open(values.git);
      keys = assembleFourKeys(await gitReleaseFacts(repo, { releaseTags, range }), options);
    } catch (error) {
      if (!(error instanceof GitReadError)) throw error;
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
  } else {
    const input = required(values.input, '--input DIR or --git REPO');
    project = required(values.project, '--project NAME (with --input)');
    const folder = loadFolder(input, project, io);
    if (!folder) return EXIT.badInput;
    const tables = new DoraPipeline(folder, project, deriveOptions(values)).metricTables();
    keys = assembleFourKeys(devLakeFacts(tables, project, options), options);
  }

  const document = { project, from: fromText, to: toText, ...keys };
  const { medianDeployDaysPerSixMonths, ...deploymentFrequency } = keys.deploymentFrequency;
  if (format === 'json') io.stdout(`${JSON.stringify({ ...document, deploymentFrequency })}\n`);
  else io.stdout(formatDoraReport({ ...document, deploymentFrequency: { ...deploymentFrequency, medianDeployDaysPerSixMonths } }));
  return EXIT.ok;
}

function deriveTable(pipeline: DoraPipeline, table: DerivedTableName): object[] {
  switch (table) {
    case 'cicd_deployment_commits':
      return pipeline.deploymentCommits(true);
    case 'commits_diffs':
      return pipeline.commitsDiffs(false);
    case 'project_pr_metrics':
      return pipeline.projectPrMetrics();
    case 'project_incident_deployment_relationships':
      return pipeline.incidentDeploymentRelationships();
  }
}

/** Loads the folder, printing every problem; null when the input is refused. */
function loadFolder(input: string, project: string, io: CliIo): LoadedFolder | null {
  const loaded = loadDevLakeFolder(input);
  if (!loaded.ok) {
    io.stderr(`${loaded.problems.join('\n')}\n`);
    return null;
  }
  const known = projectNames(loaded.value.tables.project_mapping);
  if (!known.includes(project)) {
    io.stderr(`${path.join(input, 'project_mapping.csv')}: project ${JSON.stringify(project)} is not mapped (projects: ${known.join(', ') || 'none'})\n`);
    return null;
  }
  return loaded.value;
}

function deriveOptions(values: { 'include-first-deployment'?: boolean; 'incident-max-gap-minutes'?: string }): DeriveOptions {
  const gap = values['incident-max-gap-minutes'];
  if (gap !== undefined && !/^\d+$/u.test(gap)) throw new UsageError('--incident-max-gap-minutes takes a whole number of minutes.');
  return { includeFirstDeployment: values['include-first-deployment'] ?? false, incidentMaxGapMinutes: gap === undefined ? null : Number(gap) };
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new UsageError(`Missing ${what}. Run highbar --help for the usage.`);
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
  return value as T;
}

function day(text: string, flag: string): number {
  const ms = parseDay(text);
  if (ms === null) throw new UsageError(`${flag} ${JSON.stringify(text)} is not a date in the form YYYY-MM-DD.`);
  return ms;
}
