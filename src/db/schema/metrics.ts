import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Bigint, Org, Ts, TsNull } from './column-types.ts';

// Engineering metrics (migration 20261129T2020_metrics). Timestamps are read as Date.
export interface MetricsTables {
  services: { id: Generated<number>; org_id: Org; name: string; created_at: CreatedAt };
  repositories: { id: Generated<number>; org_id: Org; key: string; url: string | null; name: string; git_tips: ColumnType<string[], string[] | undefined, string[]>; created_at: CreatedAt };
  service_repositories: { service_id: number; repository_id: number };
  team_services: { team_id: number; service_id: number };
  team_repositories: { team_id: number; repository_id: number };
  person_identities: { org_id: Org; kind: 'email' | 'github' | 'amazon-q' | 'pagerduty'; value: string; person_id: number };
  commit_graph: { org_id: Org; repository_id: number; sha: string; parent_shas: string[]; generation: number };
  commits: {
    org_id: Org; repository_id: number; sha: string; author_name: string; author_email: string; authored_at: Ts;
    committer_email: string; committed_at: Ts; additions: number; deletions: number; files_changed: number; subject: string; occurred_at: Ts;
  };
  pull_requests: {
    id: Bigint; org_id: Org; repository_id: number; external_id: string; number: string | null; title: string | null; author: string | null;
    state: string | null; created_at: Ts; merged_at: TsNull; closed_at: TsNull; merge_commit_sha: string | null; head_sha: string | null; occurred_at: Ts;
  };
  pull_request_commits: { org_id: Org; pull_request_id: number; commit_sha: string; authored_at: TsNull };
  pull_request_comments: { org_id: Org; pull_request_id: number; external_id: string; author: string | null; created_at: Ts; occurred_at: Ts };
  pipelines: {
    id: Bigint; org_id: Org; service_id: number; source: string; external_id: string; name: string | null; result: string | null; status: string | null;
    type: string | null; environment: string | null; duration_sec: number | null; created_at: TsNull; finished_at: TsNull; occurred_at: Ts;
  };
  pipeline_tasks: {
    org_id: Org; pipeline_id: number; external_id: string; name: string | null; type: string | null; result: string | null; environment: string | null;
    started_at: TsNull; finished_at: TsNull; occurred_at: Ts;
  };
  deployments: {
    id: Bigint; org_id: Org; service_id: number; source: string; external_id: string; name: string | null; environment: string | null;
    result: string | null; started_at: TsNull; finished_at: TsNull; occurred_at: Ts;
  };
  deployment_commits: {
    org_id: Org; deployment_id: number; deployment_key: string; repository_id: number; service_id: number; commit_sha: string; environment: string | null;
    result: string | null; started_at: TsNull; finished_at: TsNull; prev_deployment_id: number | null;
  };
  deployment_diffs: { org_id: Org; deployment_id: number; repository_id: number; commit_sha: string };
  incidents: {
    id: Bigint; org_id: Org; service_id: number | null; source: string; external_id: string; title: string | null; severity: string | null;
    status: string | null; created_at: Ts; resolved_at: TsNull; lead_time_minutes: number | null; assignees: ColumnType<string[], string[] | undefined, string[]>;
    analysis_author: string | null; analysis_url: string | null; deployment_id: number | null; deployment_finished_at: TsNull; occurred_at: Ts;
  };
  pr_deployments: {
    org_id: Org; pull_request_id: number; service_id: number; deployment_id: number; merge_commit_sha: string | null; first_commit_sha: string | null; first_review_id: string | null;
    coding_minutes: number | null; pickup_minutes: number | null; review_minutes: number | null; deploy_minutes: number | null; cycle_minutes: number;
    first_commit_at: TsNull; first_review_at: TsNull; created_at: TsNull; merged_at: TsNull; deployed_at: Ts;
  };
  deployment_days: { org_id: Org; service_id: number; day: string; deployments: number; failed: number };
  sli_samples: { org_id: Org; service_id: number; metric: string; at: Ts; value: number; occurred_at: Ts };
  slo_targets: { id: Generated<number>; org_id: Org; service_id: number; name: string; definition: Json<unknown> };
  operational_items: {
    org_id: Org; service_id: number; source: string; external_id: string; kind: 'vulnerability' | 'ticket'; severity: string | null; title: string | null;
    opened_at: Ts; resolved_at: TsNull; occurred_at: Ts;
  };
  oncall_shifts: { org_id: Org; service_id: number | null; schedule: string; person_ref: string; starts_at: Ts; ends_at: Ts; occurred_at: Ts };
  oncall_pages: {
    org_id: Org; service_id: number | null; source: string; external_id: string; person_ref: string; incident_external_id: string | null; at: Ts; occurred_at: Ts;
  };
  ai_usage_daily: {
    org_id: Org; source: 'amazon-q' | 'copilot'; day: string; user_key: string; active_users: number; suggestions: number; acceptances: number;
    ai_code_lines: number; chat_messages: number; details: Json<Record<string, number>>; occurred_at: Ts;
  };
  webhook_sources: {
    org_id: Org; name: string; secret: string; created_at: CreatedAt;
    // Migration 20261129T2125_metrics_webhook_rotation.
    previous_secret: string | null; previous_valid_until: TsNull; rotated_at: TsNull;
  };
}
