import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { problemSchema } from '../shared/schemas/common.ts';
import { webhookAcceptedSchema, webhookEventSchema, webhookParamsSchema } from '../shared/schemas/metrics.ts';
import { authenticateDelivery, ingestWebhookEvent } from './webhook.service.ts';

/**
 * `POST /api/metrics/webhooks/:source`: deployment and incident events from CI/CD and incident
 * tools, authenticated by the source's HMAC signature instead of a session. The body is kept as
 * bytes until the signature over those exact bytes is checked; only then is it read as JSON and
 * validated, so an unsigned request learns nothing and stores nothing.
 */
export const webhookRoutes: FastifyPluginAsyncZod<{ db: Kysely<DB>; now: () => Date }> = async (app, { db, now }) => {
  // Encapsulated: only this plugin's routes receive raw bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/api/metrics/webhooks/:source',
    {
      config: { access: 'signed' },
      schema: {
        operationId: 'receiveMetricsWebhook',
        tags: ['metrics'],
        summary: 'A deployment or incident event, signed: x-highbar-timestamp (Unix seconds) and x-highbar-signature (sha256=HMAC of "timestamp.body")',
        security: [],
        params: webhookParamsSchema,
        body: webhookEventSchema,
        response: { 202: webhookAcceptedSchema, 400: problemSchema, 401: problemSchema, 413: problemSchema, 422: problemSchema },
      },
      preValidation: async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = (name: string) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        const source = String((request.params as { source?: unknown }).source ?? '');
        await authenticateDelivery(db, { source, body: raw, timestamp: header('x-highbar-timestamp'), signature: header('x-highbar-signature'), now: now() });
        try {
          request.body = JSON.parse(raw.toString('utf8')) as typeof request.body;
        } catch {
          throw new AppError('VALIDATION_FAILED', { detail: 'The body is not JSON.' });
        }
      },
    },
    async (request, reply) => reply.status(202).send(await ingestWebhookEvent(db, { source: request.params.source, event: request.body })),
  );
};
