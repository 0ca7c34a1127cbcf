import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  demographicsSchema,
  importQuerySchema,
  importSummarySchema,
  ladderListSchema,
  listPeopleQuerySchema,
  MAX_IMPORT_BYTES,
  personListSchema,
  personSchema,
  teamListSchema,
} from '../shared/schemas/people.ts';
import { requireActor } from '../app/auth.ts';
import { AppError } from '../shared/errors.ts';
import { getDemographics, getPerson, listPeople, listTeams } from './people.service.ts';
import { importPeople } from './import.service.ts';
import { listLadders } from './ladders.service.ts';
import { authorizeImportPeople } from './people.access.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** The organisation directory, ladders, and the HRIS import. */
export const peopleRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/people',
    {
      schema: {
        operationId: 'listPeople',
        tags: ['people'],
        summary: 'Search the directory; private fields appear only where the reader may see them',
        querystring: listPeopleQuerySchema,
        response: { 200: personListSchema, ...errors },
      },
    },
    async (request) => listPeople(db, { actor: requireActor(request), ...request.query }),
  );

  app.get(
    '/api/people/:id',
    {
      schema: { operationId: 'getPerson', tags: ['people'], summary: 'One person', params: idParamsSchema, response: { 200: personSchema, ...errors } },
    },
    async (request) => getPerson(db, { actor: requireActor(request), personId: request.params.id }),
  );

  app.get(
    '/api/people/:id/demographics',
    {
      config: { stepUp: true, sensitiveRead: 'demographics' },
      schema: {
        operationId: 'getPersonDemographics',
        tags: ['people'],
        summary: 'Demographic attributes (HR partners in scope only)',
        params: idParamsSchema,
        response: { 200: demographicsSchema, ...errors },
      },
    },
    async (request) => getDemographics(db, { actor: requireActor(request), personId: request.params.id }),
  );

  app.get(
    '/api/teams',
    { schema: { operationId: 'listTeams', tags: ['people'], summary: 'Teams with their current size', response: { 200: teamListSchema, ...errors } } },
    async () => ({ teams: await listTeams(db) }),
  );

  app.get(
    '/api/ladders',
    { schema: { operationId: 'listLadders', tags: ['people'], summary: 'Career ladders and level expectations', response: { 200: ladderListSchema, ...errors } } },
    async () => ({ ladders: await listLadders(db) }),
  );

  app.post(
    '/api/imports/people',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        operationId: 'importPeople',
        tags: ['people'],
        summary: 'Import an HRIS export (text/csv body; admin). Checked whole, written in one transaction.',
        querystring: importQuerySchema,
        response: { 200: importSummarySchema, ...errors, 409: problemSchema, 413: problemSchema, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorizeImportPeople(actor);
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: 'Send the CSV file itself as the body, with Content-Type: text/csv.' });
      }
      const fileName = String(request.headers['x-file-name'] ?? 'upload.csv').replace(/[^\w.\- ]/gu, '_').slice(0, 100);
      return importPeople(db, {
        actorAccountId: actor.accountId,
        fileName,
        bytes: request.body,
        confirm: request.query.confirm,
        dryRun: request.query.dryRun,
        now: now(),
        requestId: request.id,
      });
    },
  );
};
