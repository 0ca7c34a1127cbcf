import type {
  CicdDeploymentCommit,
  CommitsDiff,
  ProjectMapping,
  PullRequest,
  PullRequestComment,
  PullRequestCommit,
} from '../sources/devlake-tables.ts';
import { MS_PER_MINUTE } from '../timestamps.rules.ts';
import { compareNullsFirst, compareText, projectScopeIds } from './project-scope.rules.ts';

/** One row of DevLake's `project_pr_metrics` (durations in whole minutes). */
export interface ProjectPrMetric {
  id: string;
  project_name: string;
  first_commit_sha: string;
  pr_coding_time: number | null;
  first_review_id: string;
  pr_pickup_time: number | null;
  pr_review_time: number | null;
  deployment_commit_id: string;
  pr_deploy_time: number | null;
  pr_cycle_time: number;
  first_commit_authored_date: number | null;
  first_comment_date: number | null;
  pr_created_date: number | null;
  pr_merged_date: number | null;
  pr_deployed_date: number | null;
}

export interface LeadTimeSources {
  project_mapping: readonly ProjectMapping[];
  pull_requests: readonly PullRequest[];
  pull_request_commits: readonly PullRequestCommit[];
  pull_request_comments: readonly PullRequestComment[];
  cicd_deployment_commits: readonly CicdDeploymentCommit[];
  commits_diffs: readonly CommitsDiff[];
}

export interface LeadTimeOptions {
  /**
   * DevLake ignores a deployment with no previous successful deployment: its diff is the
   * whole history, so a first deployment after a backfill would give every old PR a huge
   * deploy time. `true` counts it anyway (Four Keys and Middleware have no such guard).
   */
  includeFirstDeployment?: boolean;
}

/**
 * DevLake's span: whole minutes rounded up; a negative span is no value. Go's `math.Ceil`
 * turns a span between -1 and 0 minutes into 0, which is not negative, so it stays 0.
 */
export function spanMinutes(start: number | null, end: number | null): number | null {
  if (start === null || end === null) return null;
  const minutes = Math.ceil((end - start) / MS_PER_MINUTE);
  return minutes < 0 ? null : minutes + 0;
}

/**
 * DevLake's `calculateChangeLeadTime`: one row per merged PR whose base repo is in the project,
 * with coding (first commit to PR creation), pickup (creation to first review), review (first
 * review to merge), deploy (merge to the first production deployment that shipped the merge
 * commit) and cycle time (their sum, missing parts counted as 0).
 */
export function calculateChangeLeadTime(sources: LeadTimeSources, project: string, options: LeadTimeOptions = {}): ProjectPrMetric[] {
  const repos = projectScopeIds(sources.project_mapping, project, 'repos');
  const prs = sources.pull_requests.filter((pr) => pr.base_repo_id !== null && repos.has(pr.base_repo_id));
  const firstCommits = firstCommitByPr(sources.pull_request_commits);
  const firstReviews = firstReviewByPr(sources.pull_request_comments, new Map(prs.map((pr) => [pr.id, pr.author_id])));
  const deployments = firstDeploymentByMergeSha(sources, project, options);

  return prs
    .filter((pr) => pr.merged_date !== null)
    .map((pr) => prLeadTime(pr, project, { firstCommit: firstCommits.get(pr.id), firstReview: firstReviews.get(pr.id), deployment: deployments.get(pr.merge_commit_sha ?? '') }));
}

/**
 * One merged PR's row of `project_pr_metrics`, given its earliest commit, its first review and
 * the first deployment that shipped its merge commit (each possibly absent).
 */
export function prLeadTime(
  pr: PullRequest,
  project: string,
  found: { firstCommit?: PullRequestCommit | undefined; firstReview?: PullRequestComment | undefined; deployment?: CicdDeploymentCommit | undefined },
): ProjectPrMetric {
  const { firstCommit, firstReview, deployment } = found;
  const coding = firstCommit ? spanMinutes(firstCommit.commit_authored_date, pr.created_date) : null;
  const open = spanMinutes(pr.created_date, pr.merged_date);
  const deployed = deployment?.finished_date != null ? deployment : undefined;
  const deploy = deployed ? spanMinutes(pr.merged_date, deployed.finished_date) : null;
  return {
    id: pr.id,
    project_name: project,
    first_commit_sha: firstCommit?.commit_sha ?? '',
    pr_coding_time: coding,
    first_review_id: firstReview?.id ?? '',
    pr_pickup_time: firstReview ? spanMinutes(pr.created_date, firstReview.created_date) : null,
    pr_review_time: firstReview ? spanMinutes(firstReview.created_date, pr.merged_date) : null,
    deployment_commit_id: deployed?.id ?? '',
    pr_deploy_time: deploy,
    pr_cycle_time: (coding ?? 0) + (open ?? 0) + (deploy ?? 0),
    first_commit_authored_date: firstCommit?.commit_authored_date ?? null,
    first_comment_date: firstReview?.created_date ?? null,
    pr_created_date: pr.created_date,
    pr_merged_date: pr.merged_date,
    pr_deployed_date: deployed?.finished_date ?? null,
  };
}

/** The earliest-authored commit of each PR (ties: the smaller sha, for a repeatable answer). */
export function firstCommitByPr(commits: readonly PullRequestCommit[]): Map<string, PullRequestCommit> {
  const first = new Map<string, PullRequestCommit>();
  for (const c of commits) {
    if (c.commit_authored_date === null) continue;
    const best = first.get(c.pull_request_id);
    if (!best || c.commit_authored_date < best.commit_authored_date! || (c.commit_authored_date === best.commit_authored_date && c.commit_sha < best.commit_sha)) {
      first.set(c.pull_request_id, c);
    }
  }
  return first;
}

/**
 * The earliest comment of each PR by someone other than its author. A PR without an author
 * takes every comment; a comment without an account never differs from an author in SQL
 * (`NULL != 'a'` is not true), so it only counts on PRs without an author.
 */
export function firstReviewByPr(comments: readonly PullRequestComment[], authorOf: ReadonlyMap<string, string | null>): Map<string, PullRequestComment> {
  const first = new Map<string, PullRequestComment>();
  for (const c of comments) {
    if (c.pull_request_id === null || c.created_date === null || !authorOf.has(c.pull_request_id)) continue;
    const author = authorOf.get(c.pull_request_id);
    const isReview = !author || (c.account_id !== null && c.account_id !== author);
    if (!isReview) continue;
    const best = first.get(c.pull_request_id);
    if (!best || c.created_date < best.created_date! || (c.created_date === best.created_date && c.id < best.id)) first.set(c.pull_request_id, c);
  }
  return first;
}

/**
 * For each merge commit, the first successful production deployment commit of the project whose
 * diff against its previous successful deployment contains it (by started date, then id).
 */
function firstDeploymentByMergeSha(sources: LeadTimeSources, project: string, options: LeadTimeOptions): Map<string, CicdDeploymentCommit> {
  const scopes = projectScopeIds(sources.project_mapping, project, 'cicd_scopes');
  const shasById = new Map<string, string[]>();
  for (const dc of sources.cicd_deployment_commits) {
    const list = shasById.get(dc.id) ?? [];
    list.push(dc.commit_sha);
    shasById.set(dc.id, list);
  }
  const diffsByPair = new Map<string, string[]>();
  for (const d of sources.commits_diffs) {
    const key = JSON.stringify([d.new_commit_sha, d.old_commit_sha]);
    const list = diffsByPair.get(key) ?? [];
    list.push(d.commit_sha);
    diffsByPair.set(key, list);
  }
  const candidates = sources.cicd_deployment_commits
    .filter(
      (dc) =>
        (options.includeFirstDeployment || !!dc.prev_success_deployment_commit_id) &&
        dc.environment === 'PRODUCTION' &&
        dc.result === 'SUCCESS' &&
        dc.cicd_scope_id !== null &&
        scopes.has(dc.cicd_scope_id),
    )
    .sort((a, b) => compareNullsFirst(a.started_date, b.started_date) || compareText(a.id, b.id));
  const byMergeSha = new Map<string, CicdDeploymentCommit>();
  for (const dc of candidates) {
    const previousShas = dc.prev_success_deployment_commit_id ? (shasById.get(dc.prev_success_deployment_commit_id) ?? ['']) : [''];
    for (const old of previousShas) {
      for (const sha of diffsByPair.get(JSON.stringify([dc.commit_sha, old])) ?? []) {
        if (!byMergeSha.has(sha)) byMergeSha.set(sha, dc);
      }
    }
  }
  return byMergeSha;
}
