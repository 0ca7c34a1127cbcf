import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { runHighbar } from '../run-highbar.ts';
import { calculateChangeLeadTime } from '../../src/metrics/dora/change-lead-time.rules.ts';
import { calculateDeploymentCommitsDiffs } from '../../src/metrics/dora/commits-diffs.rules.ts';
import { generateDeploymentCommits } from '../../src/metrics/dora/deployment-commits.rules.ts';
import type { DerivedTableName } from '../../src/metrics/dora/derive.ts';
import { renderDerivedRows } from '../../src/metrics/dora/derived-output.ts';
import { connectIncidentsToDeployments } from '../../src/metrics/dora/incident-deployments.rules.ts';
import { enrichPrevSuccessDeploymentCommits } from '../../src/metrics/dora/prev-success.rules.ts';
import { parseDevLakeCsv } from '../../src/metrics/sources/devlake-csv.ts';
import { emptyTables, tableSpec, type DevLakeTables, type TableName } from '../../src/metrics/sources/devlake-tables.ts';

/**
 * Apache DevLake's DORA e2e fixtures (../shared/conformance/devlake-dora, SOURCE.md), read where
 * they are and compared the way DevLake's data-flow tester does: rows matched by primary key,
 * only the compared fields, and exactly as many rows as expected. Each fixture runs twice:
 * through the pure derivations and through `highbar dora derive` (main() with buffers), whose
 * input folder is a temporary folder of links named after the tables.
 */
const ROOT = fileURLToPath(new URL('../../../shared/conformance/devlake-dora/', import.meta.url));

interface Fixture {
  /** Folder under ROOT, as named in SOURCE.md. */
  folder: string;
  section: string;
  /** Table name -> CSV path relative to the folder. */
  inputs: Partial<Record<TableName, string>>;
  table: DerivedTableName;
  expected: string;
  primaryKey: string[];
  /** Compared fields; every column of the expected file when absent. */
  fields?: string[];
  derive: (tables: DevLakeTables) => object[];
}

const PROJECT = 'project1';

const FIXTURES: Fixture[] = [
  {
    section: '1 generateDeploymentCommits',
    folder: 'e2e/deployment_generator',
    inputs: {
      project_mapping: 'project_mapping.csv',
      cicd_pipeline_commits: 'cicd_pipeline_commits.csv',
      cicd_pipelines: 'cicd_pipelines.csv',
      cicd_tasks: 'cicd_tasks.csv',
    },
    table: 'cicd_deployment_commits',
    expected: 'cicd_deployment_commits.csv',
    primaryKey: ['id', 'commit_sha'],
    fields: ['id', 'cicd_scope_id', 'cicd_deployment_id', 'result', 'repo_url', 'environment', 'started_date', 'finished_date'],
    derive: (t) => enrichPrevSuccessDeploymentCommits(generateDeploymentCommits(t, PROJECT), t.project_mapping, PROJECT),
  },
  {
    section: '2 enrichPrevSuccessDeploymentCommits',
    folder: 'e2e/prev_success_deployment_commit',
    inputs: { project_mapping: 'project_mapping.csv', cicd_deployment_commits: 'cicd_deployment_commits_before.csv' },
    table: 'cicd_deployment_commits',
    expected: 'cicd_deployment_commits_after.csv',
    primaryKey: ['id', 'commit_sha'],
    derive: (t) => enrichPrevSuccessDeploymentCommits(t.cicd_deployment_commits, t.project_mapping, PROJECT),
  },
  {
    section: '3 calculateChangeLeadTime',
    folder: 'e2e/change_lead_time',
    inputs: {
      project_mapping: 'project_mapping.csv',
      repos: 'repos.csv',
      cicd_scopes: 'cicd_scopes.csv',
      pull_requests: 'pull_requests.csv',
      pull_request_commits: 'pull_request_commits.csv',
      pull_request_comments: 'pull_request_comments.csv',
      cicd_deployment_commits: 'cicd_deployment_commits.csv',
      commits_diffs: 'commits_diffs.csv',
    },
    table: 'project_pr_metrics',
    expected: 'project_pr_metrics.csv',
    primaryKey: ['id', 'project_name'],
    derive: (t) => calculateChangeLeadTime(t, PROJECT),
  },
  {
    section: '4 ConnectIncidentToDeployment',
    folder: 'e2e/connect_incident_to_deployment',
    inputs: {
      cicd_deployment_commits: 'prev_success_deployment_commit/cicd_deployment_commits_after.csv',
      project_mapping: 'raw_tables/project_mapping.csv',
      incidents: 'raw_tables/incidents.csv',
    },
    table: 'project_incident_deployment_relationships',
    expected: 'snapshot_tables/project_incident_deployment_relationships.csv',
    primaryKey: ['id', 'project_name'],
    derive: (t) => connectIncidentsToDeployments(t, PROJECT),
  },
  {
    section: '6 calculateDeploymentCommitsDiff (commits_diffs)',
    folder: 'refdiff-e2e/deployment_commit_diff',
    inputs: {
      project_mapping: 'project_mapping.csv',
      repo_commits: 'repo_commits.csv',
      commit_parents: 'commit_parents.csv',
      cicd_deployment_commits: 'cicd_deployment_commits.csv',
    },
    table: 'commits_diffs',
    expected: 'commits_diffs.csv',
    primaryKey: ['new_commit_sha', 'old_commit_sha', 'commit_sha'],
    derive: (t) => calculateDeploymentCommitsDiffs(t, PROJECT).diffs,
  },
];

/** Folders SOURCE.md section 5 lists as legacy data with no golden output at this snapshot. */
const LEGACY_FOLDERS = ['e2e/raw_tables', 'e2e/snapshot_tables'];

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('DevLake DORA conformance', () => {
  it('covers every fixture folder (sections 1-4 and 6) and knows the legacy ones', () => {
    const folders = csvFolders(ROOT).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    const covered = (f: string) =>
      FIXTURES.some((x) => f === x.folder || f.startsWith(`${x.folder}/`)) || LEGACY_FOLDERS.includes(f);
    expect(folders.filter((f) => !covered(f))).toEqual([]);
    expect(folders.length).toBeGreaterThan(0);
  });

  for (const fixture of FIXTURES) {
    const expected = readCsv(path.join(ROOT, fixture.folder, fixture.expected));
    const fields = fixture.fields ?? Object.keys(expected[0] ?? {});
    describe(`section ${fixture.section}: ${fixture.folder} (${expected.length} expected rows)`, () => {
      it('the pure derivation reproduces every expected row', () => {
        const actual = renderDerivedRows(fixture.table, fixture.derive(loadInputs(fixture)));
        expect(mismatches(actual, expected, fixture.primaryKey, fields)).toEqual([]);
      });

      it('`highbar dora derive` reproduces every expected row', async () => {
        const { code, stdout, stderr } = await runCli(['dora', 'derive', '--input', linkInputs(fixture), '--project', PROJECT, '--table', fixture.table, '--format', 'json']);
        expect(code, stderr).toBe(0);
        expect(mismatches(JSON.parse(stdout) as Record<string, unknown>[], expected, fixture.primaryKey, fields)).toEqual([]);
      });
    });
  }

  it('section 6: each (new, old) pair is recorded as finished (_tool_refdiff_finished_commits_diffs)', () => {
    const fixture = FIXTURES.find((f) => f.table === 'commits_diffs')!;
    const expected = readCsv(path.join(ROOT, fixture.folder, '_tool_refdiff_finished_commits_diffs.csv'));
    const { finished } = calculateDeploymentCommitsDiffs(loadInputs(fixture), PROJECT);
    expect(expected.length).toBe(3);
    expect(mismatches(finished, expected, ['new_commit_sha', 'old_commit_sha'], ['new_commit_sha', 'old_commit_sha'])).toEqual([]);
  });

  it("the dashboard's lead time over section 3's inputs uses DevLake's expected pr_cycle_time values", async () => {
    const fixture = FIXTURES.find((f) => f.table === 'project_pr_metrics')!;
    const expected = readCsv(path.join(ROOT, fixture.folder, fixture.expected));
    // The deployments that shipped PRs finished on 2023-04-13; the dashboard takes the lower
    // median of the cycle times of the PRs they deployed.
    const deployed = expected.filter((r) => r.deployment_commit_id !== '').map((r) => Number(r.pr_cycle_time)).sort((a, b) => a - b);
    const { code, stdout, stderr } = await runCli(['dora', '--input', linkInputs(fixture), '--project', PROJECT, '--from', '2023-04-13', '--to', '2023-04-13', '--format', 'json']);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(deployed).toEqual([1598, 4478, 10203]);
    // 4478 minutes is over a day and under a week: high in the 2023 report.
    expect(report.leadTime).toEqual({ changes: 3, medianMinutes: deployed[1], level: 'high' });
  });
});

function loadInputs(fixture: Fixture): DevLakeTables {
  const tables = emptyTables();
  for (const [name, file] of Object.entries(fixture.inputs) as [TableName, string][]) {
    const parsed = parseDevLakeCsv(fs.readFileSync(path.join(ROOT, fixture.folder, file)), tableSpec(name));
    if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
    (tables as unknown as Record<string, unknown>)[name] = parsed.rows;
  }
  return tables;
}

/** A temporary input folder whose NAME.csv entries link to the fixture files (nothing copied). */
function linkInputs(fixture: Fixture): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-devlake-'));
  tempDirs.push(dir);
  for (const [name, file] of Object.entries(fixture.inputs)) fs.symlinkSync(path.join(ROOT, fixture.folder, file), path.join(dir, `${name}.csv`));
  return dir;
}

const runCli = (args: string[]) => runHighbar(args);

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

/** The harness's comparison: NULL renders as '', rows pair up by primary key, counts must match. */
function mismatches(actualRows: readonly object[], expected: readonly Record<string, string>[], primaryKey: string[], fields: string[]): string[] {
  const asText = (row: object) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])) as Record<string, string>;
  const actual = actualRows.map(asText);
  const key = (r: Record<string, string>) => JSON.stringify(primaryKey.map((k) => r[k] ?? ''));
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`row count: ${actual.length} actual, ${expected.length} expected`);
  const byKey = new Map(actual.map((r) => [key(r), r]));
  for (const e of expected) {
    const a = byKey.get(key(e));
    if (!a) {
      problems.push(`missing row ${key(e)}`);
      continue;
    }
    for (const f of fields) if ((a[f] ?? '') !== (e[f] ?? '')) problems.push(`${key(e)} ${f}: ${JSON.stringify(a[f] ?? '')} != expected ${JSON.stringify(e[f])}`);
  }
  return problems;
}

function csvFolders(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name.endsWith('.csv')) ? [dir] : [];
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => csvFolders(path.join(dir, e.name)))];
}
