import type { z } from 'zod';
import type {
  createCycleBodySchema,
  cycleListSchema,
  cycleSchema,
  phaseSchema,
  progressSchema,
  tasksSchema,
  updateCycleBodySchema,
} from '../../../src/shared/schemas/cycles.ts';
import { apiRequest } from './client.ts';

export type Cycle = z.infer<typeof cycleSchema>;
export type CycleList = z.infer<typeof cycleListSchema>;
export type CycleQuestions = NonNullable<Cycle['questions']>;
export type Readers = CycleQuestions['self']['readers'];
export type CyclePhase = z.infer<typeof phaseSchema>;
export type CreateCycleBody = z.input<typeof createCycleBodySchema>;
export type UpdateCycleBody = z.input<typeof updateCycleBodySchema>;
export type Tasks = z.infer<typeof tasksSchema>;
export type Progress = z.infer<typeof progressSchema>;

/** A policy version as `GET /api/policies` lists it (the route declares this shape inline). */
export interface PolicySummary {
  id: number;
  key: string;
  version: number;
  name: string;
  description: string;
}

/** Cycles I take part in, and the ones I run (HR in scope, admins). */
export function listCycles(signal?: AbortSignal): Promise<CycleList> {
  return apiRequest<CycleList>('GET', '/api/cycles', { signal });
}

export function getCycle(id: number, signal?: AbortSignal): Promise<Cycle> {
  return apiRequest<Cycle>('GET', `/api/cycles/${id}`, { signal });
}

/** Creates a draft; the server fills in the policy's default deadlines when none are given. */
export function createCycle(body: CreateCycleBody): Promise<Cycle> {
  return apiRequest<Cycle>('POST', '/api/cycles', { json: body });
}

/**
 * Renames a cycle or moves its deadlines (all five, as ISO instants). A draft may change any of
 * them in phase order; a launched cycle only deadlines still ahead. A refusal is a 400 whose
 * `errors` name each field (`body.deadlines.peer_feedback`).
 */
export function updateCycle(id: number, body: UpdateCycleBody): Promise<Cycle> {
  return apiRequest<Cycle>('PATCH', `/api/cycles/${id}`, { json: body });
}

/** Deletes a draft; a launched cycle is history and answers 409 (rule CYCLE_LAUNCHED). */
export function deleteCycle(id: number): Promise<null> {
  return apiRequest<null>('DELETE', `/api/cycles/${id}`);
}

/** Snapshots participants and managers, locks the questions, notifies everyone. */
export function launchCycle(id: number): Promise<Cycle> {
  return apiRequest<Cycle>('POST', `/api/cycles/${id}/launch`);
}

/** Ends the current phase now; the next one opens at once. */
export function advanceCycle(id: number): Promise<Cycle> {
  return apiRequest<Cycle>('POST', `/api/cycles/${id}/advance`);
}

/** Adds people who joined the organisation after launch. */
export function addLateJoiners(id: number): Promise<{ added: number }> {
  return apiRequest<{ added: number }>('POST', `/api/cycles/${id}/participants/sync`);
}

/** Reminds everyone behind in the current phase; at most once a day per person. */
export function sendReminders(id: number): Promise<{ phase: string; sent: number }> {
  return apiRequest<{ phase: string; sent: number }>('POST', `/api/cycles/${id}/reminders`);
}

/** HR and admins: everyone; managers: their subtree. */
export function getProgress(id: number, signal?: AbortSignal): Promise<Progress> {
  return apiRequest<Progress>('GET', `/api/cycles/${id}/progress`, { signal });
}

/** My to-do list in a cycle (participants only: 403 otherwise). */
export function getTasks(id: number, signal?: AbortSignal): Promise<Tasks> {
  return apiRequest<Tasks>('GET', `/api/cycles/${id}/tasks`, { signal });
}

export function listPolicies(signal?: AbortSignal): Promise<{ policies: PolicySummary[] }> {
  return apiRequest<{ policies: PolicySummary[] }>('GET', '/api/policies', { signal });
}
