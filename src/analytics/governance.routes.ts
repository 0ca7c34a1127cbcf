import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { problemSchema } from '../shared/schemas/common.ts';
import {
  complexityBodySchema,
  complexitySchema,
  sustainableWorkQuerySchema,
  sustainableWorkSchema,
  uraGovernanceQuerySchema,
  uraGovernanceSchema,
  velocityQuerySchema,
  velocitySchema,
} from '../shared/schemas/analytics-governance.ts';
import { requireActor } from '../app/auth.ts';
import { assessPromotionVelocity } from './promotion-velocity.service.ts';
import { analyseComplexity } from './complexity.service.ts';
import { assessUraGovernance } from './ura-governance.service.ts';
import { assessSustainableWork } from './sustainable-work.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** Governance analyses: promotion velocity, ratings against complexity, URA governance, sustainable work. */
export const governanceRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/analytics/promotion-velocity',
    { schema: { operationId: 'getPromotionVelocity', tags: ['analytics'], summary: 'Time to promotion by group within level, Kaplan-Meier with censoring, suppressed (HR)', querystring: velocityQuerySchema, response: { 200: velocitySchema, ...errors } } },
    async (request) => assessPromotionVelocity(db, { actor: requireActor(request), query: request.query, now: now() }),
  );
  app.post(
    '/api/analytics/complexity',
    { schema: { operationId: 'analyseRatingComplexity', tags: ['analytics'], summary: 'Ratings against workload complexity, and whether a group gap persists within it (HR)', body: complexityBodySchema, response: { 200: complexitySchema, ...errors } } },
    async (request) => analyseComplexity(db, { actor: requireActor(request), body: request.body, now: now() }),
  );
  app.get(
    '/api/analytics/ura-governance',
    { schema: { operationId: 'getUraGovernance', tags: ['analytics'], summary: 'Whether LE ratings and Focus placements cluster where URA is behind target (HR)', querystring: uraGovernanceQuerySchema, response: { 200: uraGovernanceSchema, ...errors } } },
    async (request) => assessUraGovernance(db, { actor: requireActor(request), query: request.query, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/analytics/sustainable-work',
    { schema: { operationId: 'getSustainableWork', tags: ['analytics'], summary: 'Out-of-hours pages and incidents, on-call load and rework per team, never per person (HR, admins)', querystring: sustainableWorkQuerySchema, response: { 200: sustainableWorkSchema, ...errors } } },
    async (request) => assessSustainableWork(db, { actor: requireActor(request), query: request.query, now: now() }),
  );
};
