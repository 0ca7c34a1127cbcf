import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { OV_RATINGS, type OvRating } from '../policy/olr.schema.ts';
import type { RatingCounts } from './distribution.rules.ts';

const zero = (): RatingCounts => Object.fromEntries(OV_RATINGS.map((r) => [r, 0])) as RatingCounts;

/** A session's counts by OV, counted from its ratings (one aggregate over the session's rows). */
export async function countSessionRatings(db: Kysely<DB>, sessionId: number): Promise<RatingCounts> {
  const rows = await db
    .selectFrom('calibrated_ratings')
    .select(['ov', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .groupBy('ov')
    .execute();
  const counts = zero();
  for (const r of rows) counts[r.ov] = Number(r.n);
  return counts;
}

/** Counts the session again and keeps the result: after people join it (opening, syncing). */
export async function recountSession(db: Kysely<DB>, sessionId: number): Promise<void> {
  await db.deleteFrom('calibration_counts').where('session_id', '=', sessionId).execute();
  await sql`insert into calibration_counts (session_id, ov, n) select session_id, ov, count(*) from calibrated_ratings where session_id = ${sessionId} group by session_id, ov`.execute(db);
}

/**
 * The session's counts after one person moved from `from` to `to`, kept incrementally: one
 * statement takes one from `from` and adds one to `to` (row locks order concurrent moves, so the
 * counts stay exact) and reads the counts as they were, to which the move is then applied. A
 * session without kept counts (made before they existed, or written around the services) is
 * counted from its ratings instead.
 */
export async function moveInSessionCounts(db: Kysely<DB>, options: { sessionId: number; from: OvRating; to: OvRating }): Promise<RatingCounts> {
  const { sessionId, from, to } = options;
  if (from === to) return countsOrRecount(db, sessionId);
  const { rows } = await sql<{ ov: OvRating | null; n: number | null; kept: number }>`
    with taken as (
      update calibration_counts set n = n - 1 where session_id = ${sessionId} and ov = ${from} and n > 0 returning session_id
    ), added as (
      insert into calibration_counts (session_id, ov, n) select session_id, ${to}, 1 from taken
      on conflict (session_id, ov) do update set n = calibration_counts.n + 1
      returning session_id
    )
    select c.ov, c.n, (select count(*) from added)::int as kept
    from (select 1) one left join calibration_counts c on c.session_id = ${sessionId}`.execute(db);
  if (!rows[0]?.kept) return countSessionRatings(db, sessionId);
  // The statement's own snapshot shows the counts from before the move: apply it.
  const counts = zero();
  for (const r of rows) if (r.ov !== null) counts[r.ov] = Number(r.n);
  counts[from] -= 1;
  counts[to] += 1;
  return counts;
}

async function countsOrRecount(db: Kysely<DB>, sessionId: number): Promise<RatingCounts> {
  const rows = await db.selectFrom('calibration_counts').select(['ov', 'n']).where('session_id', '=', sessionId).execute();
  if (!rows.length) return countSessionRatings(db, sessionId);
  const counts = zero();
  for (const r of rows) counts[r.ov] = r.n;
  return counts;
}
