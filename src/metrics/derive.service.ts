import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { clearServiceDiffs, loadChains, rebuildDeploymentDays, recomputeLeadTimes, relinkIncidents, replaceDiffs, writePrevLinks, type ChainRow } from './derive.repository.ts';
import { diffCommits, type NodeCache } from './graph.repository.ts';
import { ORG_ID } from './partitions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Recomputes every derived fact of a service from its events, as DevLake's DORA pipeline does:
 * previous successful deployments, the commits each production deployment added, each merged
 * pull request's lead time, incident-to-deployment links and the daily rollup. Batch ingestion
 * calls it once per affected service, inside the ingestion's transaction.
 */
export async function recomputeServiceMetrics(trx: Db, serviceId: number): Promise<void> {
  const chains = await loadChains(trx, serviceId);
  const changed: [number, number, number | null][] = [];
  const previousOf = new Map<ChainRow, ChainRow>();
  let before: ChainRow | null = null;
  for (const row of chains) {
    const prev: ChainRow | null = before && before.repositoryId === row.repositoryId && before.environment === row.environment ? before : null;
    if (prev) previousOf.set(row, prev);
    const prevId = prev?.deploymentId ?? null;
    if (row.prevDeploymentId !== prevId) changed.push([row.deploymentId, row.repositoryId, prevId]);
    before = row;
  }
  await writePrevLinks(trx, changed);

  await clearServiceDiffs(trx, serviceId);
  const caches = new Map<number, NodeCache>();
  const diffs: { deploymentId: number; repositoryId: number; shas: string[] }[] = [];
  for (const row of chains) {
    const prev = previousOf.get(row);
    // The first deployment of a chain deploys no PRs (the backfill guard): its diff is never read.
    if (row.environment !== 'PRODUCTION' || !prev) continue;
    const cache = caches.get(row.repositoryId) ?? new Map();
    caches.set(row.repositoryId, cache);
    diffs.push({ deploymentId: row.deploymentId, repositoryId: row.repositoryId, shas: await diffCommits(trx, row.repositoryId, prev.commitSha, row.commitSha, cache) });
  }
  await replaceDiffs(trx, diffs);
  await recomputeLeadTimes(trx, serviceId, 'all');
  await relinkIncidents(trx, serviceId);
  await rebuildDeploymentDays(trx, serviceId, 'all');
}

/** A deployment commit as it was before an update (to undo its old place in the chain). */
export interface PreviousPlacement {
  deploymentId: number;
  repositoryId: number;
  finishedAt: number | null;
}

/**
 * Brings the derived facts up to date after a few deployments of a service arrived or changed,
 * without recomputing the service: each deployment commit takes its place in its chain (its
 * predecessor and successor found by index), only the diffs of the commits whose predecessor
 * changed are walked, and only the pull requests, incidents and days they touch are redone.
 * The result equals `recomputeServiceMetrics` (a test checks it).
 */
export async function applyDeploymentChanges(trx: Db, serviceId: number, deploymentIds: readonly number[], before: readonly PreviousPlacement[] = []): Promise<void> {
  const { rows: placed } = await sql<{ deployment_id: number; repository_id: number; environment: string | null; result: string | null; finished_at: Date | null; external_id: string }>`
    select dc.deployment_id, dc.repository_id, dc.environment, dc.result, dc.finished_at, dc.deployment_key as external_id
    from deployment_commits dc
    where dc.org_id = ${ORG_ID} and dc.deployment_id = any(${[...deploymentIds]}::bigint[])`.execute(trx);

  // Rows whose predecessor must be found again: the new rows, their successors, and whatever
  // followed them before they moved.
  const toRelink = new Map<string, { deploymentId: number; repositoryId: number }>();
  const add = (deploymentId: number, repositoryId: number) => toRelink.set(`${deploymentId}:${repositoryId}`, { deploymentId, repositoryId });
  for (const row of placed) {
    add(row.deployment_id, row.repository_id);
    if (row.result === 'SUCCESS' && row.finished_at && row.environment) {
      const next = await neighbour(trx, serviceId, row, 'next');
      if (next) add(next.deployment_id, row.repository_id);
    }
  }
  const { rows: followers } = await sql<{ deployment_id: number; repository_id: number }>`
    select deployment_id, repository_id from deployment_commits
    where org_id = ${ORG_ID} and prev_deployment_id = any(${[...deploymentIds]}::bigint[])`.execute(trx);
  for (const f of followers) add(f.deployment_id, f.repository_id);

  const links: [number, number, number | null][] = [];
  const diffTargets: { deploymentId: number; repositoryId: number; oldSha: string; newSha: string }[] = [];
  const cleared: { deploymentId: number; repositoryId: number; shas: string[] }[] = [];
  for (const { deploymentId, repositoryId } of toRelink.values()) {
    const { rows } = await sql<{ deployment_id: number; repository_id: number; environment: string | null; result: string | null; finished_at: Date | null; external_id: string; commit_sha: string }>`
      select dc.deployment_id, dc.repository_id, dc.environment, dc.result, dc.finished_at, dc.deployment_key as external_id, dc.commit_sha
      from deployment_commits dc
      where dc.org_id = ${ORG_ID} and dc.deployment_id = ${deploymentId} and dc.repository_id = ${repositoryId}`.execute(trx);
    const row = rows[0];
    if (!row) continue;
    const inChain = row.result === 'SUCCESS' && row.finished_at !== null && !!row.environment;
    const prev = inChain ? await neighbour(trx, serviceId, row, 'previous') : null;
    links.push([deploymentId, repositoryId, prev?.deployment_id ?? null]);
    if (prev && row.environment === 'PRODUCTION') diffTargets.push({ deploymentId, repositoryId, oldSha: prev.commit_sha, newSha: row.commit_sha });
    else cleared.push({ deploymentId, repositoryId, shas: [] });
  }
  await writePrevLinks(trx, links);

  const diffs = [...cleared];
  const cache: NodeCache = new Map();
  for (const t of diffTargets) diffs.push({ deploymentId: t.deploymentId, repositoryId: t.repositoryId, shas: await diffCommits(trx, t.repositoryId, t.oldSha, t.newSha, cache) });
  const previousShas = await replaceDiffs(trx, diffs);
  // PRs whose merge commit was, or now is, in one of these diffs may have a new deployment.
  const { rows: linked } = await sql<{ merge_commit_sha: string }>`
    select distinct p.merge_commit_sha from pr_deployments p
    where p.org_id = ${ORG_ID} and p.service_id = ${serviceId} and p.merge_commit_sha is not null and p.deployment_id = any(${[...toRelink.values()].map((r) => r.deploymentId)}::bigint[])`.execute(trx);
  await recomputeLeadTimes(trx, serviceId, { mergeShas: [...previousShas, ...diffs.flatMap((d) => d.shas), ...linked.map((l) => l.merge_commit_sha)] });

  const finishes = [...placed.map((p) => p.finished_at?.getTime() ?? null), ...before.map((b) => b.finishedAt)].filter((f): f is number => f !== null);
  const touched = finishes.length ? await relinkIncidents(trx, serviceId, Math.min(...finishes) - 1) : [];
  const oldDays = before.flatMap((b) => (b.finishedAt === null ? [] : [new Date(b.finishedAt).toISOString().slice(0, 10)]));
  await rebuildDeploymentDays(trx, serviceId, { deploymentIds: [...deploymentIds, ...touched], days: oldDays });
}

/** After incidents of a service arrived or changed: their links and the days of the deployments they touch. */
export async function applyIncidentChanges(trx: Db, serviceId: number, createdFrom: number): Promise<void> {
  const touched = await relinkIncidents(trx, serviceId, createdFrom - 1);
  if (touched.length) await rebuildDeploymentDays(trx, serviceId, { deploymentIds: touched, days: [] });
}

/** The chain member just before (or after) a deployment commit: same service, repository and environment. */
async function neighbour(
  trx: Db,
  serviceId: number,
  row: { deployment_id: number; repository_id: number; environment: string | null; finished_at: Date | null; external_id: string },
  side: 'previous' | 'next',
): Promise<{ deployment_id: number; commit_sha: string } | null> {
  const before = side === 'previous';
  const { rows } = await sql<{ deployment_id: number; commit_sha: string }>`
    select dc.deployment_id, dc.commit_sha from deployment_commits dc
    where dc.org_id = ${ORG_ID} and dc.service_id = ${serviceId} and dc.repository_id = ${row.repository_id} and dc.environment = ${row.environment}
      and dc.result = 'SUCCESS' and dc.finished_at is not null and dc.deployment_id <> ${row.deployment_id}
      and ${before ? sql`(dc.finished_at, dc.deployment_key) < (${row.finished_at}, ${row.external_id})` : sql`(dc.finished_at, dc.deployment_key) > (${row.finished_at}, ${row.external_id})`}
    order by ${before ? sql`dc.finished_at desc, dc.deployment_key desc` : sql`dc.finished_at, dc.deployment_key`}
    limit 1`.execute(trx);
  return rows[0] ?? null;
}
