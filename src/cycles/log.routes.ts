import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import { logEntryBodySchema, logSchema, markReadBodySchema, notificationListSchema } from '../shared/schemas/cycles.ts';
import { requireActor } from '../app/auth.ts';
import { addLogEntry, listLog } from './feedback-log.service.ts';
import { listNotifications, markNotificationsRead } from './notifications.service.ts';
import { listPolicies } from '../policy/policy.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };

/** The continuous feedback log, in-app notifications, and the policies on offer. */
export const logRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get('/api/people/:id/log', { schema: { operationId: 'listFeedbackLog', tags: ['log'], summary: 'Notes logged about a person', params: idParamsSchema, response: { 200: logSchema, ...errors } } }, async (request) =>
    listLog(db, { actor: requireActor(request), personId: request.params.id }),
  );
  app.post(
    '/api/people/:id/log',
    { schema: { operationId: 'addFeedbackLogEntry', tags: ['log'], summary: 'Log a note at the time it happens', params: idParamsSchema, body: logEntryBodySchema, response: { 201: z.object({ id: z.number().int() }), ...errors } } },
    async (request, reply) => {
      const id = await addLogEntry(db, { actor: requireActor(request), personId: request.params.id, ...request.body, now: now() });
      return reply.status(201).send({ id });
    },
  );

  app.get('/api/notifications', { schema: { operationId: 'listNotifications', tags: ['log'], summary: 'My notifications and reminders', response: { 200: notificationListSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    return { notifications: actor.personId === null ? [] : await listNotifications(db, actor.personId) };
  });
  app.post('/api/notifications/read', { schema: { operationId: 'markNotificationsRead', tags: ['log'], summary: 'Mark notifications read', body: markReadBodySchema, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    const actor = requireActor(request);
    // An account without a person has no notifications: nothing to mark.
    if (actor.personId !== null) await markNotificationsRead(db, { personId: actor.personId, ids: request.body.ids, now: now() });
    return reply.status(204).send(null);
  });

  app.get(
    '/api/policies',
    {
      schema: {
        operationId: 'listPolicies',
        tags: ['policy'],
        summary: 'Policy versions (presets and edited copies)',
        response: { 200: z.object({ policies: z.array(z.object({ id: z.number().int(), key: z.string(), version: z.number().int(), name: z.string(), description: z.string() })) }), ...errors },
      },
    },
    async () => ({ policies: (await listPolicies(db)).map((p) => ({ id: p.id, key: p.key, version: p.version, name: p.policy.name, description: p.policy.description })) }),
  );
};
