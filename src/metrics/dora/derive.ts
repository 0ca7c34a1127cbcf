import type { LoadedFolder } from '../sources/devlake-folder.ts';
import type { CicdDeploymentCommit, CommitsDiff } from '../sources/devlake-tables.ts';
import { calculateChangeLeadTime, type ProjectPrMetric } from './change-lead-time.rules.ts';
import { calculateDeploymentCommitsDiffs } from './commits-diffs.rules.ts';
import { generateDeploymentCommits } from './deployment-commits.rules.ts';
import type { DevLakeMetricTables } from './four-keys.rules.ts';
import { connectIncidentsToDeployments, type IncidentDeploymentRelationship } from './incident-deployments.rules.ts';
import { enrichPrevSuccessDeploymentCommits } from './prev-success.rules.ts';

export const DERIVED_TABLES = ['cicd_deployment_commits', 'commits_diffs', 'project_pr_metrics', 'project_incident_deployment_relationships'] as const;
export type DerivedTableName = (typeof DERIVED_TABLES)[number];

export interface DeriveOptions {
  /** Count a deployment without a previous successful one for lead time (DevLake: no). */
  includeFirstDeployment?: boolean;
  /** Longest time from a deployment's finish to an incident it is blamed for (DevLake: none). */
  incidentMaxGapMinutes?: number | null;
}

/**
 * DevLake's DORA pipeline over a folder of tables. As in DevLake, each step consumes its input
 * tables as they are: a derived table the step needs is taken from the folder when its file is
 * there, and computed from the tables before it otherwise.
 */
export class DoraPipeline {
  // Each step runs once per pipeline; later steps reuse the earlier results.
  private cache = new Map<string, unknown>();

  constructor(
    private readonly folder: LoadedFolder,
    private readonly project: string,
    private readonly options: DeriveOptions = {},
  ) {}

  /** `generateDeploymentCommits` (unless the folder has them), then `enrichPrevSuccessDeploymentCommits`. */
  deploymentCommits(recomputePrevious = false): CicdDeploymentCommit[] {
    return this.once(`deployments:${recomputePrevious}`, () => this.computeDeploymentCommits(recomputePrevious));
  }

  private computeDeploymentCommits(recomputePrevious: boolean): CicdDeploymentCommit[] {
    const { tables, present } = this.folder;
    if (present.has('cicd_deployment_commits') && !recomputePrevious) return tables.cicd_deployment_commits;
    const rows = present.has('cicd_deployment_commits') ? tables.cicd_deployment_commits : generateDeploymentCommits(tables, this.project);
    return enrichPrevSuccessDeploymentCommits(rows, tables.project_mapping, this.project);
  }

  /** refdiff's `calculateDeploymentCommitsDiff` (unless the folder has `commits_diffs` and `useFolder`). */
  commitsDiffs(useFolder = true): CommitsDiff[] {
    if (useFolder && this.folder.present.has('commits_diffs')) return this.folder.tables.commits_diffs;
    return this.once('diffs', () => calculateDeploymentCommitsDiffs({ ...this.folder.tables, cicd_deployment_commits: this.deploymentCommits() }, this.project).diffs);
  }

  projectPrMetrics(): ProjectPrMetric[] {
    return this.once('prMetrics', () => {
      const sources = { ...this.folder.tables, cicd_deployment_commits: this.deploymentCommits(), commits_diffs: this.commitsDiffs() };
      return calculateChangeLeadTime(sources, this.project, { includeFirstDeployment: this.options.includeFirstDeployment ?? false });
    });
  }

  incidentDeploymentRelationships(): IncidentDeploymentRelationship[] {
    return this.once('incidentLinks', () => {
      const sources = { ...this.folder.tables, cicd_deployment_commits: this.deploymentCommits() };
      return connectIncidentsToDeployments(sources, this.project, { maxGapMinutes: this.options.incidentMaxGapMinutes ?? null });
    });
  }

  /** Every table the dashboard queries read. */
  metricTables(): DevLakeMetricTables {
    return {
      project_mapping: this.folder.tables.project_mapping,
      cicd_deployment_commits: this.deploymentCommits(),
      pull_requests: this.folder.tables.pull_requests,
      incidents: this.folder.tables.incidents,
      project_pr_metrics: this.projectPrMetrics(),
      project_incident_deployment_relationships: this.incidentDeploymentRelationships(),
    };
  }

  private once<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }
}
