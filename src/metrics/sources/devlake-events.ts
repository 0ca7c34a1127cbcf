import { generateDeploymentCommits } from '../dora/deployment-commits.rules.ts';
import { projectNames } from '../dora/project-scope.rules.ts';
import type { CicdPipeline, CicdTask, DevLakeTables, PresentTables } from './devlake-tables.ts';
import type { DeploymentEvent, Environment, IncidentEvent, PullRequestEvent, Result } from './events.ts';
import { normalizeRepositoryKey } from './repository-key.rules.ts';

/** What a DevLake folder holds, as Highbar's events: each DevLake project becomes a service. */
export interface DevLakeEvents {
  deployments: DeploymentEvent[];
  commitOverrides: Map<string, Map<string, { result: string | null; environment: string | null; startedAt: number | null; finishedAt: number | null }>>;
  incidents: IncidentEvent[];
  pullRequests: PullRequestEvent[];
  /** Repositories each service deploys from (DevLake's project_mapping of `repos`). */
  serviceRepositories: { service: string; repository: string }[];
  /** The commit graph per repository, parents in file order. */
  graphs: Map<string, { sha: string; parents: string[] }[]>;
  pipelines: { service: string; pipeline: CicdPipeline; tasks: CicdTask[] }[];
}

/**
 * Maps DevLake's domain tables onto services and repositories. A CI/CD scope belongs to the one
 * project that maps it (a scope in two projects is refused: a deployment has one service). A
 * repository is named by its DevLake id; a deployment commit without a repo id finds it through
 * the URL (repos.csv or the pipeline's commits), else is named by its URL. Deployment commits
 * come from `cicd_deployment_commits.csv` when present, otherwise DevLake's step 1 generates them
 * from pipelines and tasks. Incidents of unmapped scopes are kept without a service.
 */
export function devLakeToEvents(tables: DevLakeTables, present: PresentTables): { value: DevLakeEvents } | { problems: string[] } {
  const problems: string[] = [];
  const scopeProject = new Map<string, string>();
  const scopedProject = new Map<string, string>();
  for (const m of tables.project_mapping) {
    if (m.table === 'cicd_scopes') {
      const other = scopeProject.get(m.row_id);
      if (other && other !== m.project_name) problems.push(`project_mapping.csv: cicd scope ${m.row_id} belongs to projects ${other} and ${m.project_name}; Highbar keeps each deployment in one service`);
      scopeProject.set(m.row_id, m.project_name);
    } else if (m.table !== 'repos') scopedProject.set(JSON.stringify([m.table, m.row_id]), scopedProject.get(JSON.stringify([m.table, m.row_id])) ?? m.project_name);
  }
  if (problems.length) return { problems };

  const idOfUrl = new Map<string, string>();
  for (const r of tables.repos) if (r.url) idOfUrl.set(r.url, r.id);
  for (const pc of tables.cicd_pipeline_commits) if (pc.repo_id && pc.repo_url) idOfUrl.set(pc.repo_url, idOfUrl.get(pc.repo_url) ?? pc.repo_id);
  const repoKey = (repoId: string | null, url: string) => repoId || idOfUrl.get(url) || normalizeRepositoryKey(url);

  const deploymentCommits = present.has('cicd_deployment_commits')
    ? tables.cicd_deployment_commits
    : projectNames(tables.project_mapping).flatMap((project) => generateDeploymentCommits(tables, project));
  const byDeployment = new Map<string, typeof deploymentCommits>();
  for (const dc of deploymentCommits) {
    if (!dc.cicd_scope_id || !scopeProject.has(dc.cicd_scope_id)) continue;
    const id = dc.cicd_deployment_id ?? dc.id;
    byDeployment.set(id, [...(byDeployment.get(id) ?? []), dc]);
  }
  const commitOverrides: DevLakeEvents['commitOverrides'] = new Map();
  const deployments: DeploymentEvent[] = [...byDeployment].map(([id, rows]) => {
    const first = rows[0]!;
    const overrides = new Map(rows.map((r) => [repoKey(r.repo_id, r.repo_url), { result: r.result, environment: r.environment, startedAt: r.started_date, finishedAt: r.finished_date }]));
    commitOverrides.set(id, overrides);
    const finishes = rows.map((r) => r.finished_date).filter((f): f is number => f !== null);
    return {
      source: 'devlake',
      externalId: id,
      service: scopeProject.get(first.cicd_scope_id!)!,
      name: first.name,
      environment: (first.environment || null) as Environment | null,
      result: (first.result || null) as Result | null,
      createdAt: first.created_date ?? first.started_date ?? (finishes.length ? Math.min(...finishes) : null),
      startedAt: first.started_date,
      finishedAt: finishes.length ? Math.max(...finishes) : null,
      commits: rows.map((r) => ({ repository: repoKey(r.repo_id, r.repo_url), commitSha: r.commit_sha })),
    };
  });
  for (const d of deployments) if (d.createdAt === null) problems.push(`cicd_deployment_commits: deployment ${d.externalId} has no created, started or finished date`);

  const parents = new Map<string, string[]>();
  for (const e of tables.commit_parents) parents.set(e.commit_sha, [...(parents.get(e.commit_sha) ?? []), e.parent_commit_sha]);
  const graphs = new Map<string, { sha: string; parents: string[] }[]>();
  for (const rc of tables.repo_commits) graphs.set(rc.repo_id, [...(graphs.get(rc.repo_id) ?? []), { sha: rc.commit_sha, parents: parents.get(rc.commit_sha) ?? [] }]);

  const prCommits = new Map<string, { sha: string; authoredAt: number | null }[]>();
  for (const c of tables.pull_request_commits) prCommits.set(c.pull_request_id, [...(prCommits.get(c.pull_request_id) ?? []), { sha: c.commit_sha, authoredAt: c.commit_authored_date }]);
  const prComments = new Map<string, { externalId: string; author: string | null; createdAt: number }[]>();
  for (const c of tables.pull_request_comments) {
    if (c.pull_request_id === null || c.created_date === null) continue;
    prComments.set(c.pull_request_id, [...(prComments.get(c.pull_request_id) ?? []), { externalId: c.id, author: c.account_id, createdAt: c.created_date }]);
  }
  const pullRequests: PullRequestEvent[] = tables.pull_requests.flatMap((pr) => {
    if (!pr.base_repo_id || pr.created_date === null) return [];
    return [{
      repository: pr.base_repo_id, externalId: pr.id, number: pr.pull_request_key, title: pr.title, author: pr.author_id, state: pr.status,
      createdAt: pr.created_date, mergedAt: pr.merged_date, closedAt: null, mergeCommitSha: pr.merge_commit_sha, headSha: null,
      commits: prCommits.get(pr.id) ?? [], comments: prComments.get(pr.id) ?? [],
    }];
  });

  const incidents: IncidentEvent[] = tables.incidents.flatMap((i) => {
    if (i.created_date === null) {
      problems.push(`incidents.csv: incident ${i.id} has no created_date`);
      return [];
    }
    return [{
      source: 'devlake', externalId: i.id, service: scopedProject.get(JSON.stringify([i.table, i.scope_id])) ?? null, title: null, severity: i.severity,
      status: i.status, createdAt: i.created_date, resolvedAt: i.resolution_date, leadTimeMinutes: i.lead_time_minutes, assignees: [], analysisAuthor: null, analysisUrl: null,
    }];
  });

  const serviceRepositories = tables.project_mapping.filter((m) => m.table === 'repos').map((m) => ({ service: m.project_name, repository: m.row_id }));
  const tasksOf = new Map<string, CicdTask[]>();
  for (const t of tables.cicd_tasks) if (t.pipeline_id) tasksOf.set(t.pipeline_id, [...(tasksOf.get(t.pipeline_id) ?? []), t]);
  const pipelines = tables.cicd_pipelines.flatMap((p) => (p.cicd_scope_id && scopeProject.has(p.cicd_scope_id) ? [{ service: scopeProject.get(p.cicd_scope_id)!, pipeline: p, tasks: tasksOf.get(p.id) ?? [] }] : []));
  if (problems.length) return { problems };
  return { value: { deployments, commitOverrides, incidents, pullRequests, serviceRepositories, graphs, pipelines } };
}
