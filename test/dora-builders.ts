import type {
  CicdDeploymentCommit,
  CicdPipeline,
  CicdPipelineCommit,
  CicdTask,
  Incident,
  ProjectMapping,
  PullRequest,
  PullRequestComment,
  PullRequestCommit,
} from '../src/metrics/sources/devlake-tables.ts';

/** Builders for DevLake domain rows: sensible defaults, tests state only what matters to them. */

/** UTC epoch ms of `YYYY-MM-DD HH:MM` (or a full ISO string). */
export const at = (text: string): number => Date.parse(text.includes('T') ? text : `${text.replace(' ', 'T')}:00Z`);

export const mapping = (project: string, scopes: { cicd_scopes?: string[]; repos?: string[]; boards?: string[] }): ProjectMapping[] =>
  Object.entries(scopes).flatMap(([table, ids]) => ids.map((row_id) => ({ project_name: project, table, row_id })));

export const buildPipeline = (id: string, overrides: Partial<CicdPipeline> = {}): CicdPipeline => ({
  id,
  name: id,
  result: 'SUCCESS',
  status: 'DONE',
  type: 'DEPLOYMENT',
  duration_sec: 60,
  environment: 'PRODUCTION',
  created_date: at('2024-01-01 09:00'),
  finished_date: at('2024-01-01 10:00'),
  cicd_scope_id: 'ci1',
  original_status: null,
  original_result: null,
  ...overrides,
});

export const buildTask = (id: string, pipelineId: string, overrides: Partial<CicdTask> = {}): CicdTask => ({
  id,
  name: id,
  pipeline_id: pipelineId,
  result: 'SUCCESS',
  status: 'DONE',
  type: 'DEPLOYMENT',
  environment: 'PRODUCTION',
  duration_sec: 10,
  started_date: null,
  finished_date: null,
  cicd_scope_id: 'ci1',
  ...overrides,
});

export const buildPipelineCommit = (pipelineId: string, sha: string, overrides: Partial<CicdPipelineCommit> = {}): CicdPipelineCommit => ({
  pipeline_id: pipelineId,
  commit_sha: sha,
  branch: 'main',
  repo_id: 'repo1',
  repo_url: 'https://git.example/repo1',
  ...overrides,
});

export const buildDeploymentCommit = (id: string, overrides: Partial<CicdDeploymentCommit> = {}): CicdDeploymentCommit => ({
  id,
  commit_sha: `sha-${id}`,
  cicd_scope_id: 'ci1',
  cicd_deployment_id: `deploy-${id}`,
  name: null,
  result: 'SUCCESS',
  status: 'DONE',
  environment: 'PRODUCTION',
  created_date: null,
  started_date: null,
  finished_date: at('2024-01-01 10:00'),
  duration_sec: null,
  ref_name: null,
  repo_id: 'repo1',
  repo_url: 'REPO1',
  prev_success_deployment_commit_id: null,
  ...overrides,
});

export const buildPullRequest = (id: string, overrides: Partial<PullRequest> = {}): PullRequest => ({
  id,
  base_repo_id: 'repo1',
  author_id: 'author',
  merge_commit_sha: `merge-${id}`,
  created_date: at('2024-01-01 09:00'),
  merged_date: at('2024-01-01 12:00'),
  pull_request_key: null,
  title: null,
  status: 'MERGED',
  ...overrides,
});

export const buildPrCommit = (prId: string, sha: string, authored: string): PullRequestCommit => ({
  pull_request_id: prId,
  commit_sha: sha,
  commit_authored_date: at(authored),
});

export const buildComment = (id: string, prId: string, created: string, account: string | null): PullRequestComment => ({
  id,
  pull_request_id: prId,
  created_date: at(created),
  account_id: account,
});

export const buildIncident = (id: string, overrides: Partial<Incident> = {}): Incident => ({
  id,
  created_date: at('2024-01-02 10:00'),
  resolution_date: null,
  updated_date: null,
  lead_time_minutes: null,
  table: 'boards',
  scope_id: 'board1',
  status: null,
  severity: null,
  ...overrides,
});
