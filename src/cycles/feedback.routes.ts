import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema, idParam } from '../shared/schemas/common.ts';
import {
  approveNominationsBodySchema,
  feedbackAboutSchema,
  managerReviewBodySchema,
  managerReviewSchema,
  peerFeedbackBodySchema,
  peerFeedbackDraftSchema,
  peerRequestListSchema,
  peerRequestsBodySchema,
  receivedFeedbackSchema,
  respondBodySchema,
  selfReviewBodySchema,
  selfReviewSchema,
} from '../shared/schemas/cycles.ts';
import { requireActor } from '../app/auth.ts';
import { getMySelfReview, getSelfReviewOf, saveSelfReview } from './self-review.service.ts';
import { approveNominations, listPeerRequestsFor, requestPeers, respondToPeerRequest, withdrawPeerRequest } from './peer-requests.service.ts';
import { exportReceivedFeedbackCsv, getMyPeerFeedback, listFeedbackAbout, listReceivedFeedback, savePeerFeedback } from './peer-feedback.service.ts';
import { getManagerReview, saveManagerReview } from './manager-review.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const personParams = z.object({ id: idParam, personId: idParam }).strict();
const subjectQuery = z.object({ subjectId: idParam.optional() }).strict();

/** Self review, peer requests and feedback, received feedback, and the manager's review. */
export const feedbackRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  const selfReview = { params: idParamsSchema, response: { 200: selfReviewSchema, ...errors } };
  app.get('/api/cycles/:id/self-review', { schema: { operationId: 'getMySelfReview', tags: ['feedback'], summary: 'My self review', ...selfReview } }, async (request) =>
    getMySelfReview(db, { actor: requireActor(request), cycleId: request.params.id }),
  );
  app.put('/api/cycles/:id/self-review', { schema: { operationId: 'saveMySelfReview', tags: ['feedback'], summary: 'Save my self review draft', body: selfReviewBodySchema, ...selfReview } }, async (request) =>
    saveSelfReview(db, { actor: requireActor(request), cycleId: request.params.id, answers: request.body, version: request.body.version, submit: false, now: now() }),
  );
  app.post('/api/cycles/:id/self-review/submit', { schema: { operationId: 'submitMySelfReview', tags: ['feedback'], summary: 'Submit my self review (final)', body: selfReviewBodySchema, ...selfReview } }, async (request) =>
    saveSelfReview(db, { actor: requireActor(request), cycleId: request.params.id, answers: request.body, version: request.body.version, submit: true, now: now() }),
  );
  app.get(
    '/api/cycles/:id/people/:personId/self-review',
    { schema: { operationId: 'getSelfReviewOf', tags: ['feedback'], summary: 'A report’s self review (management chain, HR in scope)', params: personParams, response: { 200: selfReviewSchema, ...errors } } },
    async (request) => getSelfReviewOf(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId }),
  );

  app.get(
    '/api/cycles/:id/peer-requests',
    { schema: { operationId: 'listPeerRequests', tags: ['feedback'], summary: 'Peer requests about me, or about a report (subjectId)', params: idParamsSchema, querystring: subjectQuery, response: { 200: peerRequestListSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return listPeerRequestsFor(db, { actor, cycleId: request.params.id, subjectId: request.query.subjectId ?? actor.personId ?? -1 });
    },
  );
  app.post(
    '/api/cycles/:id/peer-requests',
    { schema: { operationId: 'requestPeers', tags: ['feedback'], summary: 'Nominate peers for me, or request them for a report', params: idParamsSchema, body: peerRequestsBodySchema, response: { 200: peerRequestListSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return requestPeers(db, { actor, cycleId: request.params.id, subjectId: request.body.subjectId ?? actor.personId ?? -1, reviewerIds: request.body.reviewerIds, now: now() });
    },
  );
  app.post(
    '/api/cycles/:id/peer-requests/approve',
    { schema: { operationId: 'approvePeerNominations', tags: ['feedback'], summary: 'Approve a report’s nominations, sending the requests', params: idParamsSchema, body: approveNominationsBodySchema, response: { 200: peerRequestListSchema, ...errors } } },
    async (request) => approveNominations(db, { actor: requireActor(request), cycleId: request.params.id, subjectId: request.body.subjectId, reviewerIds: request.body.reviewerIds, now: now() }),
  );
  app.delete(
    '/api/peer-requests/:id',
    { schema: { operationId: 'withdrawPeerRequest', tags: ['feedback'], summary: 'Withdraw an unanswered request', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await withdrawPeerRequest(db, { actor: requireActor(request), requestId: request.params.id, now: now() });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/peer-requests/:id/respond',
    { schema: { operationId: 'respondToPeerRequest', tags: ['feedback'], summary: 'Accept or decline (with a reason) a request for my feedback', params: idParamsSchema, body: respondBodySchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await respondToPeerRequest(db, { actor: requireActor(request), requestId: request.params.id, accept: request.body.accept, reason: request.body.reason, now: now() });
      return reply.status(204).send(null);
    },
  );

  const draft = { params: idParamsSchema, response: { 200: peerFeedbackDraftSchema, ...errors } };
  app.get('/api/peer-requests/:id/feedback', { schema: { operationId: 'getMyPeerFeedback', tags: ['feedback'], summary: 'My feedback for a request (draft or submitted)', ...draft } }, async (request) =>
    getMyPeerFeedback(db, { actor: requireActor(request), requestId: request.params.id }),
  );
  app.put('/api/peer-requests/:id/feedback', { schema: { operationId: 'savePeerFeedbackDraft', tags: ['feedback'], summary: 'Autosave my feedback draft (with the version I edited)', body: peerFeedbackBodySchema, ...draft } }, async (request) =>
    savePeerFeedback(db, { actor: requireActor(request), requestId: request.params.id, answers: request.body, version: request.body.version, submit: false, now: now() }),
  );
  app.post('/api/peer-requests/:id/feedback/submit', { schema: { operationId: 'submitPeerFeedback', tags: ['feedback'], summary: 'Submit my feedback (final)', body: peerFeedbackBodySchema, ...draft } }, async (request) =>
    savePeerFeedback(db, { actor: requireActor(request), requestId: request.params.id, answers: request.body, version: request.body.version, submit: true, now: now() }),
  );

  app.get(
    '/api/cycles/:id/feedback/received',
    { schema: { operationId: 'listReceivedFeedback', tags: ['feedback'], summary: 'Peer feedback about me, without authors', params: idParamsSchema, response: { 200: receivedFeedbackSchema, ...errors } } },
    async (request) => listReceivedFeedback(db, { actor: requireActor(request), cycleId: request.params.id, now: now() }),
  );
  app.get(
    '/api/cycles/:id/feedback/received.csv',
    { schema: { operationId: 'exportReceivedFeedback', tags: ['feedback'], summary: 'Peer feedback about me as CSV, without authors', params: idParamsSchema, produces: ['text/csv'], response: { 200: z.string(), ...errors } } },
    async (request, reply) => {
      const csv = await exportReceivedFeedbackCsv(db, { actor: requireActor(request), cycleId: request.params.id, now: now() });
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="feedback.csv"').send(csv);
    },
  );
  app.get(
    '/api/cycles/:id/people/:personId/feedback',
    { schema: { operationId: 'listFeedbackAbout', tags: ['feedback'], summary: 'Peer feedback about a report, with authors (chain; HR per policy)', params: personParams, response: { 200: feedbackAboutSchema, ...errors } } },
    async (request) => listFeedbackAbout(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId }),
  );

  const review = { params: personParams, response: { 200: managerReviewSchema, ...errors } };
  app.get('/api/cycles/:id/people/:personId/manager-review', { schema: { operationId: 'getManagerReview', tags: ['feedback'], summary: 'The manager’s review of a person', ...review } }, async (request) =>
    getManagerReview(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId, now: now() }),
  );
  app.put('/api/cycles/:id/people/:personId/manager-review', { schema: { operationId: 'saveManagerReview', tags: ['feedback'], summary: 'Save a manager review draft', body: managerReviewBodySchema, ...review } }, async (request) =>
    saveManagerReview(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId, answers: request.body, version: request.body.version, submit: false, now: now() }),
  );
  app.post('/api/cycles/:id/people/:personId/manager-review/submit', { schema: { operationId: 'submitManagerReview', tags: ['feedback'], summary: 'Submit a manager review', body: managerReviewBodySchema, ...review } }, async (request) =>
    saveManagerReview(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId, answers: request.body, version: request.body.version, submit: true, now: now() }),
  );
};
