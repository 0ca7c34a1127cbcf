import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { refuseOutsideChain, requireSubject, type Relation } from './growth.access.ts';
import { growthPolicy } from './growth-policy.ts';
import { today } from './dates.rules.ts';

// A skip-level conversation is between a leader and someone below their direct reports.
const isSkipLevel = (r: Relation) => r.chain && !r.manager;

/** Skip-level notes about a person: each leader reads their own, HR in scope reads all. */
export async function listSkipLevelNotes(db: Kysely<DB>, options: { actor: Actor; personId: number }) {
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, (r) => isSkipLevel(r) || r.hr, 'skip-level notes');
  const rows = await db
    .selectFrom('skip_level_notes as n')
    .innerJoin('people as l', 'l.id', 'n.leader_id')
    .select(['n.id', 'n.held_on', 'n.notes', 'l.id as leader_id', 'l.name as leader_name'])
    .where('n.person_id', '=', subject.id)
    .$if(!relation.hr, (q) => q.where('n.leader_id', '=', options.actor.personId!))
    .orderBy('n.held_on', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
  return { person: { id: subject.id, name: subject.name }, notes: rows.map((r) => ({ id: r.id, heldOn: r.held_on, notes: r.notes, leader: { id: r.leader_id, name: r.leader_name } })) };
}

/** A leader's note of a skip-level conversation, written at the time, where the policy keeps them. */
export async function addSkipLevelNote(db: Kysely<DB>, options: { actor: Actor; personId: number; input: { heldOn: string; notes: string }; now: Date }) {
  const { growth } = await growthPolicy(db);
  if (!growth.teamHealth.skipLevelNotes) throw new AppError('CONFLICT', { detail: 'The active policy does not keep skip-level notes.', extra: { rule: 'SKIP_LEVEL_OFF' } });
  const { subject, relation } = await requireSubject(db, options.actor, options.personId, (r) => isSkipLevel(r) || r.hr, 'skip-level notes');
  if (!isSkipLevel(relation)) refuseOutsideChain('Skip-level notes are written by leaders above the person’s own manager.');
  if (options.input.heldOn > today(options.now)) {
    throw new AppError('GROWTH_RULE_VIOLATED', { detail: 'A note records a conversation that happened: the date cannot be in the future.', errors: [{ path: 'body.heldOn', message: 'is in the future' }], extra: { rule: 'NOTE_IN_FUTURE' } });
  }
  const { id } = await db.insertInto('skip_level_notes').values({ leader_id: options.actor.personId!, person_id: subject.id, held_on: options.input.heldOn, notes: options.input.notes.trim(), created_at: options.now }).returning('id').executeTakeFirstOrThrow();
  return { id };
}
