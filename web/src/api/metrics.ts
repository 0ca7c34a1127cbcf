import type {
  AiAdoption,
  CodeSignals,
  Drilldown,
  MetricsTeams,
  PersonAiUsage,
  PersonIdentities,
  TeamContext,
  TeamDora,
  TeamOperations,
  TeamSlos,
  UnmappedIdentities,
  WebhookSecret,
  WebhookSources,
} from '../../../src/shared/schemas/metrics.ts';
import { apiRequest } from './client.ts';

export type { AiAdoption, CodeSignals, Drilldown, MetricsTeams, PersonAiUsage, PersonIdentities, TeamContext, TeamDora, TeamOperations, TeamSlos, UnmappedIdentities, WebhookSecret, WebhookSources };
export type IdentityKind = PersonIdentities['identities'][number]['kind'];
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

/** A team's vulnerabilities, tickets and pages over a period. */
export function getTeamOperations(teamId: number, query: Period, signal?: AbortSignal): Promise<TeamOperations> {
  return apiRequest('GET', `/api/metrics/teams/${teamId}/operations`, { query: { ...query }, signal });
}

/** Administrators and HR: identities the events name that belong to nobody yet. */
export function listUnmappedIdentities(signal?: AbortSignal): Promise<UnmappedIdentities> {
  return apiRequest('GET', '/api/metrics/identities/unmapped', { signal });
}

export function getPersonIdentities(personId: number, signal?: AbortSignal): Promise<PersonIdentities> {
  return apiRequest('GET', `/api/metrics/people/${personId}/identities`, { signal });
}

export function mapIdentity(personId: number, identity: { kind: IdentityKind; value: string }): Promise<{ kind: IdentityKind; value: string; changed: boolean }> {
  return apiRequest('PUT', `/api/metrics/people/${personId}/identities`, { json: identity });
}

export function unmapIdentity(personId: number, identity: { kind: IdentityKind; value: string }): Promise<{ removed: boolean }> {
  return apiRequest('DELETE', `/api/metrics/people/${personId}/identities`, { query: { ...identity } });
}

/** Administrators: webhook sources, without secrets. */
export function listWebhookSources(signal?: AbortSignal): Promise<WebhookSources> {
  return apiRequest('GET', '/api/webhook-sources', { signal });
}

export function createWebhookSource(name: string): Promise<WebhookSecret> {
  return apiRequest('POST', '/api/webhook-sources', { json: { name } });
}

export function rotateWebhookSecret(name: string, graceHours: number): Promise<WebhookSecret> {
  return apiRequest('POST', `/api/webhook-sources/${encodeURIComponent(name)}/rotate`, { json: { graceHours } });
}
