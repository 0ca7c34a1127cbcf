import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema, idParam } from '../shared/schemas/common.ts';
import {
  adjustBodySchema,
  boardSchema,
  calibratorCandidatesQuerySchema,
  calibratorCandidatesSchema,
  comparisonSchema,
  createSessionBodySchema,
  distributionSchema,
  finaliseResultSchema,
  myRatingSchema,
  proposalBodySchema,
  proposalSchema,
  ratingHistorySchema,
  sessionListSchema,
  sessionSchema,
  teamProposalsSchema,
  voteBodySchema,
} from '../shared/schemas/calibration.ts';
import { requireActor } from '../app/auth.ts';
import { getProposal, listTeamProposals, saveProposal } from './proposals.service.ts';
import { adjustRating, castVote, createSession, deliverSession, finaliseSession, listSessions, revealSession, syncSession } from './sessions.service.ts';
import { calibrationBoard } from './board.service.ts';
import { calibratorCandidates } from './calibrator-candidates.service.ts';
import { comparePolicies, exportSessionCsv, myRating, ratingHistory } from './delivery.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const personParams = z.object({ id: idParam, personId: idParam }).strict();
const boardQuery = z.object({ level: z.string().max(20).optional(), team: z.string().max(200).optional(), managerId: idParam.optional() }).strict();

/** OLR: proposals, calibration sessions, adjustments, finalising, delivery and history. */
export const calibrationRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.get(
    '/api/cycles/:id/proposals',
    { config: { stepUp: true, sensitiveRead: 'calibration' }, schema: { operationId: 'listTeamProposals', tags: ['calibration'], summary: 'Rating proposals for my direct reports', params: idParamsSchema, response: { 200: teamProposalsSchema, ...errors } } },
    async (request) => listTeamProposals(db, { actor: requireActor(request), cycleId: request.params.id, now: now() }),
  );
  const proposal = { params: personParams, response: { 200: proposalSchema, ...errors } };
  app.get('/api/cycles/:id/people/:personId/proposal', { config: { stepUp: true, sensitiveRead: 'calibration' }, schema: { operationId: 'getRatingProposal', tags: ['calibration'], summary: 'The rating proposal for a person (chain; HR in scope)', ...proposal } }, async (request) =>
    getProposal(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId, now: now() }),
  );
  app.put('/api/cycles/:id/people/:personId/proposal', { config: { stepUp: true }, schema: { operationId: 'saveRatingProposal', tags: ['calibration'], summary: 'Save a rating proposal draft', body: proposalBodySchema, ...proposal } }, async (request) =>
    saveProposal(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId, input: request.body, version: request.body.version, submit: false, now: now(), requestId: request.id }),
  );
  app.post('/api/cycles/:id/people/:personId/proposal/submit', { config: { stepUp: true }, schema: { operationId: 'submitRatingProposal', tags: ['calibration'], summary: 'Submit a rating proposal for calibration', body: proposalBodySchema, ...proposal } }, async (request) =>
    saveProposal(db, { actor: requireActor(request), cycleId: request.params.id, personId: request.params.personId, input: request.body, version: request.body.version, submit: true, now: now(), requestId: request.id }),
  );

  app.get(
    '/api/calibration-sessions',
    { config: { stepUp: true, sensitiveRead: 'calibration' }, schema: { operationId: 'listCalibrationSessions', tags: ['calibration'], summary: 'Sessions I calibrate or run', querystring: z.object({ cycleId: idParam.optional() }).strict(), response: { 200: sessionListSchema, ...errors } } },
    async (request) => listSessions(db, { actor: requireActor(request), cycleId: request.query.cycleId }),
  );
  app.get(
    '/api/calibration-sessions/calibrator-candidates',
    {
      config: { stepUp: true, sensitiveRead: 'calibration' },
      schema: {
        operationId: 'listCalibratorCandidates',
        tags: ['calibration'],
        summary: 'Who would calibrate an organisation in a cycle, and how many proposals are ready (HR in scope, admin)',
        querystring: calibratorCandidatesQuerySchema,
        response: { 200: calibratorCandidatesSchema, ...errors },
      },
    },
    async (request) => calibratorCandidates(db, { actor: requireActor(request), cycleId: request.query.cycleId, rootPersonId: request.query.rootPersonId }),
  );
  app.post(
    '/api/calibration-sessions',
    { config: { stepUp: true }, schema: { operationId: 'createCalibrationSession', tags: ['calibration'], summary: 'Open a calibration session for an organisation subtree', body: createSessionBodySchema, response: { 201: sessionSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await createSession(db, { actor: requireActor(request), input: request.body, now: now(), requestId: request.id })),
  );
  app.get(
    '/api/calibration-sessions/:id',
    { config: { stepUp: true, sensitiveRead: 'calibration' }, schema: { operationId: 'getCalibrationBoard', tags: ['calibration'], summary: 'The calibration board: roster, distribution, grid, tally, flags', params: idParamsSchema, querystring: boardQuery, response: { 200: boardSchema, ...errors } } },
    async (request, reply) => {
      const board = await calibrationBoard(db, { actor: requireActor(request), sessionId: request.params.id, filters: request.query });
      // The board is the whole roster (5,000 rows is 2.7 MB): checking it against the response
      // schema on the way out took longer than building it. The types above already tie the
      // service's result to the schema, which still documents the response.
      return reply.serializer(JSON.stringify).send(board);
    },
  );
  app.post(
    '/api/calibration-sessions/:id/sync',
    { config: { stepUp: true }, schema: { operationId: 'syncCalibrationSession', tags: ['calibration'], summary: 'Bring in proposals submitted since the session opened', params: idParamsSchema, response: { 200: z.object({ added: z.number().int() }), ...errors } } },
    async (request) => syncSession(db, { actor: requireActor(request), sessionId: request.params.id, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/calibration-sessions/:id/reveal',
    { config: { stepUp: true }, schema: { operationId: 'revealCalibrationSession', tags: ['calibration'], summary: 'End the blind first pass', params: idParamsSchema, response: { 200: sessionSchema, ...errors } } },
    async (request) => revealSession(db, { actor: requireActor(request), sessionId: request.params.id, now: now(), requestId: request.id }),
  );
  app.put(
    '/api/calibration-sessions/:id/votes',
    { config: { stepUp: true }, schema: { operationId: 'castCalibrationVote', tags: ['calibration'], summary: 'Agree, have questions or abstain on a proposed rating', params: idParamsSchema, body: voteBodySchema, response: { 200: voteBodySchema, ...errors } } },
    async (request) => castVote(db, { actor: requireActor(request), sessionId: request.params.id, personId: request.body.personId, vote: request.body.vote, now: now() }),
  );
  app.post(
    '/api/calibration-sessions/:id/adjustments',
    {
      config: { stepUp: true },
      schema: {
        operationId: 'adjustRating',
        tags: ['calibration'],
        summary: 'Move a rating, with a rationale',
        params: idParamsSchema,
        body: adjustBodySchema,
        response: {
          200: z.object({
            personId: z.number().int(),
            current: z.object({ performance: z.number().int(), potential: z.number().int(), ov: z.string(), forteSummary: z.string() }),
            version: z.number().int(),
            distribution: distributionSchema,
          }),
          ...errors,
        },
      },
    },
    async (request) => adjustRating(db, { actor: requireActor(request), sessionId: request.params.id, input: request.body, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/calibration-sessions/:id/finalise',
    { config: { stepUp: true }, schema: { operationId: 'finaliseCalibrationSession', tags: ['calibration'], summary: 'Lock the ratings (refused while forced targets are violated)', params: idParamsSchema, response: { 200: finaliseResultSchema, ...errors } } },
    async (request) => finaliseSession(db, { actor: requireActor(request), sessionId: request.params.id, now: now(), requestId: request.id }),
  );
  app.post(
    '/api/calibration-sessions/:id/deliver',
    { config: { stepUp: true }, schema: { operationId: 'deliverCalibrationSession', tags: ['calibration'], summary: 'Deliver finalised ratings to employees', params: idParamsSchema, response: { 200: sessionSchema, ...errors } } },
    async (request) => deliverSession(db, { actor: requireActor(request), sessionId: request.params.id, now: now(), requestId: request.id }),
  );
  app.get(
    '/api/calibration-sessions/:id/export.csv',
    { config: { stepUp: true, sensitiveRead: 'calibration' }, schema: { operationId: 'exportCalibrationSession', tags: ['calibration'], summary: 'Original against calibrated ratings, with who, when and why', params: idParamsSchema, produces: ['text/csv'], response: { 200: z.string(), ...errors } } },
    async (request, reply) => {
      const csv = await exportSessionCsv(db, { actor: requireActor(request), sessionId: request.params.id });
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="calibration-${request.params.id}.csv"`).send(csv);
    },
  );
  app.get(
    '/api/calibration-sessions/:id/compare',
    { config: { stepUp: true, sensitiveRead: 'calibration' }, schema: { operationId: 'compareCalibrationPolicies', tags: ['calibration'], summary: 'The same proposals under another policy', params: idParamsSchema, querystring: z.object({ policy: z.string().min(1).max(60) }).strict(), response: { 200: comparisonSchema, ...errors } } },
    async (request) => comparePolicies(db, { actor: requireActor(request), sessionId: request.params.id, otherPolicy: request.query.policy }),
  );

  app.get('/api/cycles/:id/my-rating', { schema: { operationId: 'getMyRating', tags: ['calibration'], summary: 'My delivered rating, as much as the policy shows', params: idParamsSchema, response: { 200: myRatingSchema, ...errors } } }, async (request) =>
    myRating(db, { actor: requireActor(request), cycleId: request.params.id }),
  );
  app.get('/api/people/:id/rating-history', { config: { stepUp: true, sensitiveRead: 'calibration' }, schema: { operationId: 'getRatingHistory', tags: ['calibration'], summary: 'A person’s ratings and every change, with who, when and why', params: idParamsSchema, response: { 200: ratingHistorySchema, ...errors } } }, async (request) =>
    ratingHistory(db, { actor: requireActor(request), personId: request.params.id }),
  );
};
