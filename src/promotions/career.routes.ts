import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import { careerSchema, ladderLevelBodySchema, ladderLevelParamsSchema, ladderLevelSchema } from '../shared/schemas/promotions.ts';
import { requireActor } from '../app/auth.ts';
import { getCareerPath, updateLadderLevel } from './career.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/** The career page (my level and the next) and the ladder editor. */
export const careerRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/people/:id/career',
    { schema: { operationId: 'getCareerPath', tags: ['promotions'], summary: 'A person’s level and the next, with every expectation and example behaviour', params: idParamsSchema, response: { 200: careerSchema, ...errors } } },
    async (request) => getCareerPath(db, { actor: requireActor(request), personId: request.params.id }),
  );
  app.put(
    '/api/ladders/:key/levels/:code',
    { schema: { operationId: 'updateLadderLevel', tags: ['promotions'], summary: 'Edit a level’s title, expectations and example behaviours (admin)', params: ladderLevelParamsSchema, body: ladderLevelBodySchema, response: { 200: ladderLevelSchema, ...errors } } },
    async (request) =>
      updateLadderLevel(db, { actor: requireActor(request), ladderKey: request.params.key, code: request.params.code, title: request.body.title, expectations: request.body.expectations, version: request.body.version, now: now(), requestId: request.id }),
  );
};
