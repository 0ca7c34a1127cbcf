import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareClone, buildReleaseRepository } from '../../test/git-fixture.ts';
import { runHighbar } from '../../test/run-highbar.ts';

const ALPHA = fileURLToPath(new URL('../../test/fixtures/metrics/devlake-alpha/', import.meta.url));
const JANUARY = ['--from', '2024-01-01', '--to', '2024-01-31'];

const run = (args: string[]) => runHighbar(args);

const dirs: string[] = [];
let repo: { dir: string; remove: () => void };
beforeAll(() => {
  repo = buildReleaseRepository();
});
afterAll(() => {
  repo.remove();
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-dora-cli-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('highbar dora --input', () => {
  it('prints the contract document as JSON and nothing else', async () => {
    const { code, stdout, stderr } = await run(['dora', '--input', ALPHA, '--project', 'alpha', ...JANUARY, '--format', 'json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual({
      project: 'alpha',
      from: '2024-01-01',
      to: '2024-01-31',
      report: 2023,
      deploymentFrequency: { deployments: 3, deployDays: 3, medianDeployDaysPerWeek: 0, medianDeployDaysPerMonth: 3, level: 'medium' },
      leadTime: { changes: 3, medianMinutes: 1410, level: 'elite' },
      changeFailureRate: { deployments: 3, failedDeployments: 2, rate: 2 / 3, level: 'low' },
      recovery: { incidents: 2, medianMinutes: 210, level: 'high' },
    });
  });

  it('takes the 2021 report and the options that change a definition', async () => {
    const { stdout } = await run(['dora', '--input', ALPHA, '--project', 'alpha', ...JANUARY, '--report', '2021', '--median', 'upper', '--format', 'json']);
    expect(JSON.parse(stdout)).toMatchObject({ report: 2021, recovery: { medianMinutes: 1440, level: 'medium' } });
    const gap = await run(['dora', '--input', ALPHA, '--project', 'alpha', ...JANUARY, '--incident-max-gap-minutes', '120', '--format', 'json']);
    expect(JSON.parse(gap.stdout).changeFailureRate).toMatchObject({ failedDeployments: 1 });
  });

  it('prints a short report for people by default', async () => {
    const { code, stdout } = await run(['dora', '--input', ALPHA, '--project', 'alpha', ...JANUARY]);
    expect(code).toBe(0);
    expect(stdout).toContain('DORA for alpha, 2024-01-01 to 2024-01-31 (2023 benchmarks)');
    expect(stdout).toMatch(/Lead time for changes\s+median 23h 30m over 3 changes {2}\[elite\]/u);
    expect(stdout).toMatch(/Failed deployment recovery time\s+median 3h 30m over 2 incidents {2}\[high\]/u);
  });

  it('refuses bad input with every problem as FILE:LINE: column C: reason, exit 2, nothing on stdout', async () => {
    const dir = folderWith({
      'project_mapping.csv': 'project_name,table,row_id\np,cicd_scopes,ci1\n',
      'cicd_deployment_commits.csv':
        'id,commit_sha,cicd_scope_id,result,environment,repo_url,finished_date\nd1,a,ci1,SUCCESS,PROD,R,2024-01-01 10:00:00\nd2,b,ci1,SUCCESS,PRODUCTION,R,2024-01-32 10:00:00\n',
    });
    const { code, stdout, stderr } = await run(['dora', '--input', dir, '--project', 'p', ...JANUARY, '--format', 'json']);
    const file = path.join(dir, 'cicd_deployment_commits.csv');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr.trim().split('\n')).toEqual([
      `${file}:2: column environment: "PROD" is not one of PRODUCTION, STAGING, TESTING (or empty)`,
      `${file}:3: column finished_date: "2024-01-32 10:00:00" is not a timestamp (use YYYY-MM-DD HH:MM:SS or ISO 8601, UTC unless an offset is given)`,
    ]);
  });

  it.each([
    [['--project', 'alpha', ...JANUARY], /Missing --input DIR or --git REPO/u],
    [['--input', ALPHA, '--project', 'alpha', '--from', '2024-01-01'], /Missing --to/u],
    [['--input', ALPHA, '--project', 'alpha', '--from', '2024-02-01', '--to', '2024-01-01'], /is after --to/u],
    [['--input', ALPHA, '--project', 'alpha', '--from', '2024-1-1', '--to', '2024-01-31'], /not a date/u],
    [['--input', ALPHA, '--project', 'alpha', ...JANUARY, '--report', '2019'], /--report must be one of 2021, 2023/u],
    [['--input', ALPHA, '--project', 'gamma', ...JANUARY], /project "gamma" is not mapped \(projects: alpha, beta\)/u],
    [['--input', ALPHA, '--project', 'alpha', ...JANUARY, '--colour'], /Unknown option '--colour'/u],
    [['--input', ALPHA, '--git', '.', '--release-tags', 'v*', ...JANUARY], /either --input DIR or --git REPO/u],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const { code, stdout, stderr } = await run(['dora', ...args]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
  });
});

describe('highbar dora --git', () => {
  it('computes the document from release tags alone, in a working or a bare repository', async () => {
    const bare = bareClone(repo.dir);
    dirs.push(bare);
    for (const dir of [repo.dir, bare]) {
      const { code, stdout, stderr } = await run(['dora', '--git', dir, '--release-tags', 'v*', ...JANUARY, '--format', 'json']);
      expect([code, stderr]).toEqual([0, '']);
      expect(JSON.parse(stdout)).toEqual({
        project: path.basename(dir).replace(/\.git$/u, ''),
        from: '2024-01-01',
        to: '2024-01-31',
        report: 2023,
        deploymentFrequency: { deployments: 4, deployDays: 4, medianDeployDaysPerWeek: 0, medianDeployDaysPerMonth: 4, level: 'medium' },
        leadTime: { changes: 3, medianMinutes: 360, level: 'elite' },
        changeFailureRate: null,
        recovery: null,
      });
    }
  });

  it('refuses a path that is not a repository (exit 2) and needs --release-tags', async () => {
    const notRepo = folderWith({ 'readme.txt': 'hi' });
    const refused = await run(['dora', '--git', notRepo, '--release-tags', 'v*', ...JANUARY, '--format', 'json']);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toMatch(/not a git repository/u);
    expect((await run(['dora', '--git', repo.dir, ...JANUARY])).stderr).toMatch(/Missing --release-tags GLOB/u);
  });
});

describe('highbar dora derive', () => {
  it('prints a derived table as CSV with DevLake column names, timestamps in UTC and NULL as empty', async () => {
    const { code, stdout } = await run(['dora', 'derive', '--input', ALPHA, '--project', 'alpha', '--table', 'project_incident_deployment_relationships', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout).toBe('id,project_name,deployment_id\ninc-1,alpha,p4\ninc-2,alpha,p5\n');
    const deployments = await run(['dora', 'derive', '--input', ALPHA, '--project', 'alpha', '--table', 'cicd_deployment_commits', '--format', 'csv']);
    expect(deployments.stdout.split('\n')[4]).toBe(
      'p4:https://git.example/alpha,c5,ci-alpha,p4,deploy,SUCCESS,DONE,PRODUCTION,2024-01-03T14:59:00.000+00:00,2024-01-03T14:59:00.000+00:00,' +
        '2024-01-03T15:00:00.000+00:00,60,main,repo-alpha,https://git.example/alpha,p2:https://git.example/alpha',
    );
  });

  it('prints JSON rows and a text table, and refuses an unknown table', async () => {
    const json = await run(['dora', 'derive', '--input', ALPHA, '--project', 'alpha', '--table', 'commits_diffs', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toContainEqual({ new_commit_sha: 'c5', old_commit_sha: 'c3', commit_sha: 'c4', sorting_index: 2 });
    const text = await run(['dora', 'derive', '--input', ALPHA, '--project', 'alpha', '--table', 'commits_diffs']);
    expect(text.stdout).toMatch(/^new_commit_sha {2}old_commit_sha {2}commit_sha {2}sorting_index\n/u);
    expect(text.stdout).toContain('10 rows of commits_diffs');
    const unknown = await run(['dora', 'derive', '--input', ALPHA, '--project', 'alpha', '--table', 'deployments']);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toMatch(/--table must be one of cicd_deployment_commits, commits_diffs/u);
  });
});
