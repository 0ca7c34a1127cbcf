import { describe, expect, it } from 'vitest';
import { buildDeploymentCommit, mapping } from '../../../test/dora-builders.ts';
import { calculateDeploymentCommitsDiffs, type DiffSources } from './commits-diffs.rules.ts';

const line = (...shas: string[]) => shas.slice(1).map((sha, i) => ({ commit_sha: sha, parent_commit_sha: shas[i]! }));

const sources = (overrides: Partial<DiffSources>): DiffSources => ({
  project_mapping: mapping('p', { cicd_scopes: ['ci1'], repos: ['repo1'] }),
  repo_commits: ['c1', 'c2', 'c3', 'c4'].map((commit_sha) => ({ repo_id: 'repo1', commit_sha })),
  commit_parents: line('c1', 'c2', 'c3', 'c4'),
  cicd_deployment_commits: [],
  ...overrides,
});

describe('calculateDeploymentCommitsDiffs', () => {
  it("lists what each deployment adds over its previous one's commit, numbered from 1", () => {
    const result = calculateDeploymentCommitsDiffs(
      sources({
        cicd_deployment_commits: [
          buildDeploymentCommit('d1', { commit_sha: 'c2', prev_success_deployment_commit_id: '' }),
          buildDeploymentCommit('d2', { commit_sha: 'c4', prev_success_deployment_commit_id: 'd1' }),
        ],
      }),
      'p',
    );
    expect(result.diffs).toEqual([
      { new_commit_sha: 'c2', old_commit_sha: '', commit_sha: 'c2', sorting_index: 1 },
      { new_commit_sha: 'c2', old_commit_sha: '', commit_sha: 'c1', sorting_index: 2 },
      { new_commit_sha: 'c4', old_commit_sha: 'c2', commit_sha: 'c4', sorting_index: 1 },
      { new_commit_sha: 'c4', old_commit_sha: 'c2', commit_sha: 'c3', sorting_index: 2 },
    ]);
    expect(result.finished).toEqual([
      { new_commit_sha: 'c2', old_commit_sha: '' },
      { new_commit_sha: 'c4', old_commit_sha: 'c2' },
    ]);
  });

  it("walks failures too, computes a repeated pair once, and ignores other projects' deployments", () => {
    const result = calculateDeploymentCommitsDiffs(
      sources({
        cicd_deployment_commits: [
          buildDeploymentCommit('f1', { commit_sha: 'c3', result: 'FAILURE', prev_success_deployment_commit_id: 'missing' }),
          buildDeploymentCommit('f2', { commit_sha: 'c3', result: 'FAILURE' }),
          buildDeploymentCommit('x', { commit_sha: 'c4', cicd_scope_id: 'ci9' }),
        ],
      }),
      'p',
    );
    expect(result.finished).toEqual([{ new_commit_sha: 'c3', old_commit_sha: '' }]);
    expect(result.diffs.map((d) => d.commit_sha)).toEqual(['c3', 'c2', 'c1']);
  });

  it("uses only parent edges of the project's repositories", () => {
    const result = calculateDeploymentCommitsDiffs(
      sources({
        repo_commits: [{ repo_id: 'repo1', commit_sha: 'c2' }, { repo_id: 'other', commit_sha: 'c1' }],
        commit_parents: line('c0', 'c1', 'c2'),
        cicd_deployment_commits: [buildDeploymentCommit('d1', { commit_sha: 'c2' })],
      }),
      'p',
    );
    // c1's own parent edge (c1 > c0) belongs to another repository.
    expect(result.diffs.map((d) => d.commit_sha)).toEqual(['c2', 'c1']);
  });
});
