import { describe, expect, it } from 'vitest';
import { at, buildPipeline, buildPipelineCommit, buildTask, mapping } from '../../../test/dora-builders.ts';
import { generateDeploymentCommits, type DeploymentSources } from './deployment-commits.rules.ts';

const sources = (overrides: Partial<DeploymentSources>): DeploymentSources => ({
  project_mapping: mapping('p', { cicd_scopes: ['ci1'] }),
  cicd_pipelines: [],
  cicd_tasks: [],
  cicd_pipeline_commits: [],
  ...overrides,
});

const ids = (s: DeploymentSources) => generateDeploymentCommits(s, 'p').map((d) => d.id);

describe('generateDeploymentCommits', () => {
  it('makes one row per pipeline commit of a deployment pipeline, id "<pipeline>:<repo url>"', () => {
    const rows = generateDeploymentCommits(
      sources({
        cicd_pipelines: [buildPipeline('pl1', { duration_sec: 90.9, finished_date: at('2024-01-01 10:00') })],
        cicd_pipeline_commits: [buildPipelineCommit('pl1', 'abc', { repo_url: 'https://git.example/a', branch: 'release' })],
      }),
      'p',
    );
    expect(rows).toEqual([
      expect.objectContaining({
        id: 'pl1:https://git.example/a',
        commit_sha: 'abc',
        cicd_deployment_id: 'pl1',
        cicd_scope_id: 'ci1',
        ref_name: 'release',
        environment: 'PRODUCTION',
        // finished minus the whole seconds of the duration (Go truncates 90.9 s to 90 s)
        started_date: at('2024-01-01 10:00') - 90_000,
        prev_success_deployment_commit_id: '',
      }),
    ]);
  });

  it('counts SUCCESS and FAILURE pipelines, not skipped or other results', () => {
    const pipelines = ['SUCCESS', 'FAILURE', 'SKIPPED', 'ABORT', null].map((result, i) => buildPipeline(`pl${i}`, { result }));
    const s = sources({ cicd_pipelines: pipelines, cicd_pipeline_commits: pipelines.map((p) => buildPipelineCommit(p.id, `sha${p.id}`)) });
    expect(ids(s)).toEqual(['pl0:https://git.example/repo1', 'pl1:https://git.example/repo1']);
  });

  it('takes a pipeline of another type only when a non-skipped DEPLOYMENT task ran in it', () => {
    const pipelines = ['byTask', 'skippedTask', 'buildTask', 'noTask'].map((id) => buildPipeline(id, { type: 'BUILD' }));
    const s = sources({
      cicd_pipelines: pipelines,
      cicd_tasks: [buildTask('t1', 'byTask', { result: 'FAILURE' }), buildTask('t2', 'skippedTask', { result: 'SKIPPED' }), buildTask('t3', 'buildTask', { type: 'BUILD' })],
      cicd_pipeline_commits: pipelines.map((p) => buildPipelineCommit(p.id, `sha-${p.id}`)),
    });
    expect(ids(s)).toEqual(['byTask:https://git.example/repo1']);
  });

  it("keeps only the project's CI/CD scopes", () => {
    const s = sources({
      cicd_pipelines: [buildPipeline('mine'), buildPipeline('theirs', { cicd_scope_id: 'ci9' })],
      cicd_pipeline_commits: [buildPipelineCommit('mine', 'a'), buildPipelineCommit('theirs', 'b'), buildPipelineCommit('unknown-pipeline', 'c')],
    });
    expect(ids(s)).toEqual(['mine:https://git.example/repo1']);
  });

  it('fills a blank environment from its tasks: production over staging over testing', () => {
    const envOf = (taskEnvironments: string[]) => {
      const s = sources({
        cicd_pipelines: [buildPipeline('pl', { environment: '' })],
        cicd_tasks: taskEnvironments.map((environment, i) => buildTask(`t${i}`, 'pl', { environment })),
        cicd_pipeline_commits: [buildPipelineCommit('pl', 'a')],
      });
      return generateDeploymentCommits(s, 'p')[0]!.environment;
    };
    expect(envOf(['TESTING', 'PRODUCTION', 'STAGING'])).toBe('PRODUCTION');
    expect(envOf(['TESTING', 'STAGING'])).toBe('STAGING');
    expect(envOf(['TESTING'])).toBe('TESTING');
    expect(envOf([])).toBe('');
  });

  it('has no started date without a finish or a duration', () => {
    const s = sources({
      cicd_pipelines: [buildPipeline('running', { finished_date: null }), buildPipeline('untimed', { duration_sec: null })],
      cicd_pipeline_commits: [buildPipelineCommit('running', 'a'), buildPipelineCommit('untimed', 'b')],
    });
    expect(generateDeploymentCommits(s, 'p').map((d) => d.started_date)).toEqual([null, null]);
  });
});
