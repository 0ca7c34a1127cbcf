import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema } from '../shared/schemas/common.ts';
import {
  pulseAnswerBodySchema,
  pulseBodySchema,
  pulseListSchema,
  pulseResultsQuerySchema,
  pulseResultsSchema,
  pulseSchema,
  skipLevelBodySchema,
  skipLevelListSchema,
  teamHealthSchema,
  workshopBodySchema,
  workshopListSchema,
  workshopRatingsBodySchema,
  workshopSchema,
} from '../shared/schemas/growth.ts';
import { requireActor } from '../app/auth.ts';
import { answerPulse, createPulse, getPulse, listPulses, pulseResults, teamHealth } from './pulses.service.ts';
import { addSkipLevelNote, listSkipLevelNotes } from './skip-level.service.ts';
import { createWorkshop, getWorkshop, listWorkshops, rateWorkshop, revealWorkshop } from './workshop.service.ts';
import { errors } from './goals.routes.ts';

const tags = ['growth'];

/** Team-health pulses, skip-level notes and the manager calibration workshop. */
export const teamHealthRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get('/api/pulses', { schema: { operationId: 'listPulses', tags, summary: 'Pulses I am asked to answer or whose results I read', response: { 200: pulseListSchema, ...errors } } }, async (request) => listPulses(db, { actor: requireActor(request), now: now() }));
  app.post('/api/pulses', { schema: { operationId: 'createPulse', tags, summary: 'Open a team-health pulse for teams', body: pulseBodySchema, response: { 201: pulseSchema, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await createPulse(db, { actor: requireActor(request), input: request.body, now: now(), requestId: request.id })),
  );
  app.get('/api/pulses/:id', { schema: { operationId: 'getPulse', tags, summary: 'A pulse’s questions and whether I have answered', params: idParamsSchema, response: { 200: pulseSchema, ...errors } } }, async (request) =>
    getPulse(db, { actor: requireActor(request), pulseId: request.params.id, now: now() }),
  );
  app.post('/api/pulses/:id/responses', { schema: { operationId: 'answerPulse', tags, summary: 'Answer a pulse, anonymously (nothing returned names the answer)', params: idParamsSchema, body: pulseAnswerBodySchema, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await answerPulse(db, { actor: requireActor(request), pulseId: request.params.id, answers: request.body.answers, now: now() });
    return reply.status(204).send(null);
  });
  app.get('/api/pulses/:id/results', { schema: { operationId: 'getPulseResults', tags, summary: 'A closed pulse’s results, with small groups suppressed', params: idParamsSchema, querystring: pulseResultsQuerySchema, response: { 200: pulseResultsSchema, ...errors } } }, async (request) =>
    pulseResults(db, { actor: requireActor(request), pulseId: request.params.id, teamId: request.query.teamId, now: now() }),
  );
  app.get('/api/teams/:id/health', { schema: { operationId: 'getTeamHealth', tags, summary: 'A team’s pulse results over time', params: idParamsSchema, response: { 200: teamHealthSchema, ...errors } } }, async (request) =>
    teamHealth(db, { actor: requireActor(request), teamId: request.params.id, now: now() }),
  );

  app.get('/api/people/:id/skip-level-notes', { schema: { operationId: 'listSkipLevelNotes', tags, summary: 'My skip-level notes about a person (HR in scope: all)', params: idParamsSchema, response: { 200: skipLevelListSchema, ...errors } } }, async (request) =>
    listSkipLevelNotes(db, { actor: requireActor(request), personId: request.params.id }),
  );
  app.post(
    '/api/people/:id/skip-level-notes',
    { schema: { operationId: 'addSkipLevelNote', tags, summary: 'Note a skip-level conversation', params: idParamsSchema, body: skipLevelBodySchema, response: { 201: z.object({ id: z.number().int() }), ...errors } } },
    async (request, reply) => reply.status(201).send(await addSkipLevelNote(db, { actor: requireActor(request), personId: request.params.id, input: request.body, now: now() })),
  );

  app.get('/api/workshops', { schema: { operationId: 'listWorkshops', tags, summary: 'Calibration workshops I run or rate in', response: { 200: workshopListSchema, ...errors } } }, async (request) => listWorkshops(db, { actor: requireActor(request) }));
  app.post('/api/workshops', { schema: { operationId: 'createWorkshop', tags, summary: 'Open a manager calibration workshop with sample packets', body: workshopBodySchema, response: { 201: workshopSchema, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await createWorkshop(db, { actor: requireActor(request), input: request.body, now: now(), requestId: request.id })),
  );
  app.get('/api/workshops/:id', { schema: { operationId: 'getWorkshop', tags, summary: 'A workshop: packets, my ratings, and results once revealed', params: idParamsSchema, response: { 200: workshopSchema, ...errors } } }, async (request) =>
    getWorkshop(db, { actor: requireActor(request), workshopId: request.params.id }),
  );
  app.put('/api/workshops/:id/ratings', { schema: { operationId: 'rateWorkshopPackets', tags, summary: 'Rate sample packets, independently', params: idParamsSchema, body: workshopRatingsBodySchema, response: { 200: workshopSchema, ...errors } } }, async (request) =>
    rateWorkshop(db, { actor: requireActor(request), workshopId: request.params.id, ratings: request.body.ratings, now: now() }),
  );
  app.post('/api/workshops/:id/reveal', { schema: { operationId: 'revealWorkshop', tags, summary: 'Reveal the spread and Krippendorff’s alpha', params: idParamsSchema, response: { 200: workshopSchema, ...errors } } }, async (request) =>
    revealWorkshop(db, { actor: requireActor(request), workshopId: request.params.id, now: now(), requestId: request.id }),
  );
};
