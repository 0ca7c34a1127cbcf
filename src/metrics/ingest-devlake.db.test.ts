import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { DORA_REPORTS } from './dora/benchmarks.rules.ts';
import { DoraPipeline } from './dora/derive.ts';
import { assembleFourKeys, devLakeFacts } from './dora/four-keys.rules.ts';
import { MEDIAN_CONVENTIONS } from './dora/median.rules.ts';
import { computeFourKeys } from './dora.service.ts';
import { ingestDevLakeFolder } from './ingest-devlake.service.ts';
import { loadDevLakeFolder } from './sources/devlake-folder.ts';
import { SourceError } from './sources/source-problems.ts';
import { parseDay } from './timestamps.rules.ts';

const ALPHA = fileURLToPath(new URL('../../test/fixtures/metrics/devlake-alpha/', import.meta.url));

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function counts() {
  const db = database.db;
  const count = async (table: 'deployments' | 'deployment_commits' | 'incidents' | 'pull_requests' | 'commit_graph' | 'pr_deployments' | 'deployment_diffs' | 'pipelines') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    deployments: await count('deployments'),
    deploymentCommits: await count('deployment_commits'),
    incidents: await count('incidents'),
    pullRequests: await count('pull_requests'),
    commits: await count('commit_graph'),
    prDeployments: await count('pr_deployments'),
    diffs: await count('deployment_diffs'),
    pipelines: await count('pipelines'),
  };
}

describe('ingest devlake', () => {
  it('stores the folder, and a second run changes nothing', async () => {
    const first = await ingestDevLakeFolder(database.db, { dir: ALPHA });
    expect(first).toMatchObject({ deployments: 6, incidents: 3, pullRequests: 4, commits: 6, services: ['alpha', 'beta'] });
    const after = await counts();
    await ingestDevLakeFolder(database.db, { dir: ALPHA });
    expect(await counts()).toEqual(after);
    // Alpha's p1-p5 (p3 failed, still a deployment) and beta's p9; pr-a, pr-b and pr-c are deployed.
    expect(after).toMatchObject({ deployments: 6, incidents: 3, pullRequests: 4, commits: 6, prDeployments: 3, pipelines: 6 });
  });

  it('computes the same four keys as highbar dora on the folder, for every report and median', async () => {
    const loaded = loadDevLakeFolder(ALPHA);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const alpha = await database.db.selectFrom('services').select('id').where('name', '=', 'alpha').executeTakeFirstOrThrow();
    for (const [from, to] of [['2024-01-01', '2024-01-31'], ['2023-12-01', '2024-01-10'], ['2024-01-03', '2024-01-03']] as const) {
      const range = { from: parseDay(from)!, to: parseDay(to)! };
      for (const report of DORA_REPORTS) {
        for (const median of MEDIAN_CONVENTIONS) {
          const options = { range, report, median };
          const expected = assembleFourKeys(devLakeFacts(new DoraPipeline(loaded.value, 'alpha').metricTables(), 'alpha', options), options);
          const actual = await computeFourKeys(database.db, { serviceIds: [alpha.id], ...options });
          expect(actual, `${from}..${to} ${report} ${median}`).toEqual(expected);
        }
      }
    }
  });

  it('pins the golden January numbers of docs/metrics.md', async () => {
    const alpha = await database.db.selectFrom('services').select('id').where('name', '=', 'alpha').executeTakeFirstOrThrow();
    const keys = await computeFourKeys(database.db, { serviceIds: [alpha.id], range: { from: parseDay('2024-01-01')!, to: parseDay('2024-01-31')! }, report: 2023, median: 'lower' });
    expect(keys.deploymentFrequency).toMatchObject({ deployments: 3, deployDays: 3, medianDeployDaysPerWeek: 0, medianDeployDaysPerMonth: 3, level: 'medium' });
    expect(keys.leadTime).toEqual({ changes: 3, medianMinutes: 1410, level: 'elite' });
    expect(keys.changeFailureRate).toMatchObject({ deployments: 3, failedDeployments: 2, level: 'low' });
    expect(keys.recovery).toEqual({ incidents: 2, medianMinutes: 210, level: 'high' });
  });

  it('refuses a folder with a bad timestamp and stores nothing of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-devlake-bad-'));
    try {
      for (const file of fs.readdirSync(ALPHA)) fs.copyFileSync(path.join(ALPHA, file), path.join(dir, file));
      fs.writeFileSync(path.join(dir, 'incidents.csv'), 'id,created_date,resolution_date,lead_time_minutes,table,scope_id\ninc-9,yesterday,,,boards,board-alpha\n');
      const before = await counts();
      const error = await ingestDevLakeFolder(database.db, { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).problems).toEqual([`${path.join(dir, 'incidents.csv')}:2: column created_date: "yesterday" is not a timestamp (use YYYY-MM-DD HH:MM:SS or ISO 8601, UTC unless an offset is given)`]);
      expect(await counts()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
