import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunk } from '../db/bulk.ts';
import { firstCommitByPr, firstReviewByPr, prLeadTime } from './dora/change-lead-time.rules.ts';
import type { CicdDeploymentCommit, PullRequest } from './sources/devlake-tables.ts';
import { ORG_ID } from './partitions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;
const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** A successful deployment commit in its chain: (service, repository, environment) by finish. */
export interface ChainRow {
  deploymentId: number;
  repositoryId: number;
  environment: string;
  commitSha: string;
  finishedAt: number;
  externalId: string;
  prevDeploymentId: number | null;
}

/**
 * The successful deployment commits of a service with an environment and a finish, in chain
 * order: DevLake's `enrichPrevSuccessDeploymentCommits` input. Equal finishes are ordered by
 * the deployment's external id (DevLake leaves them unordered; its id is the pipeline's).
 */
export async function loadChains(trx: Db, serviceId: number, where: { repositoryId: number; environment: string } | null = null): Promise<ChainRow[]> {
  const { rows } = await sql<{ deployment_id: number; repository_id: number; environment: string; commit_sha: string; finished_at: Date; external_id: string; prev_deployment_id: number | null }>`
    select dc.deployment_id, dc.repository_id, dc.environment, dc.commit_sha, dc.finished_at, dc.deployment_key as external_id, dc.prev_deployment_id
    from deployment_commits dc
    where dc.org_id = ${ORG_ID} and dc.service_id = ${serviceId} and dc.result = 'SUCCESS' and dc.finished_at is not null and coalesce(dc.environment, '') <> ''
      ${where ? sql`and dc.repository_id = ${where.repositoryId} and dc.environment = ${where.environment}` : sql``}
    order by dc.repository_id, dc.environment, dc.finished_at, dc.deployment_key`.execute(trx);
  return rows.map((r) => ({
    deploymentId: r.deployment_id, repositoryId: r.repository_id, environment: r.environment, commitSha: r.commit_sha,
    finishedAt: r.finished_at.getTime(), externalId: r.external_id, prevDeploymentId: r.prev_deployment_id,
  }));
}

/** Writes changed previous-deployment links: `[deploymentId, repositoryId, prev]`. */
export async function writePrevLinks(trx: Db, links: readonly [number, number, number | null][]): Promise<void> {
  for (const batch of chunk([...links], 5000)) {
    await sql`update deployment_commits dc set prev_deployment_id = v.prev
      from unnest(${batch.map((l) => l[0])}::bigint[], ${batch.map((l) => l[1])}::int[], ${batch.map((l) => l[2])}::bigint[]) as v(deployment_id, repository_id, prev)
      where dc.org_id = ${ORG_ID} and dc.deployment_id = v.deployment_id and dc.repository_id = v.repository_id`.execute(trx);
  }
}

/** Replaces the stored diffs of these deployment commits; returns the commit shas they held before. */
export async function replaceDiffs(trx: Db, diffs: readonly { deploymentId: number; repositoryId: number; shas: readonly string[] }[]): Promise<string[]> {
  const previous: string[] = [];
  for (const batch of chunk([...diffs], 2000)) {
    const { rows } = await sql<{ commit_sha: string }>`delete from deployment_diffs dd
      using unnest(${batch.map((d) => d.deploymentId)}::bigint[], ${batch.map((d) => d.repositoryId)}::int[]) as v(deployment_id, repository_id)
      where dd.org_id = ${ORG_ID} and dd.deployment_id = v.deployment_id and dd.repository_id = v.repository_id
      returning dd.commit_sha`.execute(trx);
    previous.push(...rows.map((r) => r.commit_sha));
  }
  const rows = diffs.flatMap((d) => [...new Set(d.shas)].map((sha) => ({ deploymentId: d.deploymentId, repositoryId: d.repositoryId, sha })));
  // Three arrays unnested server-side: one short statement per batch, not four bind parameters
  // per row (a release of 50,000 commits' diffs took 0.9 s on PGlite that way, mostly binding).
  for (const batch of chunk(rows, 20_000)) {
    await sql`insert into deployment_diffs (org_id, deployment_id, repository_id, commit_sha)
      select ${ORG_ID}, v.deployment_id, v.repository_id, v.commit_sha
      from unnest(${batch.map((r) => r.deploymentId)}::bigint[], ${batch.map((r) => r.repositoryId)}::int[], ${batch.map((r) => r.sha)}::text[]) as v(deployment_id, repository_id, commit_sha)`.execute(trx);
  }
  return previous;
}

/** Deletes all stored diffs of a service's deployments (before a full recomputation). */
export async function clearServiceDiffs(trx: Db, serviceId: number): Promise<void> {
  await sql`delete from deployment_diffs dd using deployment_commits dc
    where dd.org_id = ${ORG_ID} and dc.org_id = dd.org_id and dc.deployment_id = dd.deployment_id and dc.repository_id = dd.repository_id and dc.service_id = ${serviceId}`.execute(trx);
}

/**
 * Recomputes `pr_deployments` (DevLake's project_pr_metrics, deployed PRs only) for a service's
 * merged pull requests, all of them or those merging one of `mergeShas`. A PR's deployment is
 * the first (by start, NULL first, then external id) successful production deployment commit
 * of the service with a previous deployment (the backfill guard) whose diff holds its merge sha.
 */
export async function recomputeLeadTimes(trx: Db, serviceId: number, scope: { mergeShas: readonly string[] } | 'all'): Promise<void> {
  if (scope !== 'all' && !scope.mergeShas.length) return;
  const filter = scope === 'all' ? sql`` : sql`and pr.merge_commit_sha = any(${[...new Set(scope.mergeShas)]}::text[])`;
  const { rows: prs } = await sql<{
    id: number; author: string | null; created_at: Date; merged_at: Date; merge_commit_sha: string | null;
    deployment_id: number | null; repository_id: number | null; started_at: Date | null; finished_at: Date | null;
  }>`
    select pr.id, pr.author, pr.created_at, pr.merged_at, pr.merge_commit_sha, dep.deployment_id, dep.repository_id, dep.started_at, dep.finished_at
    from pull_requests pr
    left join lateral (
      select dc.deployment_id, dc.repository_id, dc.started_at, dc.finished_at
      from deployment_diffs dd
      join deployment_commits dc on dc.org_id = dd.org_id and dc.deployment_id = dd.deployment_id and dc.repository_id = dd.repository_id
      where dd.org_id = ${ORG_ID} and dd.commit_sha = pr.merge_commit_sha and dc.service_id = ${serviceId}
        and dc.environment = 'PRODUCTION' and dc.result = 'SUCCESS' and dc.prev_deployment_id is not null
      order by dc.started_at nulls first, dc.deployment_key, dc.repository_id
      limit 1
    ) dep on true
    where pr.org_id = ${ORG_ID} and pr.merged_at is not null
      and pr.repository_id in (select repository_id from service_repositories where service_id = ${serviceId}) ${filter}`.execute(trx);

  const ids = prs.map((p) => p.id);
  const deleteScope = scope === 'all' ? sql`` : sql`and pull_request_id = any(${ids}::bigint[])`;
  await sql`delete from pr_deployments where org_id = ${ORG_ID} and service_id = ${serviceId} ${deleteScope}`.execute(trx);
  const deployed = prs.filter((p) => p.deployment_id !== null && p.finished_at !== null);
  for (const batch of chunk(deployed, 2000)) {
    const batchIds = batch.map((p) => p.id);
    const [commits, comments] = await Promise.all([
      trx.selectFrom('pull_request_commits').select(['pull_request_id', 'commit_sha', 'authored_at']).where('org_id', '=', ORG_ID).where('pull_request_id', 'in', batchIds).execute(),
      trx.selectFrom('pull_request_comments').select(['pull_request_id', 'external_id', 'author', 'created_at']).where('org_id', '=', ORG_ID).where('pull_request_id', 'in', batchIds).execute(),
    ]);
    const firstCommits = firstCommitByPr(commits.map((c) => ({ pull_request_id: String(c.pull_request_id), commit_sha: c.commit_sha, commit_authored_date: ms(c.authored_at) })));
    const firstReviews = firstReviewByPr(
      comments.map((c) => ({ id: c.external_id, pull_request_id: String(c.pull_request_id), created_date: c.created_at.getTime(), account_id: c.author })),
      new Map(batch.map((p) => [String(p.id), p.author])),
    );
    const rows = batch.map((p) => {
      const pr: PullRequest = {
        id: String(p.id), base_repo_id: null, author_id: p.author, merge_commit_sha: p.merge_commit_sha, created_date: p.created_at.getTime(),
        merged_date: p.merged_at.getTime(), pull_request_key: null, title: null, status: null,
      };
      const deployment = { id: String(p.deployment_id), started_date: ms(p.started_at), finished_date: ms(p.finished_at) } as CicdDeploymentCommit;
      const metric = prLeadTime(pr, '', { firstCommit: firstCommits.get(pr.id), firstReview: firstReviews.get(pr.id), deployment });
      return {
        org_id: ORG_ID, pull_request_id: p.id, service_id: serviceId, deployment_id: p.deployment_id!, merge_commit_sha: p.merge_commit_sha, first_commit_sha: metric.first_commit_sha || null,
        first_review_id: metric.first_review_id || null, coding_minutes: metric.pr_coding_time, pickup_minutes: metric.pr_pickup_time,
        review_minutes: metric.pr_review_time, deploy_minutes: metric.pr_deploy_time, cycle_minutes: metric.pr_cycle_time,
        first_commit_at: iso(metric.first_commit_authored_date), first_review_at: iso(metric.first_comment_date), created_at: iso(metric.pr_created_date),
        merged_at: iso(metric.pr_merged_date), deployed_at: iso(metric.pr_deployed_date)!,
      };
    });
    if (rows.length) await trx.insertInto('pr_deployments').values(rows).execute();
  }
}

function iso(value: number | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/**
 * Links incidents of a service to the deployment that caused them (DevLake's
 * `ConnectIncidentToDeployment`): the service's latest successful production deployment commit
 * that finished strictly before the incident was created (equal finishes: the smaller external
 * id). Stores the deployment's finish (its last commit's) for the 2023 recovery time. Returns
 * the deployments whose failure status may have changed (old and new links).
 */
export async function relinkIncidents(trx: Db, serviceId: number, createdAfter: number | null = null): Promise<number[]> {
  const window = createdAfter === null ? sql`` : sql`and i2.created_at > ${new Date(createdAfter).toISOString()}::timestamptz`;
  const { rows: links } = await sql<{ source: string; external_id: string; occurred_at: Date; old_id: number | null; new_id: number | null; finished: Date | null; old_finished: Date | null }>`
    select i2.source, i2.external_id, i2.occurred_at, i2.deployment_id as old_id, x.deployment_id as new_id, f.finished, i2.deployment_finished_at as old_finished
    from incidents i2
    left join lateral (
      select dc.deployment_id from deployment_commits dc
      where dc.org_id = ${ORG_ID} and dc.service_id = i2.service_id and dc.result = 'SUCCESS' and dc.environment = 'PRODUCTION' and dc.finished_at < i2.created_at
      order by dc.finished_at desc, dc.deployment_key limit 1
    ) x on true
    left join lateral (
      select max(dc.finished_at) as finished from deployment_commits dc
      where dc.org_id = ${ORG_ID} and dc.deployment_id = x.deployment_id and dc.result = 'SUCCESS' and dc.environment = 'PRODUCTION'
    ) f on true
    where i2.org_id = ${ORG_ID} and i2.service_id = ${serviceId} ${window}`.execute(trx);
  // Only changed links are written: an UPDATE over a partitioned table is costly to plan, and a
  // deployment arriving in real time usually changes none.
  const rows = links.filter((l) => l.old_id !== l.new_id || l.old_finished?.getTime() !== l.finished?.getTime());
  for (const batch of chunk(rows, 2000)) {
    await sql`update incidents i set deployment_id = v.new_id, deployment_finished_at = v.finished
      from unnest(${batch.map((r) => r.source)}::text[], ${batch.map((r) => r.external_id)}::text[], ${batch.map((r) => r.occurred_at.toISOString())}::timestamptz[],
        ${batch.map((r) => r.new_id)}::bigint[], ${batch.map((r) => r.finished?.toISOString() ?? null)}::timestamptz[]) as v(source, external_id, occurred_at, new_id, finished)
      where i.org_id = ${ORG_ID} and i.source = v.source and i.external_id = v.external_id and i.occurred_at = v.occurred_at`.execute(trx);
  }
  return [...new Set(rows.flatMap((r) => [r.old_id, r.new_id]).filter((id): id is number => id !== null))];
}

/**
 * Rebuilds the daily rollup the dashboards read: per UTC day, the service's production
 * deployments (each at its last successful production commit's finish, as DevLake folds a
 * pipeline's commits) and how many of them have an incident linked. All days, or only the days
 * of these deployments (before and after the change: pass both).
 */
export async function rebuildDeploymentDays(trx: Db, serviceId: number, scope: { deploymentIds: readonly number[]; days: readonly string[] } | 'all'): Promise<void> {
  let days: string[] | null = null;
  if (scope !== 'all') {
    const { rows } = await sql<{ day: string }>`
      select distinct (max(finished_at) at time zone 'UTC')::date::text as day from deployment_commits
      where org_id = ${ORG_ID} and deployment_id = any(${[...scope.deploymentIds]}::bigint[]) and result = 'SUCCESS' and environment = 'PRODUCTION' and finished_at is not null
      group by deployment_id`.execute(trx);
    days = [...new Set([...scope.days, ...rows.map((r) => r.day)])];
    if (!days.length) return;
  }
  const dayFilter = days === null ? sql`` : sql`and day = any(${days}::date[])`;
  await sql`delete from deployment_days where org_id = ${ORG_ID} and service_id = ${serviceId} ${dayFilter}`.execute(trx);
  const candidates =
    days === null
      ? sql``
      : sql`and deployment_id in (select deployment_id from deployment_commits where org_id = ${ORG_ID} and service_id = ${serviceId}
          and finished_at >= (select min(d) from unnest(${days}::date[]) d)::timestamp at time zone 'UTC'
          and finished_at < ((select max(d) from unnest(${days}::date[]) d) + 1)::timestamp at time zone 'UTC')`;
  // A full rebuild joins the failed deployments as a set (a per-row probe into the partitioned
  // incidents would visit every month partition once per deployment); a few days take the probe.
  const failed =
    days === null
      ? sql`left join (select distinct deployment_id from incidents where org_id = ${ORG_ID} and service_id = ${serviceId} and deployment_id is not null) x on x.deployment_id = f.deployment_id`
      : sql`left join lateral (select f.deployment_id from incidents i where i.org_id = ${ORG_ID} and i.deployment_id = f.deployment_id limit 1) x on true`;
  await sql`
    insert into deployment_days (org_id, service_id, day, deployments, failed)
    select ${ORG_ID}, ${serviceId}, f.day, count(*), count(x.deployment_id)
    from (
      select deployment_id, (max(finished_at) at time zone 'UTC')::date as day from deployment_commits
      where org_id = ${ORG_ID} and service_id = ${serviceId} and result = 'SUCCESS' and environment = 'PRODUCTION' and finished_at is not null ${candidates}
      group by deployment_id
    ) f
    ${failed}
    where true ${days === null ? sql`` : sql`and f.day = any(${days}::date[])`}
    group by f.day`.execute(trx);
}
