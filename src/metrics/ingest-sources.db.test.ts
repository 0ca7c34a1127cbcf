import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildPerson } from '../../test/factories.ts';
import { buildReleaseRepository } from '../../test/git-fixture.ts';
import { computeFourKeys } from './dora.service.ts';
import { ingestAiUsage, ingestGitHubExport, ingestPagerDutyExport, ingestSli } from './ingest-files.service.ts';
import { countRepositoryCommits, ingestGitRepository } from './ingest-git.service.ts';
import { SourceError } from './sources/source-problems.ts';
import { ingestTeamMappings } from './team-mapping.service.ts';
import { parseDay } from './timestamps.rules.ts';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/metrics/', import.meta.url));
let database: Database;
let repo: { dir: string; remove: () => void };

beforeAll(async () => {
  database = await openTestDatabase();
  repo = buildReleaseRepository();
});
afterAll(async () => {
  repo.remove();
  await database.close();
});

const count = async (table: 'deployments' | 'incidents' | 'pull_requests' | 'commits' | 'ai_usage_daily' | 'sli_samples' | 'slo_targets' | 'pr_deployments') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('ingest git', () => {
  it('stores commits with line counts and release tags as deployments; the four keys follow', async () => {
    const summary = await ingestGitRepository(database.db, { dir: repo.dir, service: 'releases', releaseTags: 'v*', repository: 'github.com/acme/releases' });
    expect(summary).toEqual({ repository: 'github.com/acme/releases', service: 'releases', commits: 5, releases: 4 });
    const commit = await database.db.selectFrom('commits').selectAll().where('subject', '=', 'c4').executeTakeFirstOrThrow();
    expect(commit).toMatchObject({ author_email: 'dev@example.test', additions: 1, deletions: 0, files_changed: 1 });
    const service = await database.db.selectFrom('services').select('id').where('name', '=', 'releases').executeTakeFirstOrThrow();
    const keys = await computeFourKeys(database.db, { serviceIds: [service.id], range: { from: parseDay('2024-01-01')!, to: parseDay('2024-01-31')! }, report: 2023, median: 'lower' });
    expect(keys.deploymentFrequency).toMatchObject({ deployments: 4, deployDays: 4 });
  });

  it('reads only new commits on a re-run, and changes nothing when there are none', async () => {
    expect((await ingestGitRepository(database.db, { dir: repo.dir, service: 'releases', releaseTags: 'v*', repository: 'github.com/acme/releases' })).commits).toBe(0);
    const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.test', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.test' };
    fs.writeFileSync(path.join(repo.dir, 'c6.txt'), 'one\ntwo\n');
    execFileSync('git', ['add', '.'], { cwd: repo.dir, env });
    execFileSync('git', ['commit', '-q', '-m', 'c6'], { cwd: repo.dir, env });
    expect((await ingestGitRepository(database.db, { dir: repo.dir, service: 'releases', repository: 'github.com/acme/releases' })).commits).toBe(1);
    expect(await countRepositoryCommits(database.db, 'github.com/acme/releases')).toBe(6);
    expect(await count('deployments')).toBe(4);
  });

  it('refuses a folder that is not a repository', async () => {
    await expect(ingestGitRepository(database.db, { dir: path.join(repo.dir, 'missing'), service: 'x' })).rejects.toThrow(/not a git repository/u);
  });
});

describe('ingest files', () => {
  it('stores a GitHub export once, with lead times from its deployments and reviews', async () => {
    const options = { dir: path.join(FIXTURES, 'github-shop'), service: 'shop', repository: 'acme/shop' };
    expect(await ingestGitHubExport(database.db, options)).toEqual({ deployments: 4, incidents: 0, pullRequests: 2, services: ['shop'] });
    const before = [await count('deployments'), await count('pull_requests'), await count('pr_deployments')];
    await ingestGitHubExport(database.db, options);
    expect([await count('deployments'), await count('pull_requests'), await count('pr_deployments')]).toEqual(before);
    // PR 41 merged 2222.. on 03-05 08:30; deployment 102 (after 101) shipped it at 09:00.
    const lead = await database.db.selectFrom('pr_deployments').selectAll().executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ coding_minutes: 1080, pickup_minutes: 120, review_minutes: 1290, deploy_minutes: 30 });
  });

  it('stores PagerDuty incidents of their services once', async () => {
    const file = path.join(FIXTURES, 'pagerduty-incidents.json');
    expect((await ingestPagerDutyExport(database.db, { file })).services).toEqual(['search', 'shop']);
    await ingestPagerDutyExport(database.db, { file });
    expect(await count('incidents')).toBe(3);
    // PD1 (03-05 09:30) is blamed on deployment 102 (finished 09:00), PD3 (03-07) on release v1.0.0
    // (03-06); PD2 is the search service's, which has no deployments.
    const linked = await database.db.selectFrom('incidents as i').innerJoin('deployments as d', 'd.id', 'i.deployment_id').select(['i.external_id', 'd.external_id as deployment']).orderBy('i.external_id').execute();
    expect(linked).toEqual([
      { external_id: 'PD1', deployment: 'github.com/acme/shop#deployment/102' },
      { external_id: 'PD3', deployment: 'github.com/acme/shop#release/1' },
    ]);
  });

  it('stores AI usage and SLIs once per day and sample', async () => {
    await ingestAiUsage(database.db, { file: path.join(FIXTURES, 'amazon-q-activity.csv'), kind: 'amazon-q' });
    await ingestAiUsage(database.db, { file: path.join(FIXTURES, 'amazon-q-activity.csv'), kind: 'amazon-q' });
    await ingestAiUsage(database.db, { file: path.join(FIXTURES, 'copilot-metrics.json'), kind: 'copilot' });
    expect(await count('ai_usage_daily')).toBe(5);
    const sli = { file: path.join(FIXTURES, 'sli-samples.csv'), slosFile: path.join(FIXTURES, 'slo-definitions.json') };
    expect(await ingestSli(database.db, sli)).toEqual({ samples: 5, slos: 2, services: ['shop'] });
    await ingestSli(database.db, sli);
    expect([await count('sli_samples'), await count('slo_targets')]).toEqual([5, 2]);
  });

  it('maps teams to services and repositories, refusing an unknown team with its line', async () => {
    await buildPerson(database.db, { team: 'Checkout' });
    await buildPerson(database.db, { team: 'Search' });
    expect(await ingestTeamMappings(database.db, { file: path.join(FIXTURES, 'team-mapping.csv') })).toEqual({ teams: 2, services: 3, repositories: 2 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-mapping-'));
    try {
      const file = path.join(dir, 'teams.csv');
      fs.writeFileSync(file, 'team,service,repository\nCheckout,shop,\nNobody,shop,\n');
      await expect(ingestTeamMappings(database.db, { file })).rejects.toThrow(`${file}:3: column team: "Nobody" is not a team of the directory`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores nothing of a batch with one bad record', async () => {
    const before = await count('incidents');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-pd-'));
    try {
      const file = path.join(dir, 'pd.json');
      fs.writeFileSync(file, JSON.stringify([{ id: 'OK', status: 'resolved', created_at: '2024-03-01T00:00:00Z', service: { summary: 'shop' } }, { id: 'BAD', status: 'resolved', created_at: 'soon', service: { summary: 'shop' } }]));
      const error = await ingestPagerDutyExport(database.db, { file }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).problems[0]).toMatch(/pd\.json:1:\d+: \$\[1\]\.created_at: is not an ISO 8601 timestamp/u);
      expect(await count('incidents')).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
