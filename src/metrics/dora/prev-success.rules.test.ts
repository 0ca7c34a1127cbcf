import { describe, expect, it } from 'vitest';
import { at, buildDeploymentCommit, mapping } from '../../../test/dora-builders.ts';
import { enrichPrevSuccessDeploymentCommits } from './prev-success.rules.ts';

const MAPPING = mapping('p', { cicd_scopes: ['ci1', 'ci2'] });
const day = (d: number) => at(`2024-01-${String(d).padStart(2, '0')} 10:00`);

const previousOf = (rows: ReturnType<typeof buildDeploymentCommit>[]) =>
  Object.fromEntries(enrichPrevSuccessDeploymentCommits(rows, MAPPING, 'p').map((r) => [r.id, r.prev_success_deployment_commit_id]));

describe('enrichPrevSuccessDeploymentCommits', () => {
  it('links each successful deployment to the one before it in its scope, repo and environment', () => {
    const rows = [
      buildDeploymentCommit('c', { finished_date: day(3) }),
      buildDeploymentCommit('a', { finished_date: day(1) }),
      buildDeploymentCommit('b', { finished_date: day(2) }),
      buildDeploymentCommit('other-repo', { finished_date: day(2), repo_url: 'REPO2' }),
      buildDeploymentCommit('staging', { finished_date: day(2), environment: 'STAGING' }),
      buildDeploymentCommit('other-scope', { finished_date: day(2), cicd_scope_id: 'ci2' }),
    ];
    expect(previousOf(rows)).toEqual({ a: '', b: 'a', c: 'b', 'other-repo': '', staging: '', 'other-scope': '' });
  });

  it('skips failures, unfinished rows and rows without environment or repo; leaves them as they were', () => {
    const rows = [
      buildDeploymentCommit('a', { finished_date: day(1) }),
      buildDeploymentCommit('failed', { finished_date: day(2), result: 'FAILURE', prev_success_deployment_commit_id: 'stale' }),
      buildDeploymentCommit('running', { finished_date: null }),
      buildDeploymentCommit('no-env', { finished_date: day(2), environment: '' }),
      buildDeploymentCommit('retried', { finished_date: day(3) }),
      buildDeploymentCommit('outside', { finished_date: day(2), cicd_scope_id: 'ci9', prev_success_deployment_commit_id: 'kept' }),
    ];
    expect(previousOf(rows)).toEqual({ a: '', failed: 'stale', running: null, 'no-env': null, retried: 'a', outside: 'kept' });
  });

  it('does not change its input', () => {
    const rows = [buildDeploymentCommit('a'), buildDeploymentCommit('b', { finished_date: day(5) })];
    enrichPrevSuccessDeploymentCommits(rows, MAPPING, 'p');
    expect(rows.map((r) => r.prev_success_deployment_commit_id)).toEqual([null, null]);
  });
});
