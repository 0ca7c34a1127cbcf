import type { CicdDeploymentCommit, CommitParent, CommitsDiff, ProjectMapping, RepoCommit } from '../sources/devlake-tables.ts';
import { buildCommitGraph, commitsBetween } from './commit-graph.rules.ts';
import { compareNullsFirst, compareText, projectScopeIds } from './project-scope.rules.ts';

export interface DiffSources {
  project_mapping: readonly ProjectMapping[];
  cicd_deployment_commits: readonly CicdDeploymentCommit[];
  repo_commits: readonly RepoCommit[];
  commit_parents: readonly CommitParent[];
}

export interface FinishedCommitsDiff {
  new_commit_sha: string;
  old_commit_sha: string;
}

/**
 * DevLake refdiff's `calculateDeploymentCommitsDiff`: for every deployment commit of the
 * project (any result, any environment), the commits its sha adds over its previous successful
 * deployment commit's sha (`''` when it has none), numbered from 1 in walk order. Each
 * (new, old) pair is computed once and reported as finished.
 */
export function calculateDeploymentCommitsDiffs(sources: DiffSources, project: string): { diffs: CommitsDiff[]; finished: FinishedCommitsDiff[] } {
  const scopes = projectScopeIds(sources.project_mapping, project, 'cicd_scopes');
  const shasById = new Map<string, string[]>();
  for (const dc of sources.cicd_deployment_commits) {
    const list = shasById.get(dc.id) ?? [];
    list.push(dc.commit_sha);
    shasById.set(dc.id, list);
  }
  const deployments = sources.cicd_deployment_commits
    .filter((dc) => dc.cicd_scope_id !== null && scopes.has(dc.cicd_scope_id))
    .sort(
      (a, b) =>
        compareText(a.cicd_scope_id!, b.cicd_scope_id!) ||
        compareText(a.repo_url, b.repo_url) ||
        compareText(a.environment ?? '', b.environment ?? '') ||
        compareNullsFirst(a.started_date, b.started_date) ||
        compareText(a.id, b.id),
    );
  const pairs = new Map<string, FinishedCommitsDiff>();
  for (const dc of deployments) {
    // SQL joins the previous row by id; an id is not unique (the key is id + sha), so each
    // row with that id is a candidate, and a missing one reads as '' (Go's zero string).
    const previousShas = dc.prev_success_deployment_commit_id ? (shasById.get(dc.prev_success_deployment_commit_id) ?? ['']) : [''];
    for (const old of previousShas) {
      const pair = { new_commit_sha: dc.commit_sha, old_commit_sha: old };
      pairs.set(JSON.stringify([pair.new_commit_sha, pair.old_commit_sha]), pair);
    }
  }
  if (pairs.size === 0) return { diffs: [], finished: [] };

  const graph = buildCommitGraph(projectParentEdges(sources, project));
  const diffs: CommitsDiff[] = [];
  for (const pair of pairs.values()) {
    commitsBetween(graph, pair.old_commit_sha, pair.new_commit_sha).forEach((sha, i) =>
      diffs.push({ ...pair, commit_sha: sha, sorting_index: i + 1 }),
    );
  }
  return { diffs, finished: [...pairs.values()] };
}

/** The parent edges of commits in the project's repos, in file order. */
function* projectParentEdges(sources: DiffSources, project: string): Generator<CommitParent> {
  const repos = projectScopeIds(sources.project_mapping, project, 'repos');
  const projectCommits = new Set<string>();
  for (const rc of sources.repo_commits) if (repos.has(rc.repo_id)) projectCommits.add(rc.commit_sha);
  for (const edge of sources.commit_parents) if (projectCommits.has(edge.commit_sha)) yield edge;
}
