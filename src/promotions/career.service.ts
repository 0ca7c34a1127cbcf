import type { Kysely } from 'kysely';
import type { DB, LevelExpectations } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hasRole, type Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { hrCovers, isAboveInChain } from '../cycles/cycles.access.ts';
import { ladderPosition, presentLevel } from './ladder-position.ts';

/**
 * A person's level and the next one on their ladder, with every expectation: "what does great
 * look like at my level, and the next?". Readable by the person, their chain, HR in scope and
 * admins, like the rest of their private record.
 */
export async function getCareerPath(db: Kysely<DB>, options: { actor: Actor; personId: number }) {
  const person = await db.selectFrom('people').select(['id', 'name', 'level', 'title', 'path', 'job_function']).where('id', '=', options.personId).executeTakeFirst();
  const { actor } = options;
  const allowed = person && (actor.personId === person.id || isAboveInChain(actor, person.path) || hrCovers(actor, person.path) || hasRole(actor, 'admin'));
  if (!person || !allowed) throw new AppError('NOT_FOUND', { detail: `No career path you can read for person ${options.personId}.` });
  const position = await ladderPosition(db, person.level, person.job_function);
  return {
    person: { id: person.id, name: person.name, level: person.level, title: person.title },
    ladder: position ? { key: position.ladder.key, name: position.ladder.name } : null,
    current: position ? presentLevel(position.current) : null,
    next: position?.next ? presentLevel(position.next) : null,
  };
}

/**
 * The ladder editor: an admin rewrites a level's title, expectations and example behaviours.
 * The save names the version it edited, so two admins cannot overwrite each other silently.
 */
export async function updateLadderLevel(
  db: Kysely<DB>,
  options: { actor: Actor; ladderKey: string; code: string; title: string; expectations: LevelExpectations; version: number; now: Date; requestId?: string },
) {
  if (!hasRole(options.actor, 'admin')) throw new AppError('FORBIDDEN', { detail: 'Only administrators edit career ladders.' });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('ladder_levels as l')
      .innerJoin('ladders as d', 'd.id', 'l.ladder_id')
      .select(['l.id', 'l.code', 'l.title', 'l.rank', 'l.version', 'l.expectations'])
      .where('d.key', '=', options.ladderKey)
      .where('l.code', '=', options.code)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { detail: `No level ${options.code} on the ladder ${options.ladderKey}.` });
    if (row.version !== options.version) {
      throw new AppError('VERSION_CONFLICT', {
        detail: 'Someone saved this level since you opened it. Compare with the saved version below and save again.',
        extra: { rule: 'VERSION_CONFLICT', version: row.version, latest: { title: row.title, expectations: row.expectations } },
      });
    }
    const updated = await trx
      .updateTable('ladder_levels')
      .set({ title: options.title, expectations: JSON.stringify(options.expectations), version: row.version + 1 })
      .where('id', '=', row.id)
      .returning(['code', 'title', 'rank', 'version', 'expectations'])
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'ladder.level.updated',
      subjectType: 'ladder_level',
      subjectId: `${options.ladderKey}/${options.code}`,
      requestId: options.requestId,
      details: { version: updated.version, title: updated.title },
      at: options.now,
    });
    return { key: options.ladderKey, ...presentLevel(updated), version: updated.version };
  });
}
