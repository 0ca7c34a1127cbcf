import { describe, expect, it } from 'vitest';
import { at, buildDeploymentCommit, buildIncident, mapping } from '../../../test/dora-builders.ts';
import { connectIncidentsToDeployments, type IncidentLinkSources } from './incident-deployments.rules.ts';

const sources = (overrides: Partial<IncidentLinkSources> = {}): IncidentLinkSources => ({
  project_mapping: mapping('p', { cicd_scopes: ['ci1'], boards: ['board1'], repos: ['repo1'] }),
  cicd_deployment_commits: [
    buildDeploymentCommit('a', { cicd_deployment_id: 'early', finished_date: at('2024-01-01 10:00') }),
    buildDeploymentCommit('b', { cicd_deployment_id: 'late', finished_date: at('2024-01-02 10:00') }),
    buildDeploymentCommit('c', { cicd_deployment_id: 'failed', finished_date: at('2024-01-02 11:00'), result: 'FAILURE' }),
    buildDeploymentCommit('d', { cicd_deployment_id: 'staging', finished_date: at('2024-01-02 11:00'), environment: 'STAGING' }),
    buildDeploymentCommit('e', { cicd_deployment_id: 'theirs', finished_date: at('2024-01-02 11:00'), cicd_scope_id: 'ci9' }),
  ],
  incidents: [],
  ...overrides,
});

const linksOf = (incidents: ReturnType<typeof buildIncident>[], options = {}) =>
  connectIncidentsToDeployments(sources({ incidents }), 'p', options).map((r) => [r.id, r.deployment_id]);

describe('connectIncidentsToDeployments', () => {
  it("blames the project's latest successful production deployment finished before the incident", () => {
    expect(linksOf([buildIncident('i1', { created_date: at('2024-01-03 10:00') }), buildIncident('i2', { created_date: at('2024-01-01 12:00') })])).toEqual([
      ['i1', 'late'],
      ['i2', 'early'],
    ]);
  });

  it('needs a deployment strictly before the incident', () => {
    expect(linksOf([buildIncident('at-finish', { created_date: at('2024-01-01 10:00') })])).toEqual([]);
  });

  it("takes incidents whose table and scope are mapped to the project, whatever the scope's kind", () => {
    const incidents = [
      buildIncident('board', { created_date: at('2024-01-03 10:00') }),
      buildIncident('repo', { table: 'repos', scope_id: 'repo1', created_date: at('2024-01-03 10:00') }),
      buildIncident('foreign', { scope_id: 'board9', created_date: at('2024-01-03 10:00') }),
      buildIncident('wrong-kind', { table: 'repos', scope_id: 'board1', created_date: at('2024-01-03 10:00') }),
    ];
    expect(linksOf(incidents).map(([id]) => id)).toEqual(['board', 'repo']);
  });

  it('with a maximum gap, an incident long after the last deployment is blamed on none', () => {
    const incidents = [buildIncident('soon', { created_date: at('2024-01-02 12:00') }), buildIncident('later', { created_date: at('2024-01-04 10:00') })];
    expect(linksOf(incidents, { maxGapMinutes: 24 * 60 })).toEqual([['soon', 'late']]);
  });
});
