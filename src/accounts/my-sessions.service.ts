import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from './actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { hashSessionToken } from './sessions.service.ts';

/**
 * A session's public handle: derived from the stored token hash, so the list never shows the hash
 * itself, and useless for signing in (it is a hash of a hash of the token).
 */
export function sessionHandle(tokenHash: string): string {
  return createHash('sha256').update(`highbar-session-handle:${tokenHash}`).digest('hex').slice(0, 32);
}

/** Where the signed-in person is signed in: each live session, the current one marked. */
export async function listMySessions(db: Kysely<DB>, options: { actor: Actor; currentToken: string; now: Date }) {
  const current = hashSessionToken(options.currentToken);
  const rows = await db
    .selectFrom('sessions')
    .select(['token_hash', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('account_id', '=', options.actor.accountId)
    .where('expires_at', '>', options.now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return {
    sessions: rows.map((r) => ({
      handle: sessionHandle(r.token_hash),
      current: r.token_hash === current,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      ip: r.ip,
      userAgent: r.user_agent,
    })),
  };
}

/**
 * Ends one of the person's own sessions by its handle, or every one but the current; audited.
 * Returns how many ended. A handle that is not one of theirs is 404, whoever's it may be.
 */
export async function endMySessions(db: Kysely<DB>, options: { actor: Actor; currentToken: string; which: { handle: string } | 'others'; now: Date; requestId?: string }) {
  const current = hashSessionToken(options.currentToken);
  return db.transaction().execute(async (trx) => {
    const mine = await trx.selectFrom('sessions').select('token_hash').where('account_id', '=', options.actor.accountId).execute();
    const which = options.which;
    const ending = which === 'others' ? mine.filter((s) => s.token_hash !== current) : mine.filter((s) => sessionHandle(s.token_hash) === which.handle);
    if (which !== 'others' && ending.length === 0) throw new AppError('NOT_FOUND', { detail: 'No session of yours with that handle.' });
    if (ending.length) await trx.deleteFrom('sessions').where('token_hash', 'in', ending.map((s) => s.token_hash)).execute();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'session.ended_by_owner',
      subjectType: 'account',
      subjectId: options.actor.accountId,
      requestId: options.requestId,
      details: { sessions: ending.length, current: ending.some((s) => s.token_hash === current) },
      at: options.now,
    });
    return { ended: ending.length };
  });
}
