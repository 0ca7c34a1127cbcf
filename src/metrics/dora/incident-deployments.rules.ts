import type { CicdDeploymentCommit, Incident, ProjectMapping } from '../sources/devlake-tables.ts';
import { MS_PER_MINUTE } from '../timestamps.rules.ts';
import { compareText, projectScopeIds } from './project-scope.rules.ts';

/** One row of DevLake's `project_incident_deployment_relationships`. */
export interface IncidentDeploymentRelationship {
  /** The incident id. */
  id: string;
  project_name: string;
  /** The deployment (`cicd_deployment_id`), not the deployment commit. */
  deployment_id: string;
}

export interface IncidentLinkSources {
  project_mapping: readonly ProjectMapping[];
  incidents: readonly Incident[];
  cicd_deployment_commits: readonly CicdDeploymentCommit[];
}

export interface IncidentLinkOptions {
  /**
   * DevLake blames the most recent production deployment however long before the incident it
   * finished. With a gap, an incident more than this many minutes after it is linked to none.
   */
  maxGapMinutes?: number | null;
}

/**
 * DevLake's `ConnectIncidentToDeployment`: each incident of the project (its `table` and
 * `scope_id` are mapped to the project) is caused by the most recent successful production
 * deployment of the project's CI/CD scopes that finished strictly before it was created.
 */
export function connectIncidentsToDeployments(
  sources: IncidentLinkSources,
  project: string,
  options: IncidentLinkOptions = {},
): IncidentDeploymentRelationship[] {
  const mapped = new Set(sources.project_mapping.filter((m) => m.project_name === project).map((m) => JSON.stringify([m.table, m.row_id])));
  const scopes = projectScopeIds(sources.project_mapping, project, 'cicd_scopes');
  // Latest first; DevLake leaves ties unordered, the deployment commit id settles ours.
  const deployments = sources.cicd_deployment_commits
    .filter(
      (dc) =>
        dc.result === 'SUCCESS' && dc.environment === 'PRODUCTION' && dc.finished_date !== null && dc.cicd_scope_id !== null && scopes.has(dc.cicd_scope_id),
    )
    .sort((a, b) => b.finished_date! - a.finished_date! || compareText(a.id, b.id));
  const finished = deployments.map((d) => d.finished_date!);

  const out: IncidentDeploymentRelationship[] = [];
  for (const incident of sources.incidents) {
    if (incident.created_date === null || !mapped.has(JSON.stringify([incident.table, incident.scope_id]))) continue;
    const index = firstFinishedBefore(finished, incident.created_date);
    const cause = deployments[index];
    if (!cause?.cicd_deployment_id) continue;
    const gap = options.maxGapMinutes;
    if (gap != null && incident.created_date - cause.finished_date! > gap * MS_PER_MINUTE) continue;
    out.push({ id: incident.id, project_name: project, deployment_id: cause.cicd_deployment_id });
  }
  return out;
}

/** Index of the first value below `limit` in a descending list (binary search). */
function firstFinishedBefore(descending: readonly number[], limit: number): number {
  let lo = 0;
  let hi = descending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (descending[mid]! < limit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
