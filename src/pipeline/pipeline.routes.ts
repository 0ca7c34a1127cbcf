import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  accessLogSchema,
  boardQuerySchema,
  boardSchema,
  caseDetailSchema,
  caseListSchema,
  identifyBodySchema,
  juryDutySchema,
  openCaseBodySchema,
  severanceQuerySchema,
  severanceSchema,
  stageSchema,
  transitionBodySchema,
} from '../shared/schemas/pipeline.ts';
import { requireActor } from '../app/auth.ts';
import { identifyFromRatings, openCase, takeTransition } from './cases.service.ts';
import { caseAccessLog, caseSeverance, getCase, getMyCase, listCases } from './case-reads.service.ts';
import { pipelineBoardFor } from './board.service.ts';
import { listJuryDuties } from './jury.service.ts';
import { uraRoutes } from './ura.routes.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const tags = ['pipeline'];

/** The attrition pipeline: cases and their steps, the board, jury duties; URA and transfers in ura.routes.ts. */
export const pipelineRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/pipeline/cases',
    { config: { stepUp: true }, schema: { operationId: 'listPipelineCases', tags, summary: 'Cases in my organisation or HR scope (open ones unless asked)', querystring: z.object({ stage: stageSchema.optional(), includeClosed: z.enum(['true', 'false']).optional() }).strict(), response: { 200: caseListSchema, ...errors } } },
    async (request) => listCases(db, { actor: requireActor(request), stage: request.query.stage, includeClosed: request.query.includeClosed === 'true', now: now(), requestId: request.id }),
  );
  app.post(
    '/api/pipeline/cases',
    { config: { stepUp: true }, schema: { operationId: 'openPipelineCase', tags, summary: 'Identify someone: from an identifying rating, or by hand with a reason', body: openCaseBodySchema, response: { 201: caseDetailSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await openCase(db, { actor: requireActor(request), input: request.body, now: now(), requestId: request.id })),
  );
  app.post(
    '/api/pipeline/identify',
    { config: { stepUp: true }, schema: { operationId: 'identifyFromCalibration', tags, summary: 'Open a case for everyone a finalised calibration rated into an identifying rating', body: identifyBodySchema, response: { 200: z.object({ opened: z.number().int(), caseIds: z.array(z.number().int()) }), ...errors } } },
    async (request) => identifyFromRatings(db, { actor: requireActor(request), cycleId: request.body.cycleId, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/pipeline/cases/:id',
    { config: { stepUp: true }, schema: { operationId: 'getPipelineCase', tags, summary: 'A case, as much as the reader may see (the read is logged)', params: idParamsSchema, response: { 200: caseDetailSchema, ...errors } } },
    async (request) => getCase(db, { actor: requireActor(request), caseId: request.params.id, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/pipeline/cases/:id/transitions',
    { config: { stepUp: true }, schema: { operationId: 'takePipelineStep', tags, summary: 'Take one step of the process; refused steps name the stage and the allowed next steps', params: idParamsSchema, body: transitionBodySchema, response: { 200: caseDetailSchema.nullable(), ...errors } } },
    async (request) => takeTransition(db, { actor: requireActor(request), caseId: request.params.id, version: request.body.version, step: request.body.step, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/pipeline/cases/:id/access-log',
    { config: { stepUp: true }, schema: { operationId: 'getPipelineAccessLog', tags, summary: 'Who read the case, when, and who knew since when (HR)', params: idParamsSchema, response: { 200: accessLogSchema, ...errors } } },
    async (request) => caseAccessLog(db, { actor: requireActor(request), caseId: request.params.id, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/pipeline/cases/:id/severance',
    { config: { stepUp: true }, schema: { operationId: 'getSeveranceOffer', tags, summary: 'The offer letter figures for each tier at the employee’s tenure (HR)', params: idParamsSchema, querystring: severanceQuerySchema, response: { 200: severanceSchema, ...errors } } },
    async (request) => caseSeverance(db, { actor: requireActor(request), caseId: request.params.id, annualBasePayCents: request.query.annualBasePayCents, separationDate: request.query.separationDate, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/pipeline/my-case',
    { config: { stepUp: true }, schema: { operationId: 'getMyPipelineCase', tags, summary: 'My own plan, where the policy shows it to me', response: { 200: caseDetailSchema, ...errors } } },
    async (request) => getMyCase(db, { actor: requireActor(request), now: now(), requestId: request.id }),
  );
  app.get(
    '/api/pipeline/board',
    { config: { stepUp: true }, schema: { operationId: 'getPipelineBoard', tags, summary: 'Counts per stage, time in stage, pass rates, outcomes by organisation (HR)', querystring: boardQuerySchema, response: { 200: boardSchema, ...errors } } },
    async (request) => pipelineBoardFor(db, { actor: requireActor(request), rootPersonId: request.query.rootPersonId, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/pipeline/jury-duties',
    { config: { stepUp: true }, schema: { operationId: 'listMyJuryDuties', tags, summary: 'Appeals I sit on as a juror, with their papers', response: { 200: juryDutySchema, ...errors } } },
    async (request) => listJuryDuties(db, { actor: requireActor(request), now: now(), requestId: request.id }),
  );
  await app.register(uraRoutes, { db, now });
};
