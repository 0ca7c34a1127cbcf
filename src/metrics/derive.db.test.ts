import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { ensureRepositories, ensureServices, linkServiceRepositories } from './catalog.repository.ts';
import { recomputeServiceMetrics } from './derive.service.ts';
import { writeCommitGraph } from './events.repository.ts';
import type { DeploymentEvent, IncidentEvent, PullRequestEvent } from './sources/events.ts';
import { SourceError } from './sources/source-problems.ts';
import { storeEventBatch } from './store-events.service.ts';

/**
 * The incremental path (one webhook delivery at a time) must leave exactly the derived facts a
 * full recomputation gives: previous deployments, diffs, lead times, incident links, daily rollup.
 */
const REPO = 'github.com/acme/shop';
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 4, 9); // a Monday

// main: c0 - c1 - ... - c12, with a side branch b1 - b2 merged as c7 (parents c6, b2).
const GRAPH = [
  ...Array.from({ length: 13 }, (_, i) => ({ sha: `c${i}`, parents: i === 0 ? [] : i === 7 ? ['c6', 'b2'] : [`c${i - 1}`] })),
  { sha: 'b1', parents: ['c3'] },
  { sha: 'b2', parents: ['b1'] },
];

const deploy = (id: string, sha: string, hour: number, overrides: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  source: 'webhook:ci', externalId: id, service: 'shop', name: id, environment: 'PRODUCTION', result: 'SUCCESS',
  createdAt: T0 + hour * HOUR - 600_000, startedAt: T0 + hour * HOUR - 600_000, finishedAt: T0 + hour * HOUR, commits: [{ repository: REPO, commitSha: sha }], ...overrides,
});
const incident = (id: string, hour: number, resolvedAfterHours: number): IncidentEvent => ({
  source: 'webhook:pager', externalId: id, service: 'shop', title: id, severity: 'SEV2', status: 'resolved', createdAt: T0 + hour * HOUR,
  resolvedAt: T0 + (hour + resolvedAfterHours) * HOUR, leadTimeMinutes: null, assignees: [], analysisAuthor: null, analysisUrl: null,
});
const pr = (id: string, merge: string, createdHour: number, mergedHour: number): PullRequestEvent => ({
  repository: REPO, externalId: id, number: id, title: `PR ${id}`, author: 'dev1', state: 'merged', createdAt: T0 + createdHour * HOUR, mergedAt: T0 + mergedHour * HOUR,
  closedAt: null, mergeCommitSha: merge, headSha: null, commits: [{ sha: `${id}-1`, authoredAt: T0 + (createdHour - 2) * HOUR }], comments: [{ externalId: `${id}-r`, author: 'rev1', createdAt: T0 + (createdHour + 1) * HOUR }],
});

// Deliveries in arrival order: out of order (d3 before d2), a failure, a re-delivery that moves
// d4 later, incidents before and after the deployments they are blamed on.
const DELIVERIES: ({ deployment: DeploymentEvent } | { incident: IncidentEvent })[] = [
  { deployment: deploy('d1', 'c2', 1) },
  { deployment: deploy('d3', 'c9', 30) },
  { incident: incident('i1', 31, 2) },
  { deployment: deploy('d2', 'c5', 20) },
  { deployment: deploy('dx', 'c10', 40, { result: 'FAILURE' }) },
  { deployment: deploy('d4', 'c11', 50) },
  { incident: incident('i2', 52, 5) },
  { deployment: deploy('d4', 'c11', 53) },
  { deployment: deploy('d5', 'c12', 70) },
  { incident: incident('i3', 25, 1) },
];

async function snapshot(database: Database) {
  const db = database.db;
  const [links, diffs, leads, incidents, days] = await Promise.all([
    db.selectFrom('deployment_commits as dc').innerJoin('deployments as d', 'd.id', 'dc.deployment_id').leftJoin('deployments as p', 'p.id', 'dc.prev_deployment_id').select(['d.external_id', 'p.external_id as prev']).orderBy('d.external_id').execute(),
    db.selectFrom('deployment_diffs as dd').innerJoin('deployments as d', 'd.id', 'dd.deployment_id').select(['d.external_id', 'dd.commit_sha']).orderBy('d.external_id').orderBy('dd.commit_sha').execute(),
    db.selectFrom('pr_deployments as p').innerJoin('pull_requests as pr', 'pr.id', 'p.pull_request_id').innerJoin('deployments as d', 'd.id', 'p.deployment_id')
      .select(['pr.external_id', 'd.external_id as deployment', 'p.cycle_minutes', 'p.coding_minutes', 'p.pickup_minutes', 'p.review_minutes', 'p.deploy_minutes', 'p.deployed_at']).orderBy('pr.external_id').execute(),
    db.selectFrom('incidents as i').leftJoin('deployments as d', 'd.id', 'i.deployment_id').select(['i.external_id', 'd.external_id as deployment', 'i.deployment_finished_at']).orderBy('i.external_id').execute(),
    db.selectFrom('deployment_days').select(['day', 'deployments', 'failed']).orderBy('day').execute(),
  ]);
  return { links, diffs, leads, incidents, days };
}

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.transaction().execute(async (trx) => {
    const service = (await ensureServices(trx, ['shop'])).get('shop')!;
    const repository = (await ensureRepositories(trx, [REPO])).get(REPO)!;
    await linkServiceRepositories(trx, [{ serviceId: service, repositoryId: repository }]);
    await writeCommitGraph(trx, repository, GRAPH);
  });
  await database.db.transaction().execute((trx) =>
    storeEventBatch(trx, { pullRequests: [pr('p1', 'c4', 5, 8), pr('p2', 'c7', 10, 21), pr('p3', 'c8', 22, 24), pr('p4', 'c11', 40, 45), pr('p5', 'c12', 60, 65)] }, { mode: 'full', context: 'test' }),
  );
});
afterAll(async () => {
  await database.close();
});

describe('incremental derivation', () => {
  it('leaves the same derived facts as a full recomputation, delivery by delivery', async () => {
    for (const delivery of DELIVERIES) {
      await database.db.transaction().execute((trx) =>
        storeEventBatch(trx, 'deployment' in delivery ? { deployments: [delivery.deployment] } : { incidents: [delivery.incident] }, { mode: 'incremental', context: 'test' }),
      );
      const incremental = await snapshot(database);
      const service = (await database.db.selectFrom('services').select('id').where('name', '=', 'shop').executeTakeFirstOrThrow()).id;
      await database.db.transaction().execute((trx) => recomputeServiceMetrics(trx, service));
      expect(incremental).toEqual(await snapshot(database));
    }
  });

  it('ends with the expected chain, diffs and lead times', async () => {
    const state = await snapshot(database);
    expect(state.links.map((l) => `${l.external_id}<-${l.prev ?? ''}`)).toEqual(['d1<-', 'd2<-d1', 'd3<-d2', 'd4<-d3', 'd5<-d4', 'dx<-']);
    // d3 ships c6..c9 and the merged branch b1, b2 (c7 merges it).
    expect(state.diffs.filter((d) => d.external_id === 'd3').map((d) => d.commit_sha)).toEqual(['b1', 'b2', 'c6', 'c7', 'c8', 'c9']);
    // p1 merged c4 (shipped by d2 at hour 20); p2 merged c7 and p3 c8 (d3, hour 30); p4 c11 (d4, moved to hour 53).
    expect(state.leads.map((l) => [l.external_id, l.deployment])).toEqual([['p1', 'd2'], ['p2', 'd3'], ['p3', 'd3'], ['p4', 'd4'], ['p5', 'd5']]);
    // p1: coding 2 h + open 3 h + deploy 12 h.
    expect(state.leads[0]).toMatchObject({ coding_minutes: 120, pickup_minutes: 60, review_minutes: 120, deploy_minutes: 720, cycle_minutes: 1020 });
    // i3 (hour 25) is blamed on d2 (hour 20), i1 on d3, i2 (hour 52) on d4 at hour 50... which moved to 53: so on d3.
    expect(state.incidents.map((i) => [i.external_id, i.deployment])).toEqual([['i1', 'd3'], ['i2', 'd3'], ['i3', 'd2']]);
    expect(state.days.map((d) => [d.day, d.deployments, d.failed])).toEqual([['2024-03-04', 1, 0], ['2024-03-05', 2, 2], ['2024-03-06', 1, 0], ['2024-03-07', 1, 0]]);
  });

  it('refuses a deployment of a commit the repository does not have, storing nothing', async () => {
    const before = await snapshot(database);
    const attempt = database.db.transaction().execute((trx) => storeEventBatch(trx, { deployments: [deploy('d9', 'f'.repeat(40), 80)] }, { mode: 'incremental', context: 'webhook ci' }));
    await expect(attempt).rejects.toThrow(SourceError);
    await expect(attempt).rejects.toThrow(`webhook ci: deployment d9: commit ${'f'.repeat(40)} is not in repository ${REPO}`);
    expect(await snapshot(database)).toEqual(before);
  });
});
