import type {
  AppBiasAudit,
  AppBiasAuditBody,
  AppDrift,
  BiasReport,
  Dataset,
  DatasetBiasBody,
  DatasetDrift,
  DatasetDriftBody,
  FeedbackThemes,
  SessionBiasAudit,
    Simulation,
  SimulationBody,
} from '../../../src/shared/schemas/analytics.ts';
import type { ComplexityAnalysis, ComplexityBody, PromotionVelocity, SustainableWork, UraGovernance } from '../../../src/shared/schemas/analytics-governance.ts';
import { apiRequest } from './client.ts';

export type { AppBiasAudit, AppBiasAuditBody, AppDrift, BiasReport, Dataset, DatasetBiasBody, DatasetDrift, FeedbackThemes, SessionBiasAudit, Simulation, SimulationBody };

/** Demographic attributes recorded in my scope (HR). */
export function listAttributes(signal?: AbortSignal): Promise<{ attributes: string[] }> {
  return apiRequest('GET', '/api/analytics/attributes', { signal });
}

export function runBiasAudit(body: AppBiasAuditBody): Promise<AppBiasAudit> {
  return apiRequest('POST', '/api/analytics/bias-audits', { json: body });
}

export interface DriftOptions {
  cycleId: number;
  outcome?: 'ov' | 'forte';
  favourable: string[];
  rootPersonId?: number;
  flagProbability?: number;
}

export function getManagerDrift(options: DriftOptions, signal?: AbortSignal): Promise<AppDrift> {
  return apiRequest('GET', '/api/analytics/manager-drift', { query: { ...options, favourable: options.favourable.join(',') }, signal });
}

export function simulatePolicy(body: SimulationBody, signal?: AbortSignal): Promise<Simulation> {
  return apiRequest('POST', '/api/analytics/simulations', { json: body, signal });
}

/** What the session audit may be asked; the server's defaults are gender, OV, TT and HV3, level. */
export interface SessionBiasOptions {
  group?: string;
  outcome?: 'ov' | 'forte';
  favourable?: string[];
  /** An empty list asks for no controls. */
  controls?: string[];
  reference?: string;
  minGroup?: number;
}

/** The live audit of a calibration session; lists travel comma-separated. */
export function getSessionBiasAudit(sessionId: number, options: SessionBiasOptions = {}, signal?: AbortSignal): Promise<SessionBiasAudit> {
  const params = new URLSearchParams();
  if (options.group) params.set('group', options.group);
  if (options.outcome) params.set('outcome', options.outcome);
  if (options.favourable?.length) params.set('favourable', options.favourable.join(','));
  // An empty value is meaningful here ("no controls"), so the query is built by hand.
  if (options.controls) params.set('controls', options.controls.join(','));
  if (options.reference) params.set('reference', options.reference);
  if (options.minGroup) params.set('minGroup', String(options.minGroup));
  const search = params.toString();
  return apiRequest('GET', `/api/calibration-sessions/${sessionId}/bias-audit${search ? `?${search}` : ''}`, { signal });
}

export function listDatasets(signal?: AbortSignal): Promise<{ datasets: Dataset[] }> {
  return apiRequest('GET', '/api/analytics/datasets', { signal });
}

/** Sends the CSV file itself; the server checks it whole before storing anything. */
export function uploadDataset(file: File, name?: string): Promise<Dataset> {
  return apiRequest('POST', '/api/analytics/datasets', {
    query: { name },
    body: file,
    headers: { 'content-type': 'text/csv', 'x-file-name': file.name.replace(/[^\w.\- ]/gu, '_').slice(0, 100) || 'dataset.csv' },
  });
}

export function deleteDataset(id: number): Promise<null> {
  return apiRequest('DELETE', `/api/analytics/datasets/${id}`);
}

export function auditDataset(id: number, body: DatasetBiasBody): Promise<BiasReport> {
  return apiRequest('POST', `/api/analytics/datasets/${id}/bias-audit`, { json: body });
}

export function driftInDataset(id: number, body: DatasetDriftBody): Promise<DatasetDrift> {
  return apiRequest('POST', `/api/analytics/datasets/${id}/manager-drift`, { json: body });
}

export function getMyThemes(cycleId: number, signal?: AbortSignal): Promise<FeedbackThemes> {
  return apiRequest('GET', `/api/cycles/${cycleId}/themes/me`, { signal });
}

export function getPersonThemes(cycleId: number, personId: number, signal?: AbortSignal): Promise<FeedbackThemes> {
  return apiRequest('GET', `/api/cycles/${cycleId}/people/${personId}/themes`, { signal });
}

/** The cycle's organisation, or the subtree under `rootPersonId`. */
export function getGroupThemes(cycleId: number, rootPersonId?: number, signal?: AbortSignal): Promise<FeedbackThemes> {
  return apiRequest('GET', `/api/cycles/${cycleId}/themes`, { query: { rootPersonId }, signal });
}

// Governance analyses (promotion velocity, complexity, URA governance, sustainable work).
export type { ComplexityAnalysis, ComplexityBody, PromotionVelocity, SustainableWork, UraGovernance };

export function getPromotionVelocity(options: { group: string; reference?: string; minGroup?: number; rootPersonId?: number }, signal?: AbortSignal): Promise<PromotionVelocity> {
  return apiRequest('GET', '/api/analytics/promotion-velocity', { query: options, signal });
}

export function analyseComplexity(body: ComplexityBody): Promise<ComplexityAnalysis> {
  return apiRequest('POST', '/api/analytics/complexity', { json: body });
}

export function getUraGovernance(options: { cycleId: number; year?: number; minGroup?: number; rootPersonId?: number }, signal?: AbortSignal): Promise<UraGovernance> {
  return apiRequest('GET', '/api/analytics/ura-governance', { query: options, signal });
}

export function getSustainableWork(options: { from?: string; to?: string; reworkDays?: number; minGroup?: number } = {}, signal?: AbortSignal): Promise<SustainableWork> {
  return apiRequest('GET', '/api/analytics/sustainable-work', { query: options, signal });
}
