import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { mapTeam } from '../src/metrics/catalog.repository.ts';

/**
 * What the authorization matrix needs for the metrics routes: a team with a service mapped to it
 * ({id} of the team routes). Per-person routes use the matrix's target, who sits under another
 * manager: only HR in scope may read their signals.
 */
export async function buildMetricsMatrixFixtures(db: Kysely<DB>): Promise<{ pathIds: Record<string, number> }> {
  const team = await db.insertInto('teams').values({ name: 'Metrics matrix team' }).returning('id').executeTakeFirstOrThrow();
  await mapTeam(db, { teamId: team.id, services: ['matrix-service'], repositories: ['github.com/acme/matrix'] });
  return {
    pathIds: Object.fromEntries(['GET /api/metrics/teams/{id}/dora', 'GET /api/metrics/teams/{id}/dora/drilldown', 'GET /api/metrics/teams/{id}/slos'].map((route) => [route, team.id])),
  };
}
