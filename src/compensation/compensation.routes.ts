import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import { budgetQuerySchema, budgetSchema, changeResultSchema, compensationChangeBodySchema, sharePriceBodySchema, sharePriceSchema, statementQuerySchema, statementSchema } from '../shared/schemas/compensation.ts';
import { requireActor } from '../app/auth.ts';
import { getStatement } from './statement.service.ts';
import { recordCompensationChange, recordSharePrice } from './changes.service.ts';
import { getBudget } from './budget.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** Pay: a person's four-year statement, pay changes, the share price and an organisation's budget. */
export const compensationRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/people/:id/compensation',
    { schema: { operationId: 'getCompensationStatement', tags: ['compensation'], summary: 'A person’s pay for the next four years, and its history', params: idParamsSchema, querystring: statementQuerySchema, response: { 200: statementSchema, ...errors } } },
    async (request) => getStatement(db, { actor: requireActor(request), personId: request.params.id, ...request.query, now: now() }),
  );
  app.post(
    '/api/people/:id/compensation/changes',
    { schema: { operationId: 'recordCompensationChange', tags: ['compensation'], summary: 'Record a hire, merit, refresh, retention, departure or boomerang (HR in scope, admin)', params: idParamsSchema, body: compensationChangeBodySchema, response: { 201: changeResultSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await recordCompensationChange(db, { actor: requireActor(request), personId: request.params.id, body: request.body, now: now(), requestId: request.id })),
  );
  app.post(
    '/api/compensation/share-prices',
    { schema: { operationId: 'recordSharePrice', tags: ['compensation'], summary: 'Record the share price statements value equity at', body: sharePriceBodySchema, response: { 201: sharePriceSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await recordSharePrice(db, { actor: requireActor(request), priceCents: request.body.priceCents, asOf: request.body.asOf, now: now(), requestId: request.id })),
  );
  app.get(
    '/api/compensation/budget',
    { schema: { operationId: 'getCompensationBudget', tags: ['compensation'], summary: 'An organisation’s pay for the coming year, refreshes and merit budget', querystring: budgetQuerySchema, response: { 200: budgetSchema, ...errors } } },
    async (request) => getBudget(db, { actor: requireActor(request), rootPersonId: request.query.rootPersonId, sharePriceCents: request.query.sharePriceCents, now: now() }),
  );
};
