import type { CicdDeploymentCommit, CicdPipeline, CicdPipelineCommit, CicdTask, ProjectMapping } from '../sources/devlake-tables.ts';
import { projectScopeIds } from './project-scope.rules.ts';

export interface DeploymentSources {
  project_mapping: readonly ProjectMapping[];
  cicd_pipelines: readonly CicdPipeline[];
  cicd_tasks: readonly CicdTask[];
  cicd_pipeline_commits: readonly CicdPipelineCommit[];
}

// Skipped runs deployed nothing; only these results make a pipeline or task count.
const NON_SKIPPED = new Set(['SUCCESS', 'FAILURE']);

/**
 * DevLake's `generateDeploymentCommits`: one deployment commit per (pipeline, repo) for every
 * pipeline commit whose pipeline belongs to the project, finished as SUCCESS or FAILURE, and
 * is a deployment (its type, or at least one non-skipped DEPLOYMENT task).
 */
export function generateDeploymentCommits(sources: DeploymentSources, project: string): CicdDeploymentCommit[] {
  const scopes = projectScopeIds(sources.project_mapping, project, 'cicd_scopes');
  const pipelines = new Map(sources.cicd_pipelines.map((p) => [p.id, p]));
  const tasksByPipeline = new Map<string, CicdTask[]>();
  for (const task of sources.cicd_tasks) {
    if (task.pipeline_id === null) continue;
    const list = tasksByPipeline.get(task.pipeline_id) ?? [];
    list.push(task);
    tasksByPipeline.set(task.pipeline_id, list);
  }

  const out: CicdDeploymentCommit[] = [];
  for (const pc of sources.cicd_pipeline_commits) {
    const pipeline = pipelines.get(pc.pipeline_id);
    if (!pipeline || pipeline.cicd_scope_id === null || !scopes.has(pipeline.cicd_scope_id)) continue;
    if (!NON_SKIPPED.has(pipeline.result ?? '')) continue;
    const tasks = (tasksByPipeline.get(pipeline.id) ?? []).filter((t) => NON_SKIPPED.has(t.result ?? ''));
    if (pipeline.type !== 'DEPLOYMENT' && !tasks.some((t) => t.type === 'DEPLOYMENT')) continue;
    out.push({
      id: `${pc.pipeline_id}:${pc.repo_url}`,
      commit_sha: pc.commit_sha,
      cicd_scope_id: pipeline.cicd_scope_id,
      cicd_deployment_id: pc.pipeline_id,
      name: pipeline.name,
      result: pipeline.result,
      status: pipeline.status,
      environment: pipeline.environment || inferEnvironment(tasks),
      created_date: pipeline.created_date,
      started_date: startedDate(pipeline),
      finished_date: pipeline.finished_date,
      duration_sec: pipeline.duration_sec,
      ref_name: pc.branch,
      repo_id: pc.repo_id,
      repo_url: pc.repo_url,
      prev_success_deployment_commit_id: '',
    });
  }
  return out;
}

/**
 * A pipeline with environment left blank deploys to the highest environment among its
 * non-skipped tasks (DevLake assumes one pipeline deploys to one environment).
 */
function inferEnvironment(tasks: readonly CicdTask[]): string {
  for (const environment of ['PRODUCTION', 'STAGING', 'TESTING']) {
    if (tasks.some((t) => t.environment === environment)) return environment;
  }
  return '';
}

/**
 * DevLake never reads the pipeline's started date here: it is finished minus duration. Go's
 * `time.Duration(float) * time.Second` drops the fraction of a second, so do we.
 */
function startedDate(pipeline: CicdPipeline): number | null {
  if (pipeline.finished_date === null || pipeline.duration_sec === null) return null;
  return pipeline.finished_date - Math.trunc(pipeline.duration_sec) * 1000;
}
