import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunk } from '../db/bulk.ts';
import { assignGenerations } from './dora/diff-walk.rules.ts';
import type { GitCommit } from './sources/git-repository.ts';
import type { AiUsageRow, DeploymentEvent, IncidentEvent, PullRequestEvent } from './sources/events.ts';
import { ensureMonthPartitions, ORG_ID, type PartitionedTable } from './partitions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The partition key an event already has, by its natural key: an upsert must use it, or a
 * re-ingested event whose times changed would land in another partition as a second row.
 */
async function existingOccurred(trx: Db, table: 'deployments' | 'incidents', keys: { source: string; externalId: string }[]): Promise<Map<string, Date>> {
  const found = new Map<string, Date>();
  for (const batch of chunk(keys, 2000)) {
    const { rows } = await sql<{ source: string; external_id: string; occurred_at: Date }>`
      select source, external_id, occurred_at from ${sql.table(table)}
      where org_id = ${ORG_ID} and (source, external_id) in (${sql.join(batch.map((k) => sql`(${k.source}, ${k.externalId})`))})`.execute(trx);
    for (const r of rows) found.set(`${r.source}\u0000${r.external_id}`, r.occurred_at);
  }
  return found;
}

async function partitionsFor(trx: Db, table: PartitionedTable, moments: number[]) {
  await ensureMonthPartitions(trx, table, moments);
}

/** A deployment whose service and repositories are resolved to ids. */
export interface ResolvedDeployment extends Omit<DeploymentEvent, 'commits'> {
  serviceId: number;
  commits: { repositoryId: number; commitSha: string; result?: string | null; environment?: string | null; startedAt?: number | null; finishedAt?: number | null }[];
}

/**
 * Inserts or updates deployments with the commit each deployed per repository; returns their
 * ids by external id. Derived columns (the previous deployment) are left to the derivation.
 */
export async function upsertDeployments(trx: Db, deployments: ResolvedDeployment[]): Promise<Map<string, number>> {
  const existing = await existingOccurred(trx, 'deployments', deployments);
  const occurred = deployments.map((d) => existing.get(`${d.source}\u0000${d.externalId}`)?.getTime() ?? (d.createdAt ?? d.startedAt ?? d.finishedAt)!);
  await partitionsFor(trx, 'deployments', occurred);
  const ids = new Map<string, number>();
  for (const batch of chunk(deployments.map((d, i) => ({ d, at: occurred[i]! })), 2000)) {
    const rows = await trx
      .insertInto('deployments')
      .values(
        batch.map(({ d, at }) => ({
          org_id: ORG_ID, service_id: d.serviceId, source: d.source, external_id: d.externalId, name: d.name, environment: d.environment, result: d.result,
          started_at: iso(d.startedAt), finished_at: iso(d.finishedAt), occurred_at: iso(at)!,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_id', 'source', 'external_id', 'occurred_at']).doUpdateSet((eb) => ({
          service_id: eb.ref('excluded.service_id'), name: eb.ref('excluded.name'), environment: eb.ref('excluded.environment'),
          result: eb.ref('excluded.result'), started_at: eb.ref('excluded.started_at'), finished_at: eb.ref('excluded.finished_at'),
        })),
      )
      .returning(['id', 'source', 'external_id'])
      .execute();
    for (const r of rows) ids.set(`${r.source}\u0000${r.external_id}`, r.id);
  }
  const ownIds = deployments.map((d) => ids.get(`${d.source}\u0000${d.externalId}`)!);
  for (const batch of chunk(ownIds, 5000)) await trx.deleteFrom('deployment_commits').where('org_id', '=', ORG_ID).where('deployment_id', 'in', batch).execute();
  const commitRows = deployments.flatMap((d, i) =>
    d.commits.map((c) => ({
      org_id: ORG_ID, deployment_id: ownIds[i]!, deployment_key: d.externalId, repository_id: c.repositoryId, service_id: d.serviceId, commit_sha: c.commitSha,
      environment: c.environment === undefined ? d.environment : c.environment, result: c.result === undefined ? d.result : c.result,
      started_at: iso(c.startedAt === undefined ? d.startedAt : c.startedAt), finished_at: iso(c.finishedAt === undefined ? d.finishedAt : c.finishedAt),
      prev_deployment_id: null,
    })),
  );
  for (const batch of chunk(commitRows, 4000)) await trx.insertInto('deployment_commits').values(batch).execute();
  return new Map(deployments.map((d, i) => [d.externalId, ownIds[i]!]));
}

/** Inserts or updates incidents (their deployment link is derived later). */
export async function upsertIncidents(trx: Db, incidents: (IncidentEvent & { serviceId: number | null })[]): Promise<void> {
  const existing = await existingOccurred(trx, 'incidents', incidents);
  const occurred = incidents.map((i) => existing.get(`${i.source}\u0000${i.externalId}`)?.getTime() ?? i.createdAt);
  await partitionsFor(trx, 'incidents', occurred);
  for (const batch of chunk(incidents.map((i, n) => ({ i, at: occurred[n]! })), 2000)) {
    await trx
      .insertInto('incidents')
      .values(
        batch.map(({ i, at }) => ({
          org_id: ORG_ID, service_id: i.serviceId, source: i.source, external_id: i.externalId, title: i.title, severity: i.severity, status: i.status,
          created_at: iso(i.createdAt)!, resolved_at: iso(i.resolvedAt), lead_time_minutes: i.leadTimeMinutes, assignees: i.assignees,
          analysis_author: i.analysisAuthor, analysis_url: i.analysisUrl, occurred_at: iso(at)!,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_id', 'source', 'external_id', 'occurred_at']).doUpdateSet((eb) => ({
          service_id: eb.ref('excluded.service_id'), title: eb.ref('excluded.title'), severity: eb.ref('excluded.severity'), status: eb.ref('excluded.status'),
          created_at: eb.ref('excluded.created_at'), resolved_at: eb.ref('excluded.resolved_at'), lead_time_minutes: eb.ref('excluded.lead_time_minutes'),
          assignees: eb.ref('excluded.assignees'), analysis_author: eb.ref('excluded.analysis_author'), analysis_url: eb.ref('excluded.analysis_url'),
        })),
      )
      .execute();
  }
}

/** Inserts or updates pull requests with their commits and comments. */
export async function upsertPullRequests(trx: Db, prs: (PullRequestEvent & { repositoryId: number })[]): Promise<void> {
  const existing = new Map<string, { id: number; occurred: Date }>();
  for (const batch of chunk(prs, 2000)) {
    const rows = await trx
      .selectFrom('pull_requests')
      .select(['id', 'repository_id', 'external_id', 'occurred_at'])
      .where('org_id', '=', ORG_ID)
      .where((eb) => eb.or(batch.map((p) => eb.and([eb('repository_id', '=', p.repositoryId), eb('external_id', '=', p.externalId)]))))
      .execute();
    for (const r of rows) existing.set(`${r.repository_id}\u0000${r.external_id}`, { id: r.id, occurred: r.occurred_at });
  }
  const occurred = prs.map((p) => existing.get(`${p.repositoryId}\u0000${p.externalId}`)?.occurred.getTime() ?? p.createdAt);
  await partitionsFor(trx, 'pull_requests', occurred);
  const idByKey = new Map<string, number>();
  for (const batch of chunk(prs.map((p, i) => ({ p, at: occurred[i]! })), 2000)) {
    const rows = await trx
      .insertInto('pull_requests')
      .values(
        batch.map(({ p, at }) => ({
          org_id: ORG_ID, repository_id: p.repositoryId, external_id: p.externalId, number: p.number, title: p.title, author: p.author, state: p.state,
          created_at: iso(p.createdAt)!, merged_at: iso(p.mergedAt), closed_at: iso(p.closedAt), merge_commit_sha: p.mergeCommitSha, head_sha: p.headSha,
          occurred_at: iso(at)!,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_id', 'repository_id', 'external_id', 'occurred_at']).doUpdateSet((eb) => ({
          number: eb.ref('excluded.number'), title: eb.ref('excluded.title'), author: eb.ref('excluded.author'), state: eb.ref('excluded.state'),
          created_at: eb.ref('excluded.created_at'), merged_at: eb.ref('excluded.merged_at'), closed_at: eb.ref('excluded.closed_at'),
          merge_commit_sha: eb.ref('excluded.merge_commit_sha'), head_sha: eb.ref('excluded.head_sha'),
        })),
      )
      .returning(['id', 'repository_id', 'external_id'])
      .execute();
    for (const r of rows) idByKey.set(`${r.repository_id}\u0000${r.external_id}`, r.id);
  }
  const ids = prs.map((p) => idByKey.get(`${p.repositoryId}\u0000${p.externalId}`)!);
  // A pull request's commits and comments are replaced as a whole: the export is the truth.
  for (const batch of chunk(ids, 5000)) {
    await trx.deleteFrom('pull_request_commits').where('org_id', '=', ORG_ID).where('pull_request_id', 'in', batch).execute();
    await trx.deleteFrom('pull_request_comments').where('org_id', '=', ORG_ID).where('pull_request_id', 'in', batch).execute();
  }
  const commitRows = prs.flatMap((p, i) => [...new Map(p.commits.map((c) => [c.sha, c])).values()].map((c) => ({ org_id: ORG_ID, pull_request_id: ids[i]!, commit_sha: c.sha, authored_at: iso(c.authoredAt) })));
  for (const batch of chunk(commitRows, 5000)) await trx.insertInto('pull_request_commits').values(batch).execute();
  const commentRows = prs.flatMap((p, i) =>
    [...new Map(p.comments.map((c) => [c.externalId, c])).values()].map((c) => ({ org_id: ORG_ID, pull_request_id: ids[i]!, external_id: c.externalId, author: c.author, created_at: iso(c.createdAt)!, occurred_at: iso(c.createdAt)! })),
  );
  await partitionsFor(trx, 'pull_request_comments', prs.flatMap((p) => p.comments.map((c) => c.createdAt)));
  for (const batch of chunk(commentRows, 5000)) await trx.insertInto('pull_request_comments').values(batch).execute();
}

/**
 * Adds commits to a repository's graph, each with its generation; commits already there are left
 * as they are. Parents stored earlier lend their generations: from `generations` (the run's own
 * memory, filled here) or, for the few it lacks, one lookup. If a commit arrives after one of its
 * children (a partial export completed later), the repository's generations are recomputed.
 */
export async function writeCommitGraph(
  trx: Db,
  repositoryId: number,
  nodes: readonly { sha: string; parents: readonly string[] }[],
  options: { parentsFirst?: boolean; generations?: Map<string, number> } = {},
): Promise<number> {
  if (!nodes.length) return 0;
  const memory = options.generations ?? new Map<string, number>();
  const inBatch = new Set(nodes.map((n) => n.sha));
  const outside = [...new Set(nodes.flatMap((n) => n.parents).filter((p) => !inBatch.has(p) && !memory.has(p)))];
  let looked = 0;
  for (const batch of chunk(outside, 20_000)) {
    const { rows } = await sql<{ sha: string; generation: number }>`
      select g.sha, g.generation from unnest(${batch}::text[]) as v(sha)
      join commit_graph g on g.org_id = ${ORG_ID} and g.repository_id = ${repositoryId} and g.sha = v.sha`.execute(trx);
    for (const r of rows) memory.set(r.sha, r.generation);
    looked += rows.length;
  }
  const generations = assignGenerations(nodes, (sha) => memory.get(sha));
  // Arrays unnested server-side: one short statement per batch instead of thousands of bind
  // parameters. Parents travel space-separated (a sha has no spaces) as unnest cannot take a
  // jagged array of arrays.
  let inserted = 0;
  for (const batch of chunk([...nodes], 10_000)) {
    const result = await sql`insert into commit_graph (org_id, repository_id, sha, parent_shas, generation)
      select ${ORG_ID}, ${repositoryId}, v.sha, case when v.parents = '' then '{}'::text[] else string_to_array(v.parents, ' ') end, v.generation
      from unnest(${batch.map((n) => n.sha)}::text[], ${batch.map((n) => n.parents.join(' '))}::text[], ${batch.map((n) => generations.get(n.sha)!)}::int[]) as v(sha, parents, generation)
      on conflict (org_id, repository_id, sha) do nothing`.execute(trx);
    inserted += Number(result.numAffectedRows ?? 0);
  }
  for (const [sha, generation] of generations) memory.set(sha, generation);
  if (!options.parentsFirst && (inserted < nodes.length || looked > 0)) {
    const { rows } = await sql<{ late: boolean }>`select exists (
      select 1 from commit_graph where org_id = ${ORG_ID} and repository_id = ${repositoryId} and parent_shas && ${[...inBatch]}::text[]
        and not (sha = any(${[...inBatch]}::text[]))) as late`.execute(trx);
    if (rows[0]?.late) await recomputeGenerations(trx, repositoryId);
  }
  return inserted;
}

async function recomputeGenerations(trx: Db, repositoryId: number): Promise<void> {
  const all = await trx.selectFrom('commit_graph').select(['sha', 'parent_shas']).where('org_id', '=', ORG_ID).where('repository_id', '=', repositoryId).execute();
  const generations = assignGenerations(all.map((r) => ({ sha: r.sha, parents: r.parent_shas })));
  for (const batch of chunk([...generations], 5000)) {
    await sql`update commit_graph g set generation = v.generation
      from (select unnest(${batch.map(([sha]) => sha)}::text[]) as sha, unnest(${batch.map(([, gen]) => gen)}::int[]) as generation) v
      where g.org_id = ${ORG_ID} and g.repository_id = ${repositoryId} and g.sha = v.sha and g.generation <> v.generation`.execute(trx);
  }
}

/** Stores commits' facts (author, dates, line counts) and adds them to the graph. */
export async function writeCommits(trx: Db, repositoryId: number, commits: readonly GitCommit[], generations?: Map<string, number>): Promise<number> {
  await partitionsFor(trx, 'commits', commits.map((c) => c.committedAt));
  for (const batch of chunk([...commits], 10_000)) {
    const column = <T>(pick: (c: GitCommit) => T) => batch.map(pick);
    await sql`insert into commits (org_id, repository_id, sha, author_name, author_email, authored_at, committer_email, committed_at, additions, deletions, files_changed, subject, occurred_at)
      select ${ORG_ID}, ${repositoryId}, v.sha, v.author_name, v.author_email, to_timestamp(v.authored / 1000.0), v.committer_email, to_timestamp(v.committed / 1000.0),
        v.additions, v.deletions, v.files, v.subject, to_timestamp(v.committed / 1000.0)
      from unnest(${column((c) => c.sha)}::text[], ${column((c) => c.authorName)}::text[], ${column((c) => c.authorEmail)}::text[], ${column((c) => c.authoredAt)}::float8[],
        ${column((c) => c.committerEmail)}::text[], ${column((c) => c.committedAt)}::float8[], ${column((c) => c.additions)}::int[], ${column((c) => c.deletions)}::int[],
        ${column((c) => c.filesChanged)}::int[], ${column((c) => c.subject.slice(0, 500))}::text[])
        as v(sha, author_name, author_email, authored, committer_email, committed, additions, deletions, files, subject)
      on conflict (org_id, repository_id, sha, occurred_at) do nothing`.execute(trx);
  }
  return writeCommitGraph(trx, repositoryId, commits, { parentsFirst: true, generations });
}

/** Inserts or replaces AI-assistant daily rows (a day's report sent again replaces it). */
export async function upsertAiUsage(trx: Db, rows: readonly AiUsageRow[]): Promise<void> {
  await partitionsFor(trx, 'ai_usage_daily', rows.map((r) => Date.parse(`${r.day}T00:00:00Z`)));
  for (const batch of chunk([...rows], 3000)) {
    await trx
      .insertInto('ai_usage_daily')
      .values(
        batch.map((r) => ({
          org_id: ORG_ID, source: r.source, day: r.day, user_key: r.userKey, active_users: r.activeUsers, suggestions: r.suggestions, acceptances: r.acceptances,
          ai_code_lines: r.aiCodeLines, chat_messages: r.chatMessages, details: JSON.stringify(r.details), occurred_at: `${r.day}T00:00:00Z`,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['org_id', 'source', 'user_key', 'occurred_at']).doUpdateSet((eb) => ({
          active_users: eb.ref('excluded.active_users'), suggestions: eb.ref('excluded.suggestions'), acceptances: eb.ref('excluded.acceptances'),
          ai_code_lines: eb.ref('excluded.ai_code_lines'), chat_messages: eb.ref('excluded.chat_messages'), details: eb.ref('excluded.details'),
        })),
      )
      .execute();
  }
}

/** Inserts or replaces SLI samples of resolved services. */
export async function upsertSliSamples(trx: Db, rows: readonly { serviceId: number; metric: string; at: number; value: number }[]): Promise<void> {
  await partitionsFor(trx, 'sli_samples', rows.map((r) => r.at));
  for (const batch of chunk([...rows], 5000)) {
    await trx
      .insertInto('sli_samples')
      .values(batch.map((r) => ({ org_id: ORG_ID, service_id: r.serviceId, metric: r.metric, at: iso(r.at)!, value: r.value, occurred_at: iso(r.at)! })))
      .onConflict((oc) => oc.columns(['org_id', 'service_id', 'metric', 'occurred_at']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
      .execute();
  }
}
