import { describe, expect, it } from 'vitest';
import { at, buildComment, buildDeploymentCommit, buildPrCommit, buildPullRequest, mapping } from '../../../test/dora-builders.ts';
import { calculateChangeLeadTime, spanMinutes, type LeadTimeSources } from './change-lead-time.rules.ts';

describe('spanMinutes', () => {
  it('rounds up to whole minutes and drops negative spans', () => {
    expect(spanMinutes(at('2024-01-01 10:00'), at('2024-01-01T10:00:01Z'))).toBe(1);
    expect(spanMinutes(at('2024-01-01 10:00'), at('2024-01-01 11:00'))).toBe(60);
    expect(spanMinutes(at('2024-01-01 10:00'), at('2024-01-01 09:59'))).toBeNull();
    expect(spanMinutes(null, at('2024-01-01 09:59'))).toBeNull();
  });

  it("keeps Go's quirk: a span less than a minute negative rounds up to 0, which stays", () => {
    expect(Object.is(spanMinutes(at('2024-01-01T10:00:30Z'), at('2024-01-01 10:00')), 0)).toBe(true);
  });
});

const DIFFS = [
  { new_commit_sha: 'd1sha', old_commit_sha: '', commit_sha: 'merge-old', sorting_index: 1 },
  { new_commit_sha: 'd2sha', old_commit_sha: 'd1sha', commit_sha: 'merge-pr1', sorting_index: 1 },
  { new_commit_sha: 'd3sha', old_commit_sha: 'd2sha', commit_sha: 'merge-pr1', sorting_index: 1 },
];

const sources = (overrides: Partial<LeadTimeSources> = {}): LeadTimeSources => ({
  project_mapping: mapping('p', { cicd_scopes: ['ci1'], repos: ['repo1'] }),
  pull_requests: [buildPullRequest('pr1', { created_date: at('2024-01-02 09:00'), merged_date: at('2024-01-02 12:00') })],
  pull_request_commits: [buildPrCommit('pr1', 'x2', '2024-01-01 10:00'), buildPrCommit('pr1', 'x1', '2024-01-01 09:00')],
  pull_request_comments: [
    buildComment('own', 'pr1', '2024-01-02 09:10', 'author'),
    buildComment('late', 'pr1', '2024-01-02 10:00', 'reviewer'),
    buildComment('first', 'pr1', '2024-01-02 09:30', 'reviewer'),
  ],
  cicd_deployment_commits: [
    buildDeploymentCommit('d1', { commit_sha: 'd1sha', prev_success_deployment_commit_id: '', finished_date: at('2024-01-01 08:00') }),
    buildDeploymentCommit('d2', { commit_sha: 'd2sha', prev_success_deployment_commit_id: 'd1', started_date: at('2024-01-03 09:00'), finished_date: at('2024-01-03 10:00') }),
    buildDeploymentCommit('d3', { commit_sha: 'd3sha', prev_success_deployment_commit_id: 'd2', started_date: at('2024-01-02 20:00'), finished_date: at('2024-01-02 21:00') }),
  ],
  commits_diffs: DIFFS,
  ...overrides,
});

describe('calculateChangeLeadTime', () => {
  it('measures coding, pickup, review, deploy and cycle time in whole minutes', () => {
    expect(calculateChangeLeadTime(sources(), 'p')).toEqual([
      {
        id: 'pr1',
        project_name: 'p',
        first_commit_sha: 'x1',
        pr_coding_time: 24 * 60,
        first_review_id: 'first',
        pr_pickup_time: 30,
        pr_review_time: 150,
        // d3 started before d2, so it is the first deployment that shipped the merge commit
        deployment_commit_id: 'd3',
        pr_deploy_time: 9 * 60,
        pr_cycle_time: 24 * 60 + 3 * 60 + 9 * 60,
        first_commit_authored_date: at('2024-01-01 09:00'),
        first_comment_date: at('2024-01-02 09:30'),
        pr_created_date: at('2024-01-02 09:00'),
        pr_merged_date: at('2024-01-02 12:00'),
        pr_deployed_date: at('2024-01-02 21:00'),
      },
    ]);
  });

  it('counts every comment as a review when the PR has no author, none without an account otherwise', () => {
    const reviewOf = (author: string | null, account: string | null) =>
      calculateChangeLeadTime(
        sources({ pull_requests: [buildPullRequest('pr1', { author_id: author })], pull_request_comments: [buildComment('c', 'pr1', '2024-01-01 10:00', account)] }),
        'p',
      )[0]!.first_review_id;
    expect(reviewOf(null, 'author')).toBe('c');
    expect(reviewOf('', null)).toBe('c');
    expect(reviewOf('author', null)).toBe('');
    expect(reviewOf('author', 'author')).toBe('');
  });

  it('by default ignores a deployment without a previous one (the backfill guard)', () => {
    const only = (overrides: Parameters<typeof buildDeploymentCommit>[1]) =>
      calculateChangeLeadTime(
        sources({
          pull_requests: [buildPullRequest('pr0', { merge_commit_sha: 'merge-old' })],
          cicd_deployment_commits: [buildDeploymentCommit('d1', { commit_sha: 'd1sha', prev_success_deployment_commit_id: '', ...overrides })],
        }),
        'p',
        {},
      )[0]!.deployment_commit_id;
    expect(only({})).toBe('');
    expect(only({ prev_success_deployment_commit_id: null })).toBe('');
  });

  it('with includeFirstDeployment, the first deployment ships its whole diff (no backfill guard)', () => {
    const rows = calculateChangeLeadTime(
      sources({ pull_requests: [buildPullRequest('pr0', { merge_commit_sha: 'merge-old', merged_date: at('2024-01-01 07:00') })] }),
      'p',
      { includeFirstDeployment: true },
    );
    expect(rows[0]).toMatchObject({ deployment_commit_id: 'd1', pr_deploy_time: 60 });
  });

  it('keeps the deployment but no deploy time when it finished before the merge; cycle time still adds up', () => {
    const [row] = calculateChangeLeadTime(
      sources({ pull_requests: [buildPullRequest('pr1', { created_date: at('2024-01-02 09:00'), merged_date: at('2024-01-04 09:00') })], pull_request_commits: [] }),
      'p',
    );
    expect(row).toMatchObject({ deployment_commit_id: 'd3', pr_deploy_time: null, pr_coding_time: null, pr_cycle_time: 2 * 24 * 60 });
  });

  it('leaves out unmerged PRs and PRs of other repositories; non-production deployments ship nothing', () => {
    const rows = calculateChangeLeadTime(
      sources({
        pull_requests: [buildPullRequest('open', { merged_date: null }), buildPullRequest('elsewhere', { base_repo_id: 'repo9' }), buildPullRequest('pr1')],
        cicd_deployment_commits: sources().cicd_deployment_commits.map((d) => ({ ...d, environment: 'STAGING' })),
      }),
      'p',
    );
    expect(rows.map((r) => [r.id, r.deployment_commit_id])).toEqual([['pr1', '']]);
  });
});
