import type { Kysely } from 'kysely';
import type { DB, LogKind } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { activePolicy } from '../policy/policy.service.ts';
import { hrCovers, isAboveInChain } from './cycles.access.ts';

async function personPath(db: Kysely<DB>, personId: number) {
  return db.selectFrom('people').select(['id', 'path', 'name']).where('id', '=', personId).executeTakeFirst();
}

/**
 * Continuous feedback, written at the time: the person about themselves, or anyone above them.
 * Feeds the evidence packet later and guards against end-of-year memory.
 */
export async function addLogEntry(
  db: Kysely<DB>,
  options: { actor: Actor; personId: number; kind: LogKind; occurredOn: string; body: string; now: Date },
) {
  const person = await personPath(db, options.personId);
  const isSelf = options.actor.personId === options.personId;
  if (!person || !(isSelf || isAboveInChain(options.actor, person.path))) {
    throw new AppError('FORBIDDEN', { detail: 'You can log notes about yourself and about people you manage.', extra: { rule: 'NOT_YOUR_REPORT' } });
  }
  if (Date.parse(options.occurredOn) > options.now.getTime()) {
    throw new AppError('VALIDATION_FAILED', { detail: 'A note records something that happened: the date cannot be in the future.', errors: [{ path: 'body.occurredOn', message: 'is in the future' }] });
  }
  const { id } = await db
    .insertInto('feedback_log')
    .values({ person_id: person.id, author_id: options.actor.personId!, kind: options.kind, occurred_on: options.occurredOn, body: options.body, created_at: options.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Notes about a person. The chain and HR in scope read them all; the person reads their own
 * notes, and their manager's too where the policy makes the log transparent.
 */
export async function listLog(db: Kysely<DB>, options: { actor: Actor; personId: number }) {
  const person = await personPath(db, options.personId);
  const oversees = person !== undefined && (isAboveInChain(options.actor, person.path) || hrCovers(options.actor, person.path));
  const isSelf = options.actor.personId === options.personId;
  if (!person || !(oversees || isSelf)) throw new AppError('NOT_FOUND', { detail: `No log you can read for person ${options.personId}.` });
  const { policy } = await activePolicy(db);
  let query = db
    .selectFrom('feedback_log as l')
    .innerJoin('people as a', 'a.id', 'l.author_id')
    .select(['l.id', 'l.kind', 'l.occurred_on', 'l.body', 'l.created_at', 'a.id as author_id', 'a.name as author_name'])
    .where('l.person_id', '=', person.id)
    .orderBy('l.occurred_on', 'desc')
    .orderBy('l.id', 'desc');
  if (isSelf && !oversees && !policy.forte.employeeReadsManagerLog) query = query.where('l.author_id', '=', person.id);
  const rows = await query.execute();
  return {
    person: { id: person.id, name: person.name },
    entries: rows.map((r) => ({ id: r.id, kind: r.kind, occurredOn: r.occurred_on, body: r.body, author: { id: r.author_id, name: r.author_name }, createdAt: r.created_at.toISOString() })),
  };
}
