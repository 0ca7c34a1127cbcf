import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { requireActor } from '../app/auth.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  aiAdoptionSchema,
  codeSignalsSchema,
  createWebhookSourceSchema,
  identityBodySchema,
  identityMappedSchema,
  identityQuerySchema,
  identityUnmappedSchema,
  personIdentitiesSchema,
  rotateWebhookSecretSchema,
  teamOperationsSchema,
  unmappedIdentitiesSchema,
  webhookSecretSchema,
  webhookSourceParamsSchema,
  webhookSourcesSchema,
  doraQuerySchema,
  drilldownSchema,
  metricsTeamsSchema,
  periodQuerySchema,
  personAiUsageSchema,
  teamContextSchema,
  teamDoraSchema,
  teamSlosSchema,
} from '../shared/schemas/metrics.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { orgAiAdoption, personAiUsage } from './ai-adoption.service.ts';
import { mapIdentity, personIdentities, unmapIdentity, unmappedIdentities } from './identities.service.ts';
import { teamOperations } from './team-operations.service.ts';
import { createWebhookSource, listWebhookSources, rotateWebhookSecret } from './webhook.service.ts';
import { personCodeSignals } from './signals.service.ts';
import { teamSlos } from './slo.service.ts';
import { personTeamContext } from './team-context.service.ts';
import { listMetricsTeams, teamDora, teamDrilldown } from './team-dora.service.ts';
import { webhookRoutes } from './webhook.routes.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const writeErrors = { ...errors, 409: problemSchema };
const tags = ['metrics'];

/** Webhook sources are system configuration: administrators only. */
function requireAdmin(actor: Actor): Actor {
  if (!actor.roles.includes('admin')) throw new AppError('FORBIDDEN', { detail: 'Only administrators manage webhook sources.' });
  return actor;
}

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
  app.get(
    '/api/metrics/teams/:id/operations',
    {
      schema: {
        operationId: 'getTeamOperations',
        tags,
        summary: "A team's vulnerabilities, tickets and pages over a period (default: the last 90 days)",
        params: idParamsSchema,
        querystring: periodQuerySchema,
        response: { 200: teamOperationsSchema, ...errors },
      },
    },
    async (request) => teamOperations(db, { teamId: request.params.id, query: request.query, now: now() }),
  );

  // Source identities: how people appear in git, GitHub, Amazon Q and PagerDuty.
  app.get(
    '/api/metrics/identities/unmapped',
    {
      schema: {
        operationId: 'listUnmappedIdentities',
        tags,
        summary: 'Identities the events name that belong to nobody yet, with where and when they were last seen (administrators and HR)',
        querystring: periodQuerySchema,
        response: { 200: unmappedIdentitiesSchema, ...errors },
      },
    },
    async (request) => unmappedIdentities(db, { actor: requireActor(request), query: request.query }),
  );
  app.get(
    '/api/metrics/people/:id/identities',
    {
      schema: {
        operationId: 'getPersonIdentities',
        tags,
        summary: "A person's source identities, each with when the events last named it in the period (the person, HR in scope, administrators)",
        params: idParamsSchema,
        querystring: periodQuerySchema,
        response: { 200: personIdentitiesSchema, ...errors },
      },
    },
    async (request) => personIdentities(db, { actor: requireActor(request), personId: request.params.id, query: request.query }),
  );
  app.put(
    '/api/metrics/people/:id/identities',
    {
      schema: {
        operationId: 'mapPersonIdentity',
        tags,
        summary: 'Map a source identity to a person, audited (administrators, HR in scope); 409 when it is someone else’s',
        params: idParamsSchema,
        body: identityBodySchema,
        response: { 200: identityMappedSchema, ...writeErrors },
      },
    },
    async (request) => mapIdentity(db, { actor: requireActor(request), personId: request.params.id, ...request.body, now: now(), requestId: request.id }),
  );
  app.delete(
    '/api/metrics/people/:id/identities',
    {
      schema: {
        operationId: 'unmapPersonIdentity',
        tags,
        summary: 'Remove a mapped source identity from a person, audited (administrators, HR in scope)',
        params: idParamsSchema,
        querystring: identityQuerySchema,
        response: { 200: identityUnmappedSchema, ...errors },
      },
    },
    async (request) => unmapIdentity(db, { actor: requireActor(request), personId: request.params.id, ...request.query, now: now(), requestId: request.id }),
  );

  // Webhook sources (administrators): secrets are shown once, when created or rotated.
  app.get(
    '/api/webhook-sources',
    { schema: { operationId: 'listWebhookSources', tags, summary: 'Webhook sources, without their secrets (administrators)', response: { 200: webhookSourcesSchema, ...errors } } },
    async (request) => {
      requireAdmin(requireActor(request));
      return listWebhookSources(db, { now: now() });
    },
  );
  app.post(
    '/api/webhook-sources',
    {
      // A secret lets anyone post deployments and incidents as this source: a recent password first.
      config: { stepUp: true },
      schema: {
        operationId: 'createWebhookSource',
        tags,
        summary: 'Create a webhook source; its secret is in this response only (administrators, audited)',
        body: createWebhookSourceSchema,
        response: { 201: webhookSecretSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(requireActor(request));
      reply.status(201);
      return createWebhookSource(db, { name: request.body.name, mode: 'create', now: now(), actorAccountId: actor.accountId, requestId: request.id });
    },
  );
  app.post(
    '/api/webhook-sources/:name/rotate',
    {
      config: { stepUp: true },
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: 'A new secret for a webhook source, shown once; the old one keeps working for graceHours (default 24) (administrators, audited)',
        params: webhookSourceParamsSchema,
        body: rotateWebhookSecretSchema,
        response: { 200: webhookSecretSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireAdmin(requireActor(request));
      return rotateWebhookSecret(db, { name: request.params.name, graceHours: request.body.graceHours, now: now(), actorAccountId: actor.accountId, requestId: request.id });
    },
  );
  await app.register(webhookRoutes, { db, now });
};
