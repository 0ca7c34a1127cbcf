import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  appBiasAuditBodySchema,
  appBiasAuditSchema,
  appDriftSchema,
  attributeListSchema,
  driftQuerySchema,
  sessionBiasAuditSchema,
  sessionBiasQuerySchema,
  simulationBodySchema,
  simulationSchema,
} from '../shared/schemas/analytics.ts';
import { requireActor } from '../app/auth.ts';
import { auditAppBias } from './bias-audit.service.ts';
import { auditSessionBias } from './session-bias.service.ts';
import { assessCycleDrift } from './manager-drift.service.ts';
import { runSimulation } from './simulation.service.ts';
import { listAnalyticsAttributes } from './attributes.service.ts';
import { datasetRoutes } from './datasets.routes.ts';
import { governanceRoutes } from './governance.routes.ts';
import { themesRoutes } from './themes.routes.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };

/** People analytics: bias audits, manager drift, the policy lab, datasets and feedback themes. */
export const analyticsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, options) => {
  const { db, now } = options;
  app.get(
    '/api/analytics/attributes',
    { schema: { operationId: 'listAnalyticsAttributes', tags: ['analytics'], summary: 'Demographic attributes recorded in my scope (HR)', response: { 200: attributeListSchema, ...errors } } },
    async (request) => listAnalyticsAttributes(db, { actor: requireActor(request) }),
  );
  app.post(
    '/api/analytics/bias-audits',
    {
      schema: {
        operationId: 'runBiasAudit',
        tags: ['analytics'],
        summary: "Bias audit of a cycle's ratings or of exits in my scope (HR), suppressed within and across my reports",
        body: appBiasAuditBodySchema,
        response: { 200: appBiasAuditSchema, ...errors },
      },
    },
    async (request) => auditAppBias(db, { actor: requireActor(request), body: request.body, now: now() }),
  );
  app.get(
    '/api/analytics/manager-drift',
    { schema: { operationId: 'getManagerDrift', tags: ['analytics'], summary: "Managers' share of ratings against the organisation, shrunk for team size (HR)", querystring: driftQuerySchema, response: { 200: appDriftSchema, ...errors } } },
    async (request) => assessCycleDrift(db, { actor: requireActor(request), query: request.query }),
  );
  app.post(
    '/api/analytics/simulations',
    { schema: { operationId: 'simulatePolicy', tags: ['analytics'], summary: 'Monte Carlo of a rating policy on a synthetic organisation (bounded)', body: simulationBodySchema, response: { 200: simulationSchema, ...errors } } },
    async (request) => runSimulation({ actor: requireActor(request), body: request.body }),
  );
  app.get(
    '/api/calibration-sessions/:id/bias-audit',
    {
      config: { stepUp: true, sensitiveRead: 'calibration' },
      schema: {
        operationId: 'getSessionBiasAudit',
        tags: ['analytics', 'calibration'],
        summary: "Bias audit of a session's current and proposed ratings, suppressed (the people who run it)",
        params: idParamsSchema,
        querystring: sessionBiasQuerySchema,
        response: { 200: sessionBiasAuditSchema, ...errors },
      },
    },
    async (request) => auditSessionBias(db, { actor: requireActor(request), sessionId: request.params.id, query: request.query, now: now() }),
  );
  await app.register(datasetRoutes, options);
  await app.register(themesRoutes, options);
  await app.register(governanceRoutes, options);
};
