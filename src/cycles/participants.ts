import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';

export interface Participant {
  personId: number;
  name: string;
  /** The person's current place in the tree: the chain that reads their feedback is today's. */
  path: string;
  status: 'active' | 'left';
}

export async function findParticipant(db: Kysely<DB>, cycleId: number, personId: number): Promise<Participant | null> {
  const row = await db
    .selectFrom('cycle_participants as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .select(['cp.person_id', 'p.name', 'p.path', 'cp.status', 'p.status as person_status'])
    .where('cp.cycle_id', '=', cycleId)
    .where('cp.person_id', '=', personId)
    .executeTakeFirst();
  if (!row) return null;
  return { personId: row.person_id, name: row.name, path: row.path, status: row.person_status === 'terminated' ? 'left' : row.status };
}

/** The actor as a participant of the cycle, or a 403 that says so. */
export async function requireSelfParticipant(db: Kysely<DB>, cycleId: number, actor: Actor): Promise<Participant> {
  const me = actor.personId === null ? null : await findParticipant(db, cycleId, actor.personId);
  if (!me) throw new AppError('FORBIDDEN', { detail: 'You are not taking part in this review cycle.' });
  return me;
}
