import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import { requireActor } from '../app/auth.ts';
import { exportPersonData } from './export.service.ts';
import { erasePerson } from './erasure.service.ts';
import { authorizeErase } from './privacy.access.ts';
import { erasureBodySchema, erasureResultSchema, personExportSchema } from './privacy.schemas.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const tags = ['privacy'];

/** A person's data export and an administrator's erasure of a leaver (docs/security.md, Privacy). */
export const privacyRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/people/:id/data-export',
    {
      // It holds ratings and any pipeline case: the same re-authentication as reading those.
      config: { stepUp: true },
      schema: {
        operationId: 'exportPersonData',
        tags,
        summary: 'Everything Highbar holds about a person, as they may read it (the person; HR in scope and admins on request); audited',
        params: idParamsSchema,
        response: { 200: personExportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const document = await exportPersonData(db, { actor: requireActor(request), personId: request.params.id, now: now(), requestId: request.id });
      void reply.header('content-disposition', `attachment; filename="highbar-person-${request.params.id}.json"`);
      void reply.header('cache-control', 'no-store');
      return document as never;
    },
  );

  app.post(
    '/api/people/:id/erasure',
    {
      config: { stepUp: true },
      schema: {
        operationId: 'erasePerson',
        tags,
        summary: 'Erase a leaver’s personal data by the documented rules, in one transaction (admins); audited by person id only',
        params: idParamsSchema,
        body: erasureBodySchema,
        response: { 200: erasureResultSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorizeErase(actor);
      return erasePerson(db, { actorAccountId: actor.accountId, personId: request.params.id, now: now(), requestId: request.id });
    },
  );
};
