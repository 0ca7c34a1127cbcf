import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { idParamsSchema, problemSchema } from '../shared/schemas/common.ts';
import {
  biasReportSchema,
  datasetBiasBodySchema,
  datasetDriftBodySchema,
  datasetDriftSchema,
  datasetListSchema,
  datasetSchema,
  datasetUploadQuerySchema,
  MAX_DATASET_BYTES,
} from '../shared/schemas/analytics.ts';
import { requireActor } from '../app/auth.ts';
import { deleteDataset, getDataset, listDatasets, uploadDataset } from './datasets.service.ts';
import { assessDatasetDrift, auditDatasetBias } from './dataset-analysis.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema, 415: problemSchema, 422: problemSchema };

/** Uploaded analytics datasets (HR): stored apart from people, audited as the offline commands audit a file. */
export const datasetRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_DATASET_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/api/analytics/datasets',
    {
      bodyLimit: MAX_DATASET_BYTES,
      schema: {
        operationId: 'uploadAnalyticsDataset',
        tags: ['analytics'],
        summary: 'Upload a CSV file (text/csv body, at most 16 MiB) as an analytics dataset (HR)',
        querystring: datasetUploadQuerySchema,
        response: { 201: datasetSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: 'Send the CSV file itself as the body, with Content-Type: text/csv.' });
      const fileName = String(request.headers['x-file-name'] ?? 'dataset.csv').replace(/[^\w.\- ]/gu, '_').slice(0, 100);
      const dataset = await uploadDataset(db, { actor, bytes: request.body, fileName, ...(request.query.name ? { name: request.query.name } : {}), now: now(), requestId: request.id });
      return reply.status(201).send(dataset);
    },
  );
  app.get(
    '/api/analytics/datasets',
    { schema: { operationId: 'listAnalyticsDatasets', tags: ['analytics'], summary: 'Datasets I uploaded (all of them for HR serving the whole organisation)', response: { 200: datasetListSchema, ...errors } } },
    async (request) => listDatasets(db, { actor: requireActor(request) }),
  );
  app.get(
    '/api/analytics/datasets/:id',
    { schema: { operationId: 'getAnalyticsDataset', tags: ['analytics'], summary: 'A dataset: its columns and their values', params: idParamsSchema, response: { 200: datasetSchema, ...errors } } },
    async (request) => getDataset(db, { actor: requireActor(request), datasetId: request.params.id }),
  );
  app.delete(
    '/api/analytics/datasets/:id',
    { schema: { operationId: 'deleteAnalyticsDataset', tags: ['analytics'], summary: 'Delete a dataset', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteDataset(db, { actor: requireActor(request), datasetId: request.params.id, now: now(), requestId: request.id });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/analytics/datasets/:id/bias-audit',
    {
      schema: {
        operationId: 'auditDatasetBias',
        tags: ['analytics'],
        summary: 'Bias audit of a dataset: the `highbar audit bias` document',
        params: idParamsSchema,
        body: datasetBiasBodySchema,
        response: { 200: biasReportSchema, ...errors },
      },
    },
    async (request) => auditDatasetBias(db, { actor: requireActor(request), datasetId: request.params.id, body: request.body }),
  );
  app.post(
    '/api/analytics/datasets/:id/manager-drift',
    {
      schema: {
        operationId: 'assessDatasetDrift',
        tags: ['analytics'],
        summary: 'Manager drift in a dataset: the `highbar audit managers` document',
        params: idParamsSchema,
        body: datasetDriftBodySchema,
        response: { 200: datasetDriftSchema, ...errors },
      },
    },
    async (request) => assessDatasetDrift(db, { actor: requireActor(request), datasetId: request.params.id, body: request.body }),
  );
};
