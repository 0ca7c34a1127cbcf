import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DiffWalk, type GraphNode } from './dora/diff-walk.rules.ts';
import { ORG_ID } from './partitions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

// Ancestors fetched along with each wanted commit: a deployment usually ships a handful of
// commits, so one query per walk is the common case.
const PREFETCH_DEPTH = 24;

/** Commit nodes already read, per repository, shared by the walks of one derivation. */
export type NodeCache = Map<string, GraphNode | null>;

/**
 * The commits `newSha` adds over `oldSha` in a repository (DevLake refdiff's set), walked over
 * the stored graph: each step fetches the commits the walk is waiting for and some of their
 * ancestors in one query. Commits the graph lacks are parentless, as in DevLake.
 */
export async function diffCommits(trx: Db, repositoryId: number, oldSha: string, newSha: string, cache: NodeCache = new Map()): Promise<string[]> {
  await prefetchBetween(trx, repositoryId, oldSha, newSha, cache);
  const walk = new DiffWalk(newSha, oldSha);
  for (let wanted = walk.wanted(); wanted.length; wanted = walk.wanted()) {
    const missing = wanted.filter((sha) => !cache.has(sha));
    if (missing.length) {
      for (const node of await fetchWithAncestors(trx, repositoryId, missing)) cache.set(node.sha, node);
      for (const sha of missing) if (!cache.has(sha)) cache.set(sha, null);
    }
    walk.provide(new Map(wanted.map((sha) => [sha, cache.get(sha) ?? null])));
  }
  return walk.result();
}

// Most of a diff lies between the two commits' generations; merged branches reach a little below.
const WINDOW_BELOW = 64;
const WINDOW_MAX = 200_000;

/**
 * Loads the commits whose generation lies between the old commit's (less a margin) and the new
 * one's in one indexed range query: for a deployment after the previous one, that is the whole
 * walk, so it needs no further round trip. Skipped when the window is huge (a first deployment).
 */
async function prefetchBetween(trx: Db, repositoryId: number, oldSha: string, newSha: string, cache: NodeCache): Promise<void> {
  const ends = [newSha, oldSha].filter((sha) => sha && !cache.has(sha));
  if (ends.length) {
    const rows = await trx.selectFrom('commit_graph').select(['sha', 'parent_shas', 'generation']).where('org_id', '=', ORG_ID).where('repository_id', '=', repositoryId).where('sha', 'in', ends).execute();
    for (const r of rows) cache.set(r.sha, { sha: r.sha, parents: r.parent_shas, generation: r.generation });
  }
  const top = cache.get(newSha)?.generation;
  const bottom = oldSha ? cache.get(oldSha)?.generation : undefined;
  if (top === undefined || bottom === undefined) return;
  const low = Math.max(1, Math.min(top, bottom) - WINDOW_BELOW);
  if (top - low > WINDOW_MAX) return;
  // Parents as one space-separated string: the drivers' array parsers cost more than a split.
  const { rows } = await sql<{ sha: string; parents: string; generation: number }>`
    select sha, array_to_string(parent_shas, ' ') as parents, generation from commit_graph
    where org_id = ${ORG_ID} and repository_id = ${repositoryId} and generation >= ${low} and generation <= ${Math.max(top, bottom)}`.execute(trx);
  for (const r of rows) if (!cache.has(r.sha)) cache.set(r.sha, { sha: r.sha, parents: r.parents ? r.parents.split(' ') : [], generation: r.generation });
}

async function fetchWithAncestors(trx: Db, repositoryId: number, shas: string[]): Promise<GraphNode[]> {
  const { rows } = await sql<{ sha: string; parents: string; generation: number }>`
    with recursive walk(sha, depth) as (
      select s, 0 from unnest(${shas}::text[]) as s
      union
      select p.parent, w.depth + 1
      from walk w
      join commit_graph g on g.org_id = ${ORG_ID} and g.repository_id = ${repositoryId} and g.sha = w.sha
      cross join lateral unnest(g.parent_shas) as p(parent)
      where w.depth < ${PREFETCH_DEPTH}
    )
    select g.sha, array_to_string(g.parent_shas, ' ') as parents, g.generation from commit_graph g
    where g.org_id = ${ORG_ID} and g.repository_id = ${repositoryId} and g.sha in (select distinct sha from walk)`.execute(trx);
  return rows.map((r) => ({ sha: r.sha, parents: r.parents ? r.parents.split(' ') : [], generation: r.generation }));
}

/**
 * The deployed commits a repository does not have, among repositories that have commits stored:
 * a deployment of a commit the repository never had is bad input. A repository without any
 * stored commits (deployments known, code not ingested) accepts every sha.
 */
export async function missingCommits(trx: Db, pairs: readonly { repositoryId: number; sha: string }[]): Promise<{ repositoryId: number; sha: string }[]> {
  if (!pairs.length) return [];
  const repositories = [...new Set(pairs.map((p) => p.repositoryId))];
  const { rows: populated } = await sql<{ repository_id: number }>`
    select r.id as repository_id from unnest(${repositories}::int[]) as r(id)
    where exists (select 1 from commit_graph g where g.org_id = ${ORG_ID} and g.repository_id = r.id)`.execute(trx);
  const withCommits = new Set(populated.map((r) => r.repository_id));
  const candidates = pairs.filter((p) => withCommits.has(p.repositoryId));
  if (!candidates.length) return [];
  const { rows } = await sql<{ repository_id: number; sha: string }>`
    select v.repository_id, v.sha from unnest(${candidates.map((c) => c.repositoryId)}::int[], ${candidates.map((c) => c.sha)}::text[]) as v(repository_id, sha)
    where not exists (select 1 from commit_graph g where g.org_id = ${ORG_ID} and g.repository_id = v.repository_id and g.sha = v.sha)`.execute(trx);
  return rows.map((r) => ({ repositoryId: r.repository_id, sha: r.sha }));
}
