import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParam, idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import { feedbackThemesSchema, teamThemesQuerySchema } from '../shared/schemas/analytics.ts';
import { requireActor } from '../app/auth.ts';
import { groupThemes, myThemes, personThemes } from './themes.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const personParams = z.object({ id: idParam, personId: idParam }).strict();

/** Feedback themes: LP tags and recurring phrases for a person, a team or the organisation; never authors. */
export const themesRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/cycles/:id/themes/me',
    { schema: { operationId: 'getMyFeedbackThemes', tags: ['analytics', 'feedback'], summary: 'Themes of the peer feedback I received, once it is released to me', params: idParamsSchema, response: { 200: feedbackThemesSchema, ...errors } } },
    async (request) => myThemes(db, { actor: requireActor(request), cycleId: request.params.id, now: now() }),
  );
  app.get(
    '/api/cycles/:id/people/:personId/themes',
    { schema: { operationId: 'getPersonFeedbackThemes', tags: ['analytics', 'feedback'], summary: "Themes of a person's peer feedback (management chain, HR in scope)", params: personParams, response: { 200: feedbackThemesSchema, ...errors } } },
    async (request) => personThemes(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId }),
  );
  app.get(
    '/api/cycles/:id/themes',
    {
      schema: {
        operationId: 'getGroupFeedbackThemes',
        tags: ['analytics', 'feedback'],
        summary: "Themes of an organisation's peer feedback (the cycle's, or a subtree's with rootPersonId), from the minimum group size",
        params: idParamsSchema,
        querystring: teamThemesQuerySchema,
        response: { 200: feedbackThemesSchema, ...errors },
      },
    },
    async (request) => groupThemes(db, { actor: requireActor(request), cycleId: request.params.id, ...(request.query.rootPersonId ? { rootPersonId: request.query.rootPersonId } : {}) }),
  );
};
