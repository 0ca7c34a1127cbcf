import type { Kysely } from 'kysely';
import type { DB, LevelExpectations } from '../db/schema.ts';
import { LADDER_DIMENSIONS, type LadderDimension } from '../policy/promotions.schema.ts';

export const DIMENSION_LABELS: Record<LadderDimension, string> = {
  scope: 'Scope',
  autonomy: 'Autonomy',
  technicalDepth: 'Technical depth',
  influence: 'Influence',
  mentorship: 'Mentorship',
  operations: 'Operational responsibility',
};

export interface LadderLevel {
  code: string;
  title: string;
  rank: number;
  version: number;
  expectations: LevelExpectations;
}

export interface LadderPosition {
  ladder: { id: number; key: string; name: string };
  current: LadderLevel;
  next: LadderLevel | null;
}

/**
 * Where a level sits on its ladder, and the level above. The ladder is the one for the person's
 * job function when it has this level, otherwise the first that does (the default ladder).
 */
export async function ladderPosition(db: Kysely<DB>, level: string, jobFunction: string | null): Promise<LadderPosition | null> {
  const candidates = await db
    .selectFrom('ladder_levels as l')
    .innerJoin('ladders as d', 'd.id', 'l.ladder_id')
    .select(['d.id', 'd.key', 'd.name', 'd.job_function'])
    .where('l.code', '=', level)
    .orderBy('d.id')
    .execute();
  const ladder = candidates.find((c) => c.job_function === jobFunction) ?? candidates[0];
  if (!ladder) return null;
  const levels = await db.selectFrom('ladder_levels').select(['code', 'title', 'rank', 'version', 'expectations']).where('ladder_id', '=', ladder.id).orderBy('rank').execute();
  const i = levels.findIndex((l) => l.code === level);
  return { ladder: { id: ladder.id, key: ladder.key, name: ladder.name }, current: levels[i]!, next: levels[i + 1] ?? null };
}

/** The dimensions a level states an expectation for: what a promotion case must cover. */
export function statedDimensions(expectations: LevelExpectations): LadderDimension[] {
  return LADDER_DIMENSIONS.filter((d) => expectations[d]?.trim());
}

/** A level as the career page shows it: each dimension with its expectation and example behaviours. */
export function presentLevel(level: LadderLevel) {
  return {
    code: level.code,
    title: level.title,
    rank: level.rank,
    expectations: LADDER_DIMENSIONS.map((dimension) => ({ dimension, label: DIMENSION_LABELS[dimension], expectation: level.expectations[dimension] ?? '', behaviours: level.expectations.behaviours?.[dimension] ?? [] })),
    exampleBehaviours: level.expectations.exampleBehaviours ?? [],
  };
}
