import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ShownReport } from './disclosure.rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * How long a report counts against later ones. A report is kept and passed around for the life of
 * a review season; half a year covers a cycle from calibration to delivery and its follow-ups.
 */
export const DISCLOSURE_MEMORY_DAYS = 180;

/**
 * The most recent distinct reports remembered per group. A bound on storage; evicting the oldest
 * takes dozens of deliberately different reports, each itself checked against the rest.
 */
export const SETS_PER_GROUP = 50;

/** Identifies what a set of reports is about: the same people measured the same way. */
export interface DisclosureKey {
  accountId: number;
  /** `ratings:cycle:12`, `people`, `session:3`. */
  source: string;
  /** The grouping (`attribute:gender`, `location`). */
  dimension: string;
}

/** Serialises check-and-record per reader, so two concurrent audits cannot both pass unseen by the other. */
export async function lockDisclosures(trx: Transaction<DB>, accountId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(7262002, ${accountId}::integer)`.execute(trx);
}

/** The reports that showed each value within the memory window, newest first. */
export async function loadShownReports(db: Db, key: DisclosureKey & { values: readonly string[]; now: Date }): Promise<Map<string, ShownReport[]>> {
  const shown = new Map<string, ShownReport[]>();
  if (key.values.length === 0) return shown;
  const rows = await db
    .selectFrom('analytics_disclosures')
    .select(['value', 'population', 'members'])
    .where('account_id', '=', key.accountId)
    .where('source', '=', key.source)
    .where('dimension', '=', key.dimension)
    .where('value', 'in', [...key.values])
    .where('last_shown_at', '>', windowStart(key.now))
    .orderBy('last_shown_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const sets = shown.get(row.value) ?? [];
    if (sets.length < SETS_PER_GROUP) sets.push({ population: row.population, members: row.members });
    shown.set(row.value, sets);
  }
  return shown;
}

/** Remembers the groups a report showed; a report seen before only has its time refreshed. */
export async function recordShownReports(db: Db, key: DisclosureKey & { population: readonly number[]; groups: readonly { value: string; members: readonly number[] }[]; now: Date }): Promise<void> {
  if (key.groups.length > 0) {
    const population = [...key.population].sort((x, y) => x - y);
    const populationJson = JSON.stringify(population);
    const rows = key.groups.map((group) => {
      const members = [...group.members].sort((x, y) => x - y);
      return {
        account_id: key.accountId,
        source: key.source,
        dimension: key.dimension,
        value: group.value,
        population: populationJson,
        members: JSON.stringify(members),
        digest: createHash('sha256').update(`${population.join(',')}|${members.join(',')}`).digest('hex'),
        first_shown_at: key.now,
        last_shown_at: key.now,
      };
    });
    await db
      .insertInto('analytics_disclosures')
      .values(rows)
      .onConflict((oc) => oc.constraint('analytics_disclosures_set').doUpdateSet({ last_shown_at: key.now }))
      .execute();
  }
  // Forget what has aged out, and all but the newest sets of each group.
  await db.deleteFrom('analytics_disclosures').where('account_id', '=', key.accountId).where('last_shown_at', '<=', windowStart(key.now)).execute();
  await sql`
    delete from analytics_disclosures where id in (
      select id from (
        select id, row_number() over (partition by value order by last_shown_at desc, id desc) as position
        from analytics_disclosures
        where account_id = ${key.accountId} and source = ${key.source} and dimension = ${key.dimension}
      ) ranked where position > ${SETS_PER_GROUP}
    )`.execute(db);
}

function windowStart(now: Date): Date {
  return new Date(now.getTime() - DISCLOSURE_MEMORY_DAYS * 24 * 3600 * 1000);
}
