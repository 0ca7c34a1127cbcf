import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import type { CliIo } from '../cli/io.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { buildReleaseRepository } from '../../test/git-fixture.ts';

/**
 * `highbar ingest ...` as an operator runs it: an embedded data folder on the pglite run, a
 * database on the PostgreSQL server (DATABASE_URL) on the postgres run.
 */
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/metrics/', import.meta.url));
let dir: string;
let env: NodeJS.ProcessEnv;
let serverDatabase: Database | null = null;
let repo: { dir: string; remove: () => void };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-ingest-cli-'));
  env = { NODE_ENV: 'test' };
  if (process.env.HIGHBAR_TEST_DB === 'postgres') {
    serverDatabase = await openTestDatabase();
    env.DATABASE_URL = (serverDatabase.target as { url: string }).url;
  }
  repo = buildReleaseRepository();
});
afterAll(async () => {
  repo.remove();
  await serverDatabase?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '', env };
  const code = await main([...args, ...(env.DATABASE_URL ? [] : ['--data', path.join(dir, 'data')])], io);
  return { code, stdout, stderr };
}

describe('highbar ingest', () => {
  it('ingests a repository with release tags, then finds nothing new', async () => {
    const first = await run(['ingest', 'git', repo.dir, '--service', 'releases', '--release-tags', 'v*', '--format', 'json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ commits: 5, releases: 4, service: 'releases' });
    const again = await run(['ingest', 'git', repo.dir, '--service', 'releases']);
    expect(again.stdout).toBe(`Ingested 0 new commits of ${repo.dir} for releases.\n`);
  });

  it('ingests each kind of file and prints a summary', async () => {
    expect((await run(['ingest', 'devlake', path.join(FIXTURES, 'devlake-alpha')])).stdout).toMatch(/^Stored 6 deployments, 3 incidents and 4 pull requests; metrics recomputed for alpha, beta\. 6 commits, 6 pipelines\.\n$/u);
    expect((await run(['ingest', 'pagerduty', path.join(FIXTURES, 'pagerduty-incidents.json')])).code).toBe(0);
    expect((await run(['ingest', 'amazon-q', path.join(FIXTURES, 'amazon-q-activity.csv')])).stdout).toBe('Stored 3 daily rows over 2 days.\n');
    expect((await run(['ingest', 'sli', path.join(FIXTURES, 'sli-samples.csv'), '--slos', path.join(FIXTURES, 'slo-definitions.json')])).stdout).toBe('Stored 5 SLI samples and 2 SLO definitions for shop.\n');
    const secret = await run(['webhook-secret', '--source', 'ci', '--format', 'json']);
    expect(JSON.parse(secret.stdout).secret).toMatch(/^whsec_[\w-]{43}$/u);
  });

  it('ingests operational items and on-call files, rotates a webhook secret with a grace period, and lists identities', async () => {
    const items = await run(['ingest', 'operations', path.join(FIXTURES, 'operational-items.csv')]);
    expect(items.stdout).toBe('Stored 4 operational items (2 vulnerabilities, 2 tickets; 2 open) for search, shop.\n');
    expect((await run(['ingest', 'github-alerts', path.join(FIXTURES, 'github-dependabot-alerts.json'), '--service', 'shop', '--format', 'json'])).stdout).toBe('{"items":2,"vulnerabilities":2,"tickets":0,"open":1,"services":["shop"]}\n');
    expect((await run(['ingest', 'github-alerts', path.join(FIXTURES, 'github-dependabot-alerts.json')])).stderr).toMatch(/Missing --service NAME/u);
    expect((await run(['ingest', 'oncall-shifts', path.join(FIXTURES, 'pagerduty-oncalls.json')])).stdout).toBe('Stored 2 on-call shifts of 2 people; skipped 1 entries that are not timed shifts.\n');
    expect((await run(['ingest', 'oncall-pages', path.join(FIXTURES, 'oncall-pages.csv')])).stdout).toBe('Stored 2 pages to 2 people.\n');
    const unmapped = await run(['identities', 'list', '--unmapped', '--format', 'json']);
    expect(JSON.parse(unmapped.stdout).identities.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`)).toEqual(expect.arrayContaining(['email:ada@example.test', 'pagerduty:pu2']));
    const created = await run(['webhook-secret', '--source', 'deploys']);
    expect(created.stdout).not.toMatch(/previous secret/u);
    const rotated = await run(['webhook-secret', '--source', 'deploys', '--grace-hours', '6']);
    expect(rotated.stdout).toMatch(/^Webhook source deploys: .*\nwhsec_[\w-]{43}\nThe previous secret keeps working until \d{4}-\d{2}-\d{2}T/u);
    expect((await run(['webhook-secret', '--source', 'deploys', '--grace-hours', '500'])).stderr).toBe('--grace-hours takes 0 to 168 whole hours.\n');
  });

  it('prints every problem with its place and exits 2, storing nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'timestamp,service,metric,value\n2024-13-01T00:00:00Z,shop,m,1\n2024-03-01T00:00:00Z,shop,m,x\n');
    const bad = await run(['ingest', 'sli', file]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      `${file}:2: column timestamp: "2024-13-01T00:00:00Z" is not a timestamp (use ISO 8601 or YYYY-MM-DD HH:MM:SS)\n${file}:3: column value: "x" is not a number\nNothing was stored.\n`,
    );
    expect((await run(['ingest', 'git', path.join(dir, 'nowhere'), '--service', 's'])).code).toBe(2);
    expect((await run(['ingest', 'git', repo.dir])).stderr).toMatch(/Missing --service NAME/u);
  });
});
