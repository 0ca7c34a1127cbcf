import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  agendaSchema,
  checkInBodySchema,
  checkInListSchema,
  checkInSchema,
  closeQuarterBodySchema,
  goalBodySchema,
  goalListSchema,
  goalSchema,
  goalUpdateBodySchema,
  growthOverviewSchema,
  growthRemindersSchema,
  quarterQuerySchema,
} from '../shared/schemas/growth.ts';
import { requireActor } from '../app/auth.ts';
import { closeQuarter, createPersonGoal, createTeamGoal, listPersonGoals, listTeamGoals, updateGoal } from './goals.service.ts';
import { checkInAgenda, growthOverview, listCheckIns, recordCheckIn } from './check-ins.service.ts';
import { sendGrowthReminders } from './reminders.service.ts';

export const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const tags = ['growth'];

/** Goals per person and team per quarter, closing a quarter, check-ins and the manager's growth page. */
export const goalsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get('/api/people/:id/goals', { schema: { operationId: 'listPersonGoals', tags, summary: 'A person’s goals for a quarter', params: idParamsSchema, querystring: quarterQuerySchema, response: { 200: goalListSchema, ...errors } } }, async (request) =>
    listPersonGoals(db, { actor: requireActor(request), personId: request.params.id, quarter: request.query.quarter, now: now() }),
  );
  app.post('/api/people/:id/goals', { schema: { operationId: 'createPersonGoal', tags, summary: 'Set a goal for a person', params: idParamsSchema, body: goalBodySchema, response: { 201: goalSchema, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await createPersonGoal(db, { actor: requireActor(request), personId: request.params.id, input: request.body, now: now() })),
  );
  app.get('/api/teams/:id/goals', { schema: { operationId: 'listTeamGoals', tags, summary: 'A team’s goals for a quarter', params: idParamsSchema, querystring: quarterQuerySchema, response: { 200: goalListSchema, ...errors } } }, async (request) =>
    listTeamGoals(db, { actor: requireActor(request), teamId: request.params.id, quarter: request.query.quarter, now: now() }),
  );
  app.post('/api/teams/:id/goals', { schema: { operationId: 'createTeamGoal', tags, summary: 'Set a goal for a team', params: idParamsSchema, body: goalBodySchema, response: { 201: goalSchema, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await createTeamGoal(db, { actor: requireActor(request), teamId: request.params.id, input: request.body, now: now() })),
  );
  app.patch('/api/goals/:id', { schema: { operationId: 'updateGoal', tags, summary: 'Record progress on an open goal', params: idParamsSchema, body: goalUpdateBodySchema, response: { 200: goalSchema, ...errors } } }, async (request) =>
    updateGoal(db, { actor: requireActor(request), goalId: request.params.id, input: request.body, now: now() }),
  );
  app.post(
    '/api/people/:id/goals/close-quarter',
    { schema: { operationId: 'closeQuarter', tags, summary: 'Close a person’s quarter with a written outcome for each goal', params: idParamsSchema, body: closeQuarterBodySchema, response: { 200: goalListSchema, ...errors } } },
    async (request) => closeQuarter(db, { actor: requireActor(request), personId: request.params.id, quarter: request.body.quarter, outcomes: request.body.outcomes, now: now(), requestId: request.id }),
  );

  app.get('/api/growth/overview', { schema: { operationId: 'getGrowthOverview', tags, summary: 'My reports’ check-ins (overdue first), open goals and plans owed', response: { 200: growthOverviewSchema, ...errors } } }, async (request) =>
    growthOverview(db, { actor: requireActor(request), now: now() }),
  );
  app.get('/api/people/:id/check-ins', { schema: { operationId: 'listCheckIns', tags, summary: 'Check-ins of a report with their manager (the pair; HR per policy)', params: idParamsSchema, response: { 200: checkInListSchema, ...errors } } }, async (request) =>
    listCheckIns(db, { actor: requireActor(request), personId: request.params.id, now: now() }),
  );
  app.get('/api/people/:id/check-ins/agenda', { schema: { operationId: 'getCheckInAgenda', tags, summary: 'The generated agenda of the next check-in', params: idParamsSchema, response: { 200: agendaSchema, ...errors } } }, async (request) =>
    checkInAgenda(db, { actor: requireActor(request), personId: request.params.id, now: now() }),
  );
  app.post('/api/people/:id/check-ins', { schema: { operationId: 'recordCheckIn', tags, summary: 'Record a check-in with a report, at the time', params: idParamsSchema, body: checkInBodySchema, response: { 201: checkInSchema, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await recordCheckIn(db, { actor: requireActor(request), personId: request.params.id, input: request.body, now: now() })),
  );
  app.post('/api/growth/reminders', { schema: { operationId: 'sendGrowthReminders', tags, summary: 'Remind managers of overdue check-ins and plans owed', response: { 200: growthRemindersSchema, ...errors } } }, async (request) =>
    sendGrowthReminders(db, { actor: requireActor(request), now: now() }),
  );
};
