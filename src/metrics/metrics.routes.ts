import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { requireActor } from '../app/auth.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  aiAdoptionSchema,
  codeSignalsSchema,
  doraQuerySchema,
  drilldownSchema,
  metricsTeamsSchema,
  periodQuerySchema,
  personAiUsageSchema,
  teamContextSchema,
  teamDoraSchema,
  teamSlosSchema,
} from '../shared/schemas/metrics.ts';
import { orgAiAdoption, personAiUsage } from './ai-adoption.service.ts';
import { personCodeSignals } from './signals.service.ts';
import { teamSlos } from './slo.service.ts';
import { personTeamContext } from './team-context.service.ts';
import { listMetricsTeams, teamDora, teamDrilldown } from './team-dora.service.ts';
import { webhookRoutes } from './webhook.routes.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['metrics'];

/**
 * Engineering metrics: team outcomes (DORA, SLOs), organisation-level AI adoption, and per-person
 * views that only the person, their chain and HR read. No route lists people by an activity
 * count (test/metrics-no-ranking.db.test.ts checks every one).
 */
export const metricsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/metrics/teams',
    { schema: { operationId: 'listMetricsTeams', tags, summary: 'Teams with the services mapped to them', response: { 200: metricsTeamsSchema, ...errors } } },
    async (request) => listMetricsTeams(db, requireActor(request).personId),
  );
  app.get(
    '/api/metrics/teams/:id/dora',
    {
      schema: {
        operationId: 'getTeamDora',
        tags,
        summary: "A team's four DORA keys for a period (default: the last 90 days) with benchmark bands and the monthly trend",
        params: idParamsSchema,
        querystring: doraQuerySchema,
        response: { 200: teamDoraSchema, ...errors },
      },
    },
    async (request) => teamDora(db, { teamId: request.params.id, query: request.query, now: now() }),
  );
  app.get(
    '/api/metrics/teams/:id/dora/drilldown',
    {
      schema: {
        operationId: 'getTeamDoraDrilldown',
        tags,
        summary: 'The deployments, pull requests and incidents behind a period’s numbers',
        params: idParamsSchema,
        querystring: periodQuerySchema,
        response: { 200: drilldownSchema, ...errors },
      },
    },
    async (request) => teamDrilldown(db, { teamId: request.params.id, query: request.query, now: now() }),
  );
  app.get(
    '/api/metrics/teams/:id/slos',
    { schema: { operationId: 'getTeamSlos', tags, summary: "Each SLO of a team's services: compliance, error budget, burn rates", params: idParamsSchema, response: { 200: teamSlosSchema, ...errors } } },
    async (request) => teamSlos(db, { teamId: request.params.id, now: now() }),
  );
  app.get(
    '/api/metrics/ai-adoption',
    { schema: { operationId: 'getAiAdoption', tags, summary: 'AI-assistant adoption of the organisation per week (no per-person rows)', querystring: periodQuerySchema, response: { 200: aiAdoptionSchema, ...errors } } },
    async (request) => orgAiAdoption(db, { query: request.query, now: now() }),
  );
  app.get(
    '/api/metrics/people/:id/ai-usage',
    {
      schema: { operationId: 'getPersonAiUsage', tags, summary: "One person's own AI-assistant usage (the person and HR only)", params: idParamsSchema, querystring: periodQuerySchema, response: { 200: personAiUsageSchema, ...errors } },
    },
    async (request) => personAiUsage(db, { actor: requireActor(request), personId: request.params.id, query: request.query, now: now() }),
  );
  app.get(
    '/api/metrics/people/:id/code-signals',
    {
      schema: {
        operationId: 'getPersonCodeSignals',
        tags,
        summary: "One person's own weekly code signals with change points worth a conversation (the person, their chain, HR)",
        params: idParamsSchema,
        querystring: periodQuerySchema,
        response: { 200: codeSignalsSchema, ...errors },
      },
    },
    async (request) => personCodeSignals(db, { actor: requireActor(request), personId: request.params.id, query: request.query, now: now() }),
  );
  app.get(
    '/api/metrics/people/:id/team-context',
    {
      schema: {
        operationId: 'getPersonTeamContext',
        tags,
        summary: "Team context for a review's evidence packet: the team's DORA and SLO trends over the person's tenure and their on-call record",
        params: idParamsSchema,
        response: { 200: teamContextSchema, ...errors },
      },
    },
    async (request) => personTeamContext(db, { actor: requireActor(request), personId: request.params.id, now: now() }),
  );
  await app.register(webhookRoutes, { db, now });
};
