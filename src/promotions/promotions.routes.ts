import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  committeeBodySchema,
  createPacketBodySchema,
  decisionBodySchema,
  packetListSchema,
  packetSchema,
  packetSectionParamsSchema,
  promotionVoteBodySchema,
  sectionBodySchema,
} from '../shared/schemas/promotions.ts';
import { requireActor } from '../app/auth.ts';
import { createPacket, getPacket, listPackets } from './packets.service.ts';
import { savePacketSection } from './sections.service.ts';
import { castVote, decidePacket, startCommittee, submitPacket, withdrawPacket } from './decisions.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const packet = { params: idParamsSchema, response: { 200: packetSchema, ...errors } };

/** Promotion packets: drafting, readiness, submission, the committee and the decision. */
export const promotionsRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/promotion-packets',
    { schema: { operationId: 'listPromotionPackets', tags: ['promotions'], summary: 'Promotion cases I am the candidate of, manage, sit on the committee of, or run', response: { 200: packetListSchema, ...errors } } },
    async (request) => listPackets(db, { actor: requireActor(request) }),
  );
  app.post(
    '/api/promotion-packets',
    { schema: { operationId: 'createPromotionPacket', tags: ['promotions'], summary: 'Open a promotion case for a report, for the next level on their ladder', body: createPacketBodySchema, response: { 201: packetSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await createPacket(db, { actor: requireActor(request), candidateId: request.body.candidateId, now: now(), requestId: request.id })),
  );
  app.get('/api/promotion-packets/:id', { schema: { operationId: 'getPromotionPacket', tags: ['promotions'], summary: 'A promotion case with its readiness, committee and history', ...packet } }, async (request) =>
    getPacket(db, { actor: requireActor(request), packetId: request.params.id, now: now() }),
  );
  app.put(
    '/api/promotion-packets/:id/sections/:section',
    {
      schema: {
        operationId: 'savePacketSection',
        tags: ['promotions'],
        summary: 'Save one section’s text and evidence (409 with the latest text when someone saved it first)',
        params: packetSectionParamsSchema,
        body: sectionBodySchema,
        response: { 200: packetSchema, ...errors },
      },
    },
    async (request) =>
      savePacketSection(db, { actor: requireActor(request), packetId: request.params.id, section: request.params.section, ...request.body, now: now(), requestId: request.id }),
  );
  app.post('/api/promotion-packets/:id/submit', { schema: { operationId: 'submitPromotionPacket', tags: ['promotions'], summary: 'Put the case forward (refused while a blocking readiness check fails)', ...packet } }, async (request) =>
    submitPacket(db, { actor: requireActor(request), packetId: request.params.id, now: now(), requestId: request.id }),
  );
  app.post('/api/promotion-packets/:id/withdraw', { schema: { operationId: 'withdrawPromotionPacket', tags: ['promotions'], summary: 'Take a submitted case back to edit', ...packet } }, async (request) =>
    withdrawPacket(db, { actor: requireActor(request), packetId: request.params.id, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/promotion-packets/:id/committee',
    { schema: { operationId: 'startPromotionCommittee', tags: ['promotions'], summary: 'Hand the case to a committee', params: idParamsSchema, body: committeeBodySchema, response: { 200: packetSchema, ...errors } } },
    async (request) => startCommittee(db, { actor: requireActor(request), packetId: request.params.id, ...request.body, now: now(), requestId: request.id }),
  );
  app.put(
    '/api/promotion-packets/:id/votes',
    { schema: { operationId: 'castPromotionVote', tags: ['promotions'], summary: 'A committee member’s vote and written feedback', params: idParamsSchema, body: promotionVoteBodySchema, response: { 200: packetSchema, ...errors } } },
    async (request) => castVote(db, { actor: requireActor(request), packetId: request.params.id, vote: request.body.vote, feedback: request.body.feedback, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/promotion-packets/:id/decision',
    { schema: { operationId: 'decidePromotionPacket', tags: ['promotions'], summary: 'Record the committee’s decision, with feedback the candidate can act on', params: idParamsSchema, body: decisionBodySchema, response: { 200: packetSchema, ...errors } } },
    async (request) => decidePacket(db, { actor: requireActor(request), packetId: request.params.id, outcome: request.body.outcome, feedback: request.body.feedback, now: now(), requestId: request.id }),
  );
};
