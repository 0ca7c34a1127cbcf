import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema } from '../shared/schemas/common.ts';
import { evidencePacketSchema, exclusionBodySchema, livingDocumentSchema, livingItemBodySchema, planBodySchema, planListSchema, planSchema, planUpdateBodySchema, windowQuerySchema } from '../shared/schemas/growth.ts';
import { requireActor } from '../app/auth.ts';
import { addLivingItem, evidencePacket, livingDocument, removeLivingItem, setExclusion } from './living-document.service.ts';
import { createPlan, listPlans, updatePlan } from './development-plans.service.ts';
import { errors } from './goals.routes.ts';

const tags = ['growth'];

/** The living evidence document, its calibration packet, and development plans. */
export const livingDocumentRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get('/api/people/:id/living-document', { schema: { operationId: 'getLivingDocument', tags, summary: 'A person’s living evidence document with its recency view', params: idParamsSchema, querystring: windowQuerySchema, response: { 200: livingDocumentSchema, ...errors } } }, async (request) =>
    livingDocument(db, { actor: requireActor(request), personId: request.params.id, ...request.query, now: now() }),
  );
  app.post(
    '/api/people/:id/living-document/items',
    { schema: { operationId: 'addLivingDocumentItem', tags, summary: 'Add a line of evidence by hand', params: idParamsSchema, body: livingItemBodySchema, response: { 201: z.object({ id: z.number().int(), key: z.string() }), ...errors } } },
    async (request, reply) => reply.status(201).send(await addLivingItem(db, { actor: requireActor(request), personId: request.params.id, input: request.body, now: now() })),
  );
  app.delete('/api/living-document/items/:id', { schema: { operationId: 'removeLivingDocumentItem', tags, summary: 'Remove a line added by hand', params: idParamsSchema, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await removeLivingItem(db, { actor: requireActor(request), itemId: request.params.id });
    return reply.status(204).send(null);
  });
  app.put(
    '/api/people/:id/living-document/exclusions',
    { schema: { operationId: 'setLivingDocumentExclusion', tags, summary: 'Leave an assembled item out of the document, or bring it back', params: idParamsSchema, body: exclusionBodySchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await setExclusion(db, { actor: requireActor(request), personId: request.params.id, ...request.body, now: now() });
      return reply.status(204).send(null);
    },
  );
  app.get('/api/people/:id/evidence-packet', { schema: { operationId: 'getEvidencePacket', tags, summary: 'The calibration evidence packet the living document makes (chain, HR)', params: idParamsSchema, querystring: windowQuerySchema, response: { 200: evidencePacketSchema, ...errors } } }, async (request) =>
    evidencePacket(db, { actor: requireActor(request), personId: request.params.id, ...request.query, now: now() }),
  );

  app.get('/api/people/:id/development-plans', { schema: { operationId: 'listDevelopmentPlans', tags, summary: 'A person’s development plans, and reviews still owed one', params: idParamsSchema, response: { 200: planListSchema, ...errors } } }, async (request) =>
    listPlans(db, { actor: requireActor(request), personId: request.params.id }),
  );
  app.post('/api/people/:id/development-plans', { schema: { operationId: 'createDevelopmentPlan', tags, summary: 'End a delivered review with a development plan', params: idParamsSchema, body: planBodySchema, response: { 201: planSchema, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await createPlan(db, { actor: requireActor(request), personId: request.params.id, input: request.body, now: now(), requestId: request.id })),
  );
  app.patch('/api/development-plans/:id', { schema: { operationId: 'updateDevelopmentPlan', tags, summary: 'Change a development plan or mark it done', params: idParamsSchema, body: planUpdateBodySchema, response: { 200: planSchema, ...errors } } }, async (request) =>
    updatePlan(db, { actor: requireActor(request), planId: request.params.id, input: request.body, now: now() }),
  );
};
