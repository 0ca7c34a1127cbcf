import type { AiAdoption, CodeSignals, Drilldown, MetricsTeams, PersonAiUsage, TeamContext, TeamDora, TeamSlos } from '../../../src/shared/schemas/metrics.ts';
import { apiRequest } from './client.ts';

export type { AiAdoption, CodeSignals, Drilldown, MetricsTeams, PersonAiUsage, TeamContext, TeamDora, TeamSlos };
export type Report = '2021' | '2023';
export interface Period {
  from?: string;
  to?: string;
}

/** Teams that own services (the dashboards' choice of team). */
export function listMetricsTeams(signal?: AbortSignal): Promise<MetricsTeams> {
  return apiRequest('GET', '/api/metrics/teams', { signal });
}

export function getTeamDora(teamId: number, query: Period & { report?: Report }, signal?: AbortSignal): Promise<TeamDora> {
  return apiRequest('GET', `/api/metrics/teams/${teamId}/dora`, { query: { ...query }, signal });
}

export function getTeamDrilldown(teamId: number, query: Period, signal?: AbortSignal): Promise<Drilldown> {
  return apiRequest('GET', `/api/metrics/teams/${teamId}/dora/drilldown`, { query: { ...query }, signal });
}

export function getTeamSlos(teamId: number, signal?: AbortSignal): Promise<TeamSlos> {
  return apiRequest('GET', `/api/metrics/teams/${teamId}/slos`, { signal });
}

export function getAiAdoption(query: Period, signal?: AbortSignal): Promise<AiAdoption> {
  return apiRequest('GET', '/api/metrics/ai-adoption', { query: { ...query }, signal });
}

/** The person themselves and HR only. */
export function getPersonAiUsage(personId: number, query: Period, signal?: AbortSignal): Promise<PersonAiUsage> {
  return apiRequest('GET', `/api/metrics/people/${personId}/ai-usage`, { query: { ...query }, signal });
}
