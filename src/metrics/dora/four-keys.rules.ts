import type { CicdDeploymentCommit, Incident, ProjectMapping, PullRequest } from '../sources/devlake-tables.ts';
import { MS_PER_MINUTE } from '../timestamps.rules.ts';
import { changeFailureRateLevel, leadTimeLevel, recoveryLevel, type DoraLevel, type DoraReportYear } from './benchmarks.rules.ts';
import type { ProjectPrMetric } from './change-lead-time.rules.ts';
import { deploymentFrequency, inDayRange, type DayRange, type DeploymentFrequency } from './deployment-frequency.rules.ts';
import type { IncidentDeploymentRelationship } from './incident-deployments.rules.ts';
import { median, type MedianConvention } from './median.rules.ts';
import { projectScopeIds } from './project-scope.rules.ts';

export interface FourKeysOptions {
  range: DayRange;
  report: DoraReportYear;
  median: MedianConvention;
}

/** The four keys of CONTRACTS.md (without project and range, which the caller knows). */
export interface FourKeys {
  report: DoraReportYear;
  deploymentFrequency: DeploymentFrequency;
  leadTime: { changes: number; medianMinutes: number | null; level: DoraLevel | null };
  changeFailureRate: { deployments: number; failedDeployments: number; rate: number | null; level: DoraLevel | null } | null;
  recovery: { incidents: number; medianMinutes: number | null; level: DoraLevel | null } | null;
}

/** What the four keys are computed from, whatever the source (DevLake tables or a git repository). */
export interface FourKeysFacts {
  /** One finish time per production deployment of the project (any date). */
  deploymentFinishes: number[];
  /** Lead time in minutes of each change deployed in the range. */
  leadTimes: number[];
  /** Failure counts over the deployments of the range; null without incident data. */
  failures: { deployments: number; failed: number } | null;
  /** Restore (2021) or recovery (2023) minutes of each incident of the range; null without incident data. */
  recoveries: number[] | null;
}

/** Applies medians and benchmark levels to the facts. */
export function assembleFourKeys(facts: FourKeysFacts, options: FourKeysOptions): FourKeys {
  return assembleFromFrequency(deploymentFrequency(facts.deploymentFinishes, options.range, options), facts, options);
}

/** The four keys when deployment frequency is already known (from daily counts, say). */
export function assembleFromFrequency(frequency: DeploymentFrequency, facts: Omit<FourKeysFacts, 'deploymentFinishes'>, options: FourKeysOptions): FourKeys {
  const leadMedian = median(facts.leadTimes, options.median);
  const recoveryMedian = facts.recoveries ? median(facts.recoveries, options.median) : null;
  return {
    report: options.report,
    deploymentFrequency: frequency,
    leadTime: { changes: facts.leadTimes.length, medianMinutes: leadMedian, level: leadTimeLevel(options.report, leadMedian) },
    changeFailureRate: facts.failures && {
      deployments: facts.failures.deployments,
      failedDeployments: facts.failures.failed,
      rate: facts.failures.deployments === 0 ? null : facts.failures.failed / facts.failures.deployments,
      level: changeFailureRateLevel(options.report, facts.failures),
    },
    recovery: facts.recoveries && { incidents: facts.recoveries.length, medianMinutes: recoveryMedian, level: recoveryLevel(recoveryMedian) },
  };
}

export interface DevLakeMetricTables {
  project_mapping: readonly ProjectMapping[];
  cicd_deployment_commits: readonly CicdDeploymentCommit[];
  pull_requests: readonly PullRequest[];
  incidents: readonly Incident[];
  project_pr_metrics: readonly ProjectPrMetric[];
  project_incident_deployment_relationships: readonly IncidentDeploymentRelationship[];
}

/**
 * The facts DevLake's DORA dashboard reads:
 * - a deployment is a `cicd_deployment_id` of the project's CI/CD scopes with SUCCESS,
 *   PRODUCTION commits, finished at its last commit's finish;
 * - lead time is `pr_cycle_time` of the project's merged PRs whose deployment commit finished
 *   in the range;
 * - a deployment failed when an incident is linked to it; the rate is over deployments that
 *   finished in the range;
 * - 2021 time to restore is each project incident's `lead_time_minutes` (created to resolved),
 *   for incidents resolved in the range; 2023 recovery time is from the linked deployment's
 *   finish to the incident's resolution, for deployments and resolutions in the range.
 * Without any incident rows both incident metrics are null (DevLake shows "N/A").
 */
export function devLakeFacts(tables: DevLakeMetricTables, project: string, options: FourKeysOptions): FourKeysFacts {
  const { range } = options;
  const deployments = productionDeployments(tables, project);
  const inRange = [...deployments].filter(([id, finished]) => id !== null && inDayRange(range, finished)) as [string, number][];

  const repos = projectScopeIds(tables.project_mapping, project, 'repos');
  const mergedProjectPrs = new Set(
    tables.pull_requests.filter((pr) => pr.merged_date !== null && pr.base_repo_id !== null && repos.has(pr.base_repo_id)).map((pr) => pr.id),
  );
  const finishesByCommitId = new Map<string, number[]>();
  for (const dc of tables.cicd_deployment_commits) {
    if (dc.finished_date === null) continue;
    finishesByCommitId.set(dc.id, [...(finishesByCommitId.get(dc.id) ?? []), dc.finished_date]);
  }
  const leadTimes = tables.project_pr_metrics
    .filter(
      (m) =>
        m.project_name === project &&
        mergedProjectPrs.has(m.id) &&
        (finishesByCommitId.get(m.deployment_commit_id) ?? []).some((finished) => inDayRange(range, finished)),
    )
    .map((m) => m.pr_cycle_time);

  if (tables.incidents.length === 0) return { deploymentFinishes: [...deployments.values()], leadTimes, failures: null, recoveries: null };

  const incidents = new Map(tables.incidents.map((i) => [i.id, i]));
  const links = tables.project_incident_deployment_relationships.filter((r) => r.project_name === project && incidents.has(r.id));
  const failedIds = new Set(links.map((r) => r.deployment_id));
  const failures = { deployments: inRange.length, failed: inRange.filter(([id]) => failedIds.has(id)).length };

  const resolvedInRange = (i: Incident | undefined): i is Incident & { resolution_date: number } =>
    !!i && i.resolution_date !== null && inDayRange(range, i.resolution_date);
  let recoveries: number[];
  if (options.report === 2021) {
    const mapped = new Set(tables.project_mapping.filter((m) => m.project_name === project).map((m) => JSON.stringify([m.table, m.row_id])));
    // Without DevLake's `lead_time_minutes`, it is computed as its converters do: whole minutes
    // from creation to resolution, truncated.
    recoveries = tables.incidents.flatMap((i) => {
      if (!mapped.has(JSON.stringify([i.table, i.scope_id])) || !resolvedInRange(i)) return [];
      if (i.lead_time_minutes !== null) return [Math.trunc(i.lead_time_minutes)];
      return i.created_date === null ? [] : [Math.trunc((i.resolution_date - i.created_date) / MS_PER_MINUTE)];
    });
  } else {
    const finishedById = new Map(inRange);
    recoveries = links.flatMap((link) => {
      const incident = incidents.get(link.id);
      const finished = finishedById.get(link.deployment_id);
      // MySQL TIMESTAMPDIFF(MINUTE, ...) truncates toward zero.
      return finished !== undefined && resolvedInRange(incident) ? [Math.trunc((incident.resolution_date - finished) / MS_PER_MINUTE)] : [];
    });
  }
  return { deploymentFinishes: [...deployments.values()], leadTimes, failures, recoveries };
}

/** Each production deployment of the project (by `cicd_deployment_id`) with its last finish. */
export function productionDeployments(tables: Pick<DevLakeMetricTables, 'project_mapping' | 'cicd_deployment_commits'>, project: string): Map<string | null, number> {
  const scopes = projectScopeIds(tables.project_mapping, project, 'cicd_scopes');
  const finishes = new Map<string | null, number>();
  for (const dc of tables.cicd_deployment_commits) {
    if (dc.result !== 'SUCCESS' || dc.environment !== 'PRODUCTION' || dc.finished_date === null) continue;
    if (dc.cicd_scope_id === null || !scopes.has(dc.cicd_scope_id)) continue;
    const id = dc.cicd_deployment_id;
    finishes.set(id, Math.max(finishes.get(id) ?? -Infinity, dc.finished_date));
  }
  return finishes;
}
