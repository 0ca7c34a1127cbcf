import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DEFAULT_LADDER } from './default-ladder.ts';

/** Installs the default ladder once; an organisation's edits to it are never overwritten. */
export async function ensureDefaultLadder(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('ladders')
      .values({ key: DEFAULT_LADDER.key, name: DEFAULT_LADDER.name, job_function: DEFAULT_LADDER.jobFunction })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    await trx
      .insertInto('ladder_levels')
      .values(
        DEFAULT_LADDER.levels.map((l) => ({
          ladder_id: inserted.id,
          code: l.code,
          title: l.title,
          rank: l.rank,
          expectations: JSON.stringify(l.expectations),
        })),
      )
      .execute();
  });
}

export async function knownLevelCodes(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('ladder_levels')
    .select('code')
    .groupBy('code')
    .orderBy((eb) => eb.fn.min('rank'))
    .orderBy('code')
    .execute();
  return new Set(rows.map((r) => r.code));
}

export async function listLadders(db: Kysely<DB>) {
  const ladders = await db.selectFrom('ladders').selectAll().orderBy('name').execute();
  const levels = await db.selectFrom('ladder_levels').selectAll().orderBy('rank').execute();
  return ladders.map((l) => ({
    key: l.key,
    name: l.name,
    jobFunction: l.job_function,
    levels: levels
      .filter((v) => v.ladder_id === l.id)
      .map((v) => ({ code: v.code, title: v.title, rank: v.rank, version: v.version, expectations: v.expectations })),
  }));
}
