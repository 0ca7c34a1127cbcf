import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import { createCycleBodySchema, cycleListSchema, cycleSchema, progressSchema, tasksSchema, updateCycleBodySchema } from '../shared/schemas/cycles.ts';
import { requireActor } from '../app/auth.ts';
import { advanceCycle, createCycle, deleteDraftCycle, getCycle, launchCycle, listCycles, updateCycle } from './cycles.service.ts';
import { addLateJoiners, cycleProgress, listMyTasks, sendReminders } from './progress.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** Review cycles: creation and launch by HR, phases, progress, reminders, and each person's tasks. */
export const cyclesRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get('/api/cycles', { schema: { operationId: 'listCycles', tags: ['cycles'], summary: 'Cycles I take part in or run', response: { 200: cycleListSchema, ...errors } } }, async (request) => ({
    cycles: await listCycles(db, { actor: requireActor(request), now: now() }),
  }));

  app.post(
    '/api/cycles',
    { schema: { operationId: 'createCycle', tags: ['cycles'], summary: 'Create a draft cycle for an organisation subtree (HR in scope, admin)', body: createCycleBodySchema, response: { 201: cycleSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createCycle(db, { actor, name: request.body.name, rootPersonId: request.body.rootPersonId, policyKey: request.body.policy, deadlines: request.body.deadlines, now: now(), requestId: request.id });
      return reply.status(201).send(await getCycle(db, { actor, cycleId: id, now: now() }));
    },
  );

  app.get('/api/cycles/:id', { schema: { operationId: 'getCycle', tags: ['cycles'], summary: 'One cycle, with its locked questions once launched', params: idParamsSchema, response: { 200: cycleSchema, ...errors } } }, async (request) =>
    getCycle(db, { actor: requireActor(request), cycleId: request.params.id, now: now() }),
  );

  app.patch(
    '/api/cycles/:id',
    { schema: { operationId: 'updateCycle', tags: ['cycles'], summary: 'Rename a cycle or move its deadlines (launched: only deadlines still ahead)', params: idParamsSchema, body: updateCycleBodySchema, response: { 200: cycleSchema, ...errors } } },
    async (request) => updateCycle(db, { actor: requireActor(request), cycleId: request.params.id, name: request.body.name, deadlines: request.body.deadlines, now: now(), requestId: request.id }),
  );
  app.delete(
    '/api/cycles/:id',
    { schema: { operationId: 'deleteCycle', tags: ['cycles'], summary: 'Delete a cycle that was never launched', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteDraftCycle(db, { actor: requireActor(request), cycleId: request.params.id, now: now(), requestId: request.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/cycles/:id/launch',
    { schema: { operationId: 'launchCycle', tags: ['cycles'], summary: 'Launch: snapshot participants and managers, lock the questions', params: idParamsSchema, response: { 200: cycleSchema, ...errors } } },
    async (request) => launchCycle(db, { actor: requireActor(request), cycleId: request.params.id, now: now(), requestId: request.id }),
  );

  app.post(
    '/api/cycles/:id/advance',
    { schema: { operationId: 'advanceCycle', tags: ['cycles'], summary: 'End the current phase now and open the next', params: idParamsSchema, response: { 200: cycleSchema, ...errors } } },
    async (request) => advanceCycle(db, { actor: requireActor(request), cycleId: request.params.id, now: now(), requestId: request.id }),
  );

  app.post(
    '/api/cycles/:id/participants/sync',
    { schema: { operationId: 'addLateJoiners', tags: ['cycles'], summary: 'Add people who joined the organisation after launch', params: idParamsSchema, response: { 200: z.object({ added: z.number().int() }), ...errors } } },
    async (request) => addLateJoiners(db, { actor: requireActor(request), cycleId: request.params.id, now: now(), requestId: request.id }),
  );

  app.get(
    '/api/cycles/:id/progress',
    { schema: { operationId: 'getCycleProgress', tags: ['cycles'], summary: 'Completion per participant (HR: all; managers: their subtree)', params: idParamsSchema, response: { 200: progressSchema, ...errors } } },
    async (request) => cycleProgress(db, { actor: requireActor(request), cycleId: request.params.id, now: now() }),
  );

  app.post(
    '/api/cycles/:id/reminders',
    { schema: { operationId: 'sendCycleReminders', tags: ['cycles'], summary: 'Remind everyone behind in the current phase (once a day)', params: idParamsSchema, response: { 200: z.object({ phase: z.string(), sent: z.number().int() }), ...errors } } },
    async (request) => sendReminders(db, { actor: requireActor(request), cycleId: request.params.id, now: now() }),
  );

  app.get('/api/cycles/:id/tasks', { schema: { operationId: 'listMyCycleTasks', tags: ['cycles'], summary: 'My tasks in a cycle', params: idParamsSchema, response: { 200: tasksSchema, ...errors } } }, async (request) =>
    listMyTasks(db, { actor: requireActor(request), cycleId: request.params.id, now: now() }),
  );
};
