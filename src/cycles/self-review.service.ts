import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { loadCycle, assertActionOpen } from './cycle-loader.ts';
import { selfReviewProblems, type SelfReviewAnswers } from './feedback.rules.ts';
import { assertVersion, throwIfProblems } from './drafts.ts';
import { findParticipant, requireSelfParticipant } from './participants.ts';
import { hrCovers, isAboveInChain } from './cycles.access.ts';

function present(row: { body: string; principles: { principle: string; example: string }[]; status: 'draft' | 'submitted'; version: number; submitted_at: Date | null } | undefined) {
  return {
    body: row?.body ?? '',
    principles: row?.principles ?? [],
    status: row?.status ?? ('not_started' as const),
    version: row?.version ?? 0,
    submittedAt: row?.submitted_at?.toISOString() ?? null,
  };
}

const selectReview = (db: Kysely<DB>, cycleId: number, personId: number) =>
  db.selectFrom('self_reviews').select(['id', 'body', 'principles', 'status', 'version', 'submitted_at']).where('cycle_id', '=', cycleId).where('person_id', '=', personId).executeTakeFirst();

export async function getMySelfReview(db: Kysely<DB>, options: { actor: Actor; cycleId: number }) {
  const me = await requireSelfParticipant(db, options.cycleId, options.actor);
  return present(await selectReview(db, options.cycleId, me.personId));
}

/** Saves (and optionally submits) my self review; drafts autosave, submit is explicit and final. */
export async function saveSelfReview(
  db: Kysely<DB>,
  options: { actor: Actor; cycleId: number; answers: SelfReviewAnswers; version?: number; submit: boolean; now: Date },
) {
  const cycle = await loadCycle(db, options.cycleId);
  const me = await requireSelfParticipant(db, options.cycleId, options.actor);
  assertActionOpen(cycle, 'writeSelfReview', options.now);
  throwIfProblems(selfReviewProblems(options.answers, cycle.policy, options.submit ? 'submit' : 'draft'));
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('self_reviews')
      .select(['id', 'body', 'principles', 'status', 'version', 'submitted_at'])
      .where('cycle_id', '=', cycle.id)
      .where('person_id', '=', me.personId)
      .forUpdate()
      .executeTakeFirst();
    assertVersion(current, options.version, present(current));
    const values = {
      body: options.answers.body,
      principles: JSON.stringify(options.answers.principles),
      status: options.submit ? ('submitted' as const) : ('draft' as const),
      updated_at: options.now,
      submitted_at: options.submit ? options.now : null,
    };
    if (current) {
      await trx.updateTable('self_reviews').set({ ...values, version: current.version + 1 }).where('id', '=', current.id).execute();
    } else {
      await trx.insertInto('self_reviews').values({ ...values, cycle_id: cycle.id, person_id: me.personId }).execute();
    }
    return present(await selectReview(trx, cycle.id, me.personId));
  });
}

/** Someone's self review, for their management chain and HR in scope. */
export async function getSelfReviewOf(db: Kysely<DB>, options: { actor: Actor; cycleId: number; personId: number }) {
  const person = await findParticipant(db, options.cycleId, options.personId);
  if (!person || !(isAboveInChain(options.actor, person.path) || hrCovers(options.actor, person.path) || options.actor.personId === person.personId)) {
    throw new AppError('NOT_FOUND', { detail: `No self review you can read for person ${options.personId}.` });
  }
  const review = await selectReview(db, options.cycleId, person.personId);
  // A draft is the writer's own until they submit it.
  return present(review?.status === 'submitted' || options.actor.personId === person.personId ? review : undefined);
}
