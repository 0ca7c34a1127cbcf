import type { InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { mapTeam } from '../src/metrics/catalog.repository.ts';
import { createWebhookSource } from '../src/metrics/webhook.service.ts';
import { WRITE_HEADERS } from './server.ts';

/**
 * What the authorization matrix needs for the metrics routes: a team with a service mapped to it
 * ({id} of the team routes) and a webhook source to rotate. Per-person routes use the matrix's
 * target, who sits under another manager: only HR in scope (and admins, for identities) may
 * read or map them. Creating the same webhook source again is a 409, still past authorization.
 */
export async function buildMetricsMatrixFixtures(db: Kysely<DB>): Promise<{ pathIds: Record<string, number>; bodies: Record<string, unknown>; requests: Record<string, (url: string) => InjectOptions> }> {
  const team = await db.insertInto('teams').values({ name: 'Metrics matrix team' }).returning('id').executeTakeFirstOrThrow();
  await mapTeam(db, { teamId: team.id, services: ['matrix-service'], repositories: ['github.com/acme/matrix'] });
  await createWebhookSource(db, { name: 'matrix-source' });
  return {
    pathIds: Object.fromEntries(['GET /api/metrics/teams/{id}/dora', 'GET /api/metrics/teams/{id}/dora/drilldown', 'GET /api/metrics/teams/{id}/slos', 'GET /api/metrics/teams/{id}/operations'].map((route) => [route, team.id])),
    bodies: {
      'PUT /api/metrics/people/{id}/identities': { kind: 'github', value: 'matrix-login' },
      'POST /api/webhook-sources': { name: 'matrix-created' },
    },
    requests: {
      'DELETE /api/metrics/people/{id}/identities': (url) => ({ method: 'DELETE', url: `${url}?kind=github&value=matrix-login`, headers: WRITE_HEADERS }),
      'POST /api/webhook-sources/{name}/rotate': (url) => ({ method: 'POST', url: url.replace('{name}', 'matrix-source'), headers: WRITE_HEADERS, payload: { graceHours: 1 } }),
    },
  };
}
