import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { problemSchema } from '../shared/schemas/common.ts';
import {
  dashboardQuerySchema,
  exitBodySchema,
  exitListQuerySchema,
  exitSchema,
  hireToFireQuerySchema,
  hireToFireSchema,
  transferBodySchema,
  transferListSchema,
  transferSchema,
  uraDashboardSchema,
  uraTargetBodySchema,
} from '../shared/schemas/pipeline.ts';
import { requireActor } from '../app/auth.ts';
import { listExits, recordExit } from './exits.service.ts';
import { hireToFireSignal, setUraTarget, uraDashboard } from './ura.service.ts';
import { listTransfers, requestTransfer } from './transfers.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const tags = ['pipeline'];

/** URA (exits, targets, the dashboard, hire to fire) and internal transfer requests. */
export const uraRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/ura/exits',
    { config: { stepUp: true }, schema: { operationId: 'listExits', tags, summary: 'Exits in my HR scope (reads are logged)', querystring: exitListQuerySchema, response: { 200: z.object({ exits: z.array(exitSchema) }), ...errors } } },
    async (request) => listExits(db, { actor: requireActor(request), rootPersonId: request.query.rootPersonId, year: request.query.year, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/ura/exits',
    { config: { stepUp: true }, schema: { operationId: 'recordExit', tags, summary: 'Record an exit: date, voluntary or not, regretted or not, reason (HR)', body: exitBodySchema, response: { 201: exitSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await recordExit(db, { actor: requireActor(request), input: request.body, now: now(), requestId: request.id })),
  );
  app.put(
    '/api/ura/targets',
    { config: { stepUp: true }, schema: { operationId: 'setUraTarget', tags, summary: 'Set an organisation’s URA target for a year (HR)', body: uraTargetBodySchema, response: { 200: uraTargetBodySchema, ...errors } } },
    async (request) => setUraTarget(db, { actor: requireActor(request), input: request.body, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/ura/dashboard',
    { config: { stepUp: true }, schema: { operationId: 'getUraDashboard', tags, summary: 'Unregretted attrition against target by organisation and quarter (HR)', querystring: dashboardQuerySchema, response: { 200: uraDashboardSchema, ...errors } } },
    async (request) => uraDashboard(db, { actor: requireActor(request), rootPersonId: request.query.rootPersonId, year: request.query.year, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/ura/hire-to-fire',
    { config: { stepUp: true }, schema: { operationId: 'getHireToFireSignal', tags, summary: 'Are new hires rated LE more often than everyone else? (HR)', querystring: hireToFireQuerySchema, response: { 200: hireToFireSchema, ...errors } } },
    async (request) => hireToFireSignal(db, { actor: requireActor(request), cycleId: request.query.cycleId, rootPersonId: request.query.rootPersonId, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/transfer-requests',
    { config: { stepUp: true }, schema: { operationId: 'requestTransfer', tags, summary: 'Ask to move to another manager (refused while Focus blocks transfers)', body: transferBodySchema, response: { 201: transferSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await requestTransfer(db, { actor: requireActor(request), input: request.body, now: now(), requestId: request.id })),
  );
  app.get(
    '/api/transfer-requests',
    { config: { stepUp: true }, schema: { operationId: 'listTransferRequests', tags, summary: 'Transfer requests about me, my organisation or my HR scope', response: { 200: transferListSchema, ...errors } } },
    async (request) => listTransfers(db, { actor: requireActor(request) }),
  );
};
