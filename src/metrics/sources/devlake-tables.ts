/**
 * The DevLake domain tables Highbar reads, with DevLake's column names.
 *
 * A column is `required` when a derivation reads it and its absence would silently change the
 * answer; every other known column is optional and reads as NULL when absent. Columns the
 * file has but we do not know are ignored, as DevLake's CSV exports carry many.
 */

export type ColumnType = 'text' | 'key' | 'timestamp' | 'number';

export interface ColumnSpec {
  name: string;
  /**
   * `text`: an empty cell is NULL (DevLake's harness imports CSVs this way);
   * `key`: a primary-key part, never NULL, so an empty cell is the empty string (the harness's
   * nullable import does the same for `commits_diffs.old_commit_sha`, where `''` means "no
   * previous deployment" and must stay `''`).
   */
  type: ColumnType;
  required?: boolean;
  /** Allowed values besides empty; anything else is refused as bad input. */
  values?: readonly string[];
}

export interface TableSpec {
  name: TableName;
  columns: readonly ColumnSpec[];
  /** Columns whose values identify a row; a repeated key is refused. */
  primaryKey: readonly string[];
}

/** `result` of DevLake's cicd_pipelines, cicd_tasks and cicd_deployment_commits. */
export const RESULTS = ['SUCCESS', 'FAILURE', 'ABORT', 'MANUAL', 'SKIPPED'] as const;
/** `environment` as DevLake's transformation rules set it. */
export const ENVIRONMENTS = ['PRODUCTION', 'STAGING', 'TESTING'] as const;

const key = (name: string): ColumnSpec => ({ name, type: 'key', required: true });
const text = (name: string, required = false): ColumnSpec => ({ name, type: 'text', required });
const time = (name: string, required = false): ColumnSpec => ({ name, type: 'timestamp', required });
const num = (name: string, required = false): ColumnSpec => ({ name, type: 'number', required });
const result: ColumnSpec = { name: 'result', type: 'text', required: true, values: RESULTS };
const environment: ColumnSpec = { name: 'environment', type: 'text', required: true, values: ENVIRONMENTS };

export const TABLE_SPECS = {
  project_mapping: { columns: [key('project_name'), key('table'), key('row_id')], primaryKey: ['project_name', 'table', 'row_id'] },
  repos: { columns: [key('id'), text('name'), text('url')], primaryKey: ['id'] },
  cicd_scopes: { columns: [key('id'), text('name'), text('url')], primaryKey: ['id'] },
  cicd_pipelines: {
    columns: [
      key('id'), text('name'), result, text('status'), text('type', true), num('duration_sec'), environment,
      time('created_date'), time('finished_date', true), text('cicd_scope_id', true), text('original_status'), text('original_result'),
    ],
    primaryKey: ['id'],
  },
  cicd_tasks: {
    columns: [
      key('id'), text('name'), text('pipeline_id', true), result, text('status'), text('type', true), environment,
      num('duration_sec'), time('started_date'), time('finished_date'), text('cicd_scope_id'),
    ],
    primaryKey: ['id'],
  },
  cicd_pipeline_commits: {
    columns: [key('pipeline_id'), key('commit_sha'), text('branch'), text('repo_id'), { name: 'repo_url', type: 'key', required: true }],
    primaryKey: ['pipeline_id', 'commit_sha'],
  },
  cicd_deployment_commits: {
    columns: [
      key('id'), key('commit_sha'), text('cicd_scope_id', true), text('cicd_deployment_id'), text('name'), result, text('status'),
      environment, time('created_date'), time('started_date'), time('finished_date'), num('duration_sec'), text('ref_name'),
      text('repo_id'), { name: 'repo_url', type: 'key', required: true }, text('prev_success_deployment_commit_id'),
    ],
    primaryKey: ['id', 'commit_sha'],
  },
  repo_commits: { columns: [key('repo_id'), key('commit_sha')], primaryKey: ['repo_id', 'commit_sha'] },
  commit_parents: { columns: [key('commit_sha'), key('parent_commit_sha')], primaryKey: ['commit_sha', 'parent_commit_sha'] },
  commits_diffs: {
    columns: [key('new_commit_sha'), key('old_commit_sha'), key('commit_sha'), num('sorting_index')],
    primaryKey: ['new_commit_sha', 'old_commit_sha', 'commit_sha'],
  },
  pull_requests: {
    columns: [
      key('id'), text('base_repo_id', true), text('author_id'), text('merge_commit_sha', true), time('created_date', true),
      time('merged_date', true), text('pull_request_key'), text('title'), text('status'),
    ],
    primaryKey: ['id'],
  },
  pull_request_commits: {
    columns: [key('commit_sha'), key('pull_request_id'), time('commit_authored_date', true)],
    primaryKey: ['commit_sha', 'pull_request_id'],
  },
  pull_request_comments: {
    columns: [key('id'), text('pull_request_id', true), time('created_date', true), text('account_id', true)],
    primaryKey: ['id'],
  },
  incidents: {
    columns: [
      key('id'), time('created_date', true), time('resolution_date'), time('updated_date'), num('lead_time_minutes'),
      text('table', true), text('scope_id', true), text('status'), text('severity'),
    ],
    primaryKey: ['id'],
  },
} as const satisfies Record<string, Omit<TableSpec, 'name'>>;

export type TableName = keyof typeof TABLE_SPECS;
export const TABLE_NAMES = Object.keys(TABLE_SPECS) as TableName[];

export function tableSpec(name: TableName): TableSpec {
  return { name, ...TABLE_SPECS[name] };
}

/** Epoch milliseconds (UTC) or NULL. */
export type Timestamp = number | null;

export interface ProjectMapping { project_name: string; table: string; row_id: string }
export interface Repo { id: string; name: string | null; url: string | null }
export interface CicdScope { id: string; name: string | null; url: string | null }
export interface CicdPipeline {
  id: string; name: string | null; result: string | null; status: string | null; type: string | null;
  duration_sec: number | null; environment: string | null; created_date: Timestamp; finished_date: Timestamp;
  cicd_scope_id: string | null; original_status: string | null; original_result: string | null;
}
export interface CicdTask {
  id: string; name: string | null; pipeline_id: string | null; result: string | null; status: string | null;
  type: string | null; environment: string | null; duration_sec: number | null; started_date: Timestamp;
  finished_date: Timestamp; cicd_scope_id: string | null;
}
export interface CicdPipelineCommit { pipeline_id: string; commit_sha: string; branch: string | null; repo_id: string | null; repo_url: string }
export interface CicdDeploymentCommit {
  id: string; commit_sha: string; cicd_scope_id: string | null; cicd_deployment_id: string | null; name: string | null;
  result: string | null; status: string | null; environment: string | null; created_date: Timestamp; started_date: Timestamp;
  finished_date: Timestamp; duration_sec: number | null; ref_name: string | null; repo_id: string | null; repo_url: string;
  prev_success_deployment_commit_id: string | null;
}
export interface RepoCommit { repo_id: string; commit_sha: string }
export interface CommitParent { commit_sha: string; parent_commit_sha: string }
export interface CommitsDiff { new_commit_sha: string; old_commit_sha: string; commit_sha: string; sorting_index: number | null }
export interface PullRequest {
  id: string; base_repo_id: string | null; author_id: string | null; merge_commit_sha: string | null; created_date: Timestamp;
  merged_date: Timestamp; pull_request_key: string | null; title: string | null; status: string | null;
}
export interface PullRequestCommit { commit_sha: string; pull_request_id: string; commit_authored_date: Timestamp }
export interface PullRequestComment { id: string; pull_request_id: string | null; created_date: Timestamp; account_id: string | null }
export interface Incident {
  id: string; created_date: Timestamp; resolution_date: Timestamp; updated_date: Timestamp; lead_time_minutes: number | null;
  table: string | null; scope_id: string | null; status: string | null; severity: string | null;
}

/** Every input table, each as its rows (a missing file is an empty table). */
export interface DevLakeTables {
  project_mapping: ProjectMapping[];
  repos: Repo[];
  cicd_scopes: CicdScope[];
  cicd_pipelines: CicdPipeline[];
  cicd_tasks: CicdTask[];
  cicd_pipeline_commits: CicdPipelineCommit[];
  cicd_deployment_commits: CicdDeploymentCommit[];
  repo_commits: RepoCommit[];
  commit_parents: CommitParent[];
  commits_diffs: CommitsDiff[];
  pull_requests: PullRequest[];
  pull_request_commits: PullRequestCommit[];
  pull_request_comments: PullRequestComment[];
  incidents: Incident[];
}

/** The tables whose file was present, which the pipeline takes as they are instead of deriving. */
export type PresentTables = ReadonlySet<TableName>;

export function emptyTables(): DevLakeTables {
  return {
    project_mapping: [], repos: [], cicd_scopes: [], cicd_pipelines: [], cicd_tasks: [], cicd_pipeline_commits: [],
    cicd_deployment_commits: [], repo_commits: [], commit_parents: [], commits_diffs: [], pull_requests: [],
    pull_request_commits: [], pull_request_comments: [], incidents: [],
  };
}
