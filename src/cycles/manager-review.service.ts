import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { loadCycle, assertActionOpen, phaseOf } from './cycle-loader.ts';
import { assertVersion } from './drafts.ts';
import { findParticipant } from './participants.ts';
import { hrCovers, isAboveInChain } from './cycles.access.ts';

export interface ManagerReviewAnswers {
  narrative: string;
  strengths: string;
  growthAreas: string;
  evidenceLinks: { label: string; url: string }[];
}

type Row = { narrative: string; strengths: string; growth_areas: string; evidence_links: { label: string; url: string }[]; status: 'draft' | 'submitted'; version: number; submitted_at: Date | null; author_name?: string };

function present(row: Row | undefined) {
  return {
    narrative: row?.narrative ?? '',
    strengths: row?.strengths ?? '',
    growthAreas: row?.growth_areas ?? '',
    evidenceLinks: row?.evidence_links ?? [],
    status: row?.status ?? ('not_started' as const),
    version: row?.version ?? 0,
    submittedAt: row?.submitted_at?.toISOString() ?? null,
  };
}

const select = (db: Kysely<DB>, cycleId: number, personId: number) =>
  db
    .selectFrom('manager_reviews')
    .select(['id', 'narrative', 'strengths', 'growth_areas', 'evidence_links', 'status', 'version', 'submitted_at'])
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

/**
 * The manager's review of a report: the chain and HR read it any time; the person reads it once
 * it is submitted and the cycle is delivering.
 */
export async function getManagerReview(db: Kysely<DB>, options: { actor: Actor; cycleId: number; personId: number; now: Date }) {
  const cycle = await loadCycle(db, options.cycleId);
  const person = await findParticipant(db, cycle.id, options.personId);
  const oversees = person !== null && (isAboveInChain(options.actor, person.path) || hrCovers(options.actor, person.path));
  const isSelf = options.actor.personId === options.personId;
  if (!person || !(oversees || isSelf)) throw new AppError('NOT_FOUND', { detail: `No review you can read for person ${options.personId}.` });
  const row = await select(db, cycle.id, person.personId);
  const delivered = row?.status === 'submitted' && ['delivery', 'closed'].includes(phaseOf(cycle, options.now));
  if (isSelf && !oversees && !delivered) return { ...present(undefined), status: 'not_delivered' as const };
  return present(row);
}

/** Saves or submits a manager review; written by someone above the person in the chain. */
export async function saveManagerReview(
  db: Kysely<DB>,
  options: { actor: Actor; cycleId: number; personId: number; answers: ManagerReviewAnswers; version?: number; submit: boolean; now: Date },
) {
  const cycle = await loadCycle(db, options.cycleId);
  const person = await findParticipant(db, cycle.id, options.personId);
  if (!person || !isAboveInChain(options.actor, person.path)) {
    throw new AppError('FORBIDDEN', { detail: 'Only someone in the person’s management chain writes their review.', extra: { rule: 'NOT_YOUR_REPORT' } });
  }
  assertActionOpen(cycle, 'writeManagerReview', options.now);
  if (options.submit && !options.answers.narrative.trim()) {
    throw new AppError('FEEDBACK_RULE_VIOLATED', { detail: 'narrative is required to submit', errors: [{ path: 'body.narrative', message: 'is required to submit' }], extra: { rule: 'ANSWER_REQUIRED' } });
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('manager_reviews')
      .select(['id', 'narrative', 'strengths', 'growth_areas', 'evidence_links', 'status', 'version', 'submitted_at'])
      .where('cycle_id', '=', cycle.id)
      .where('person_id', '=', person.personId)
      .forUpdate()
      .executeTakeFirst();
    assertVersion(current, options.version, present(current));
    const values = {
      narrative: options.answers.narrative,
      strengths: options.answers.strengths,
      growth_areas: options.answers.growthAreas,
      evidence_links: JSON.stringify(options.answers.evidenceLinks),
      status: options.submit ? ('submitted' as const) : ('draft' as const),
      updated_at: options.now,
      submitted_at: options.submit ? options.now : null,
      author_id: options.actor.personId!,
    };
    if (current) await trx.updateTable('manager_reviews').set({ ...values, version: current.version + 1 }).where('id', '=', current.id).execute();
    else await trx.insertInto('manager_reviews').values({ ...values, cycle_id: cycle.id, person_id: person.personId }).execute();
    return present(await select(trx, cycle.id, person.personId));
  });
}
