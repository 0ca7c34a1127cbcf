import type { z } from 'zod';
import type {
  agendaSchema,
  checkInBodySchema,
  checkInListSchema,
  closeQuarterBodySchema,
  goalBodySchema,
  goalListSchema,
  goalSchema,
  goalUpdateBodySchema,
  growthOverviewSchema,
  livingDocumentSchema,
  livingItemBodySchema,
  planBodySchema,
  planListSchema,
  pulseListSchema,
  pulseResultsSchema,
  pulseSchema,
  workshopListSchema,
  workshopSchema,
} from '../../../src/shared/schemas/growth.ts';
import { apiRequest } from './client.ts';

export type GoalList = z.infer<typeof goalListSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type GoalBody = z.input<typeof goalBodySchema>;
export type GoalUpdate = z.input<typeof goalUpdateBodySchema>;
export type CloseQuarterBody = z.input<typeof closeQuarterBodySchema>;
export type GrowthOverview = z.infer<typeof growthOverviewSchema>;
export type Agenda = z.infer<typeof agendaSchema>;
export type CheckInList = z.infer<typeof checkInListSchema>;
export type CheckInBody = z.input<typeof checkInBodySchema>;
export type LivingDocument = z.infer<typeof livingDocumentSchema>;
export type LivingItemBody = z.input<typeof livingItemBodySchema>;
export type PlanList = z.infer<typeof planListSchema>;
export type PlanBody = z.input<typeof planBodySchema>;
export type WorkshopList = z.infer<typeof workshopListSchema>;
export type Workshop = z.infer<typeof workshopSchema>;
export type PulseList = z.infer<typeof pulseListSchema>;
export type Pulse = z.infer<typeof pulseSchema>;
export type PulseResults = z.infer<typeof pulseResultsSchema>;

/** Goals of a person for a quarter (the current one when absent). */
export const listPersonGoals = (personId: number, quarter: string | undefined, signal?: AbortSignal) => apiRequest<GoalList>('GET', `/api/people/${personId}/goals`, { query: { quarter }, signal });
export const createPersonGoal = (personId: number, body: GoalBody) => apiRequest<Goal>('POST', `/api/people/${personId}/goals`, { json: body });
export const updateGoal = (goalId: number, body: GoalUpdate) => apiRequest<Goal>('PATCH', `/api/goals/${goalId}`, { json: body });
export const closeQuarter = (personId: number, body: CloseQuarterBody) => apiRequest<GoalList>('POST', `/api/people/${personId}/goals/close-quarter`, { json: body });

export const getGrowthOverview = (signal?: AbortSignal) => apiRequest<GrowthOverview>('GET', '/api/growth/overview', { signal });
export const getCheckInAgenda = (personId: number, signal?: AbortSignal) => apiRequest<Agenda>('GET', `/api/people/${personId}/check-ins/agenda`, { signal });
export const listCheckIns = (personId: number, signal?: AbortSignal) => apiRequest<CheckInList>('GET', `/api/people/${personId}/check-ins`, { signal });
export const recordCheckIn = (personId: number, body: CheckInBody) => apiRequest<unknown>('POST', `/api/people/${personId}/check-ins`, { json: body });

export const getLivingDocument = (personId: number, signal?: AbortSignal) => apiRequest<LivingDocument>('GET', `/api/people/${personId}/living-document`, { signal });
export const addLivingItem = (personId: number, body: LivingItemBody) => apiRequest<{ id: number; key: string }>('POST', `/api/people/${personId}/living-document/items`, { json: body });
export const setExclusion = (personId: number, key: string, excluded: boolean) => apiRequest<null>('PUT', `/api/people/${personId}/living-document/exclusions`, { json: { key, excluded } });

export const listPlans = (personId: number, signal?: AbortSignal) => apiRequest<PlanList>('GET', `/api/people/${personId}/development-plans`, { signal });
export const createPlan = (personId: number, body: PlanBody) => apiRequest<unknown>('POST', `/api/people/${personId}/development-plans`, { json: body });
export const markPlanDone = (planId: number, version: number) => apiRequest<unknown>('PATCH', `/api/development-plans/${planId}`, { json: { status: 'done', version } });

export const listWorkshops = (signal?: AbortSignal) => apiRequest<WorkshopList>('GET', '/api/workshops', { signal });
export const getWorkshop = (id: number, signal?: AbortSignal) => apiRequest<Workshop>('GET', `/api/workshops/${id}`, { signal });
export const rateWorkshop = (id: number, ratings: { packetId: number; value: number }[]) => apiRequest<Workshop>('PUT', `/api/workshops/${id}/ratings`, { json: { ratings } });
export const revealWorkshop = (id: number) => apiRequest<Workshop>('POST', `/api/workshops/${id}/reveal`);

export const listPulses = (signal?: AbortSignal) => apiRequest<PulseList>('GET', '/api/pulses', { signal });
export const answerPulse = (id: number, answers: Record<string, number>) => apiRequest<null>('POST', `/api/pulses/${id}/responses`, { json: { answers } });
export const getPulseResults = (id: number, signal?: AbortSignal) => apiRequest<PulseResults>('GET', `/api/pulses/${id}/results`, { signal });
