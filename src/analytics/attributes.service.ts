import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { demographicsVisibleTo } from '../people/people.access.ts';
import { authorizeHrAnalytics } from './analytics.access.ts';

/** The demographic attributes recorded for anyone in the HR partner's scope, to group an audit by. */
export async function listAnalyticsAttributes(db: Kysely<DB>, options: { actor: Actor }): Promise<{ attributes: string[] }> {
  authorizeHrAnalytics(options.actor);
  const rows = await db
    .selectFrom('person_attributes as pa')
    .innerJoin('people as p', 'p.id', 'pa.person_id')
    .select('pa.name')
    .distinct()
    .where(demographicsVisibleTo(options.actor))
    .orderBy('pa.name')
    .execute();
  return { attributes: rows.map((r) => r.name) };
}
