import type { z } from 'zod';
import type { boardSchema, caseDetailSchema, caseListSchema, juryDutySchema, openCaseBodySchema, PipelineCommand, severanceSchema, accessLogSchema } from '../../../src/shared/schemas/pipeline.ts';
import { apiRequest } from './client.ts';

export type PipelineCase = z.infer<typeof caseDetailSchema>;
export type PipelineCaseList = z.infer<typeof caseListSchema>;
export type PipelineBoard = z.infer<typeof boardSchema>;
export type JuryDuties = z.infer<typeof juryDutySchema>;
export type Severance = z.infer<typeof severanceSchema>;
export type AccessLog = z.infer<typeof accessLogSchema>;
export type OpenCaseBody = z.input<typeof openCaseBodySchema>;
export type { PipelineCommand };

/** Cases in my organisation (managers) or HR scope. */
export function listPipelineCases(query: { includeClosed?: boolean }, signal?: AbortSignal) {
  return apiRequest<PipelineCaseList>('GET', '/api/pipeline/cases', { query: { includeClosed: query.includeClosed ? 'true' : undefined }, signal });
}

export function getPipelineCase(id: number, signal?: AbortSignal) {
  return apiRequest<PipelineCase>('GET', `/api/pipeline/cases/${id}`, { signal });
}

export function getMyPipelineCase(signal?: AbortSignal) {
  return apiRequest<PipelineCase>('GET', '/api/pipeline/my-case', { signal });
}

export function openPipelineCase(body: OpenCaseBody) {
  return apiRequest<PipelineCase>('POST', '/api/pipeline/cases', { json: body });
}

/** One step of the process against the version I looked at; answers the case after it (null for a juror's vote). */
export function takePipelineStep(id: number, version: number, step: PipelineCommand) {
  return apiRequest<PipelineCase | null>('POST', `/api/pipeline/cases/${id}/transitions`, { json: { version, step } });
}

export function getPipelineBoard(signal?: AbortSignal) {
  return apiRequest<PipelineBoard>('GET', '/api/pipeline/board', { signal });
}

export function getSeveranceOffer(id: number, annualBasePayCents: number, signal?: AbortSignal) {
  return apiRequest<Severance>('GET', `/api/pipeline/cases/${id}/severance`, { query: { annualBasePayCents }, signal });
}

export function getPipelineAccessLog(id: number, signal?: AbortSignal) {
  return apiRequest<AccessLog>('GET', `/api/pipeline/cases/${id}/access-log`, { signal });
}

export function listMyJuryDuties(signal?: AbortSignal) {
  return apiRequest<JuryDuties>('GET', '/api/pipeline/jury-duties', { signal });
}
