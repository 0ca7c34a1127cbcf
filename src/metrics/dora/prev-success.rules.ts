import type { CicdDeploymentCommit, ProjectMapping } from '../sources/devlake-tables.ts';
import { compareText, projectScopeIds } from './project-scope.rules.ts';

/**
 * DevLake's `enrichPrevSuccessDeploymentCommits`. The project's successful deployment commits
 * with a finished date, an environment and a repo URL are grouped by (CI/CD scope, repo URL,
 * environment) and ordered by finished date; each one's previous successful deployment commit
 * is the one before it in its group (`''` for the first). Other rows keep the value they had,
 * as DevLake only updates the rows it selected.
 */
export function enrichPrevSuccessDeploymentCommits(
  rows: readonly CicdDeploymentCommit[],
  mapping: readonly ProjectMapping[],
  project: string,
): CicdDeploymentCommit[] {
  const scopes = projectScopeIds(mapping, project, 'cicd_scopes');
  const out = rows.map((r) => ({ ...r }));
  const eligible = out.filter(
    (r) =>
      r.result === 'SUCCESS' &&
      r.finished_date !== null &&
      !!r.environment &&
      r.repo_url !== '' &&
      r.cicd_scope_id !== null &&
      scopes.has(r.cicd_scope_id),
  );
  const groupKey = (r: CicdDeploymentCommit) => JSON.stringify([r.cicd_scope_id, r.repo_url, r.environment]);
  // Ties on finished date have no order in DevLake's SQL; the id makes ours repeatable.
  eligible.sort(
    (a, b) => compareText(groupKey(a), groupKey(b)) || a.finished_date! - b.finished_date! || compareText(a.id, b.id) || compareText(a.commit_sha, b.commit_sha),
  );
  let previousKey: string | null = null;
  let previousId = '';
  for (const row of eligible) {
    const key = groupKey(row);
    if (key !== previousKey) previousId = '';
    row.prev_success_deployment_commit_id = previousId;
    previousKey = key;
    previousId = row.id;
  }
  return out;
}
