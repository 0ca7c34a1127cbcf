import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export type SensitiveResource = 'calibration' | 'demographics';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route reads calibration or demographic records: every successful read is logged
     * (sensitive_reads) before the answer leaves, and the answer does not leave unlogged.
     */
    sensitiveRead?: SensitiveResource;
  }
}

export const READ_LOG_EXTENSION = 'x-highbar-read-logged';

/** The person a read is about, when the route names one. */
function subjectPerson(route: string, params: Record<string, unknown>): number | null {
  if (params.personId !== undefined) return Number(params.personId);
  if (route.startsWith('/api/people/:id/')) return Number(params.id);
  return null;
}

/**
 * Logs each successful read of a route marked `sensitiveRead` (ASVS 5.0 16.3.2, level 3). The
 * row is written in onSend, before the body goes out: if it cannot be written, the reader gets an
 * error instead of the records.
 */
export function registerSensitiveReadLog(app: FastifyInstance, options: { db: Kysely<DB>; now: () => Date }) {
  app.addHook('onRoute', (route) => {
    if (route.config?.sensitiveRead && route.schema) (route.schema as Record<string, unknown>)[READ_LOG_EXTENSION] = route.config.sensitiveRead;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const resource = request.routeOptions.config.sensitiveRead;
    if (!resource || !request.actor || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    const route = request.routeOptions.url ?? request.url;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const query = (request.query ?? {}) as Record<string, unknown>;
    await options.db
      .insertInto('sensitive_reads')
      .values({
        at: options.now(),
        reader_account_id: request.actor.accountId,
        resource,
        route: `${request.method} ${route}`,
        subject_person_id: subjectPerson(route, params),
        subject: JSON.stringify({ ...params, ...query }),
        request_id: request.id,
      })
      .execute();
    return payload;
  });
}
