import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { findAccountByEmail } from './accounts.repository.ts';
import { verifyPassword } from './passwords.ts';
import { decideSignInThrottle, DEFAULT_THROTTLE, type ThrottleDecision, type ThrottlePolicy } from './throttle.rules.ts';
import { DEFAULT_SESSION_POLICY, sessionNeedsTouch, sessionState, type SessionPolicy } from './session.rules.ts';
import { loadActor, loadSessionActor, type Actor } from './actor.ts';

/** The token travels in the cookie; only its SHA-256 is stored, so a database leak is no key. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const GENERIC_FAILURE = 'The email or password is not correct, or the account cannot sign in.';

/**
 * The sign-in throttle, shared by sign-in and re-authentication so that a stolen session cookie
 * buys no extra password guesses: both count failures against the same account and address.
 * A noisy address is refused here (429); a locked account is left to answer like a wrong password.
 */
async function checkPasswordThrottle(
  db: Kysely<DB>,
  options: { email: string; ip: string; now: Date; throttle?: ThrottlePolicy },
): Promise<ThrottleDecision> {
  const throttle = options.throttle ?? DEFAULT_THROTTLE;
  const windowStart = new Date(options.now.getTime() - throttle.windowMs);
  const failures = await db
    .selectFrom('sign_in_attempts')
    .select(['email', 'ip', 'at'])
    .where('succeeded', '=', false)
    .where('at', '>', windowStart)
    .where((eb) => eb.or([eb('email', '=', options.email), eb('ip', '=', options.ip)]))
    .execute();
  const decision = decideSignInThrottle({
    now: options.now,
    accountFailures: failures.filter((f) => f.email === options.email).map((f) => f.at),
    addressFailures: failures.filter((f) => f.ip === options.ip).map((f) => f.at),
    policy: throttle,
  });
  if (!decision.allowed && decision.reason === 'address') {
    throw new AppError('SIGN_IN_THROTTLED', {
      detail: `Too many failed sign-ins from this address. Try again in ${decision.retryAfterSeconds} seconds.`,
      extra: { retryAfterSeconds: decision.retryAfterSeconds },
    });
  }
  return decision;
}

/**
 * Signs in: throttled per account and per address, the same answer for a wrong password, an
 * unknown email and a disabled or locked account. A previous session of this browser is ended
 * (rotation), and a fresh 256-bit token is issued.
 */
export async function signIn(
  db: Kysely<DB>,
  options: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | null;
    now: Date;
    previousToken?: string | null;
    requestId?: string;
    throttle?: ThrottlePolicy;
    sessionPolicy?: SessionPolicy;
  },
): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const email = options.email.trim().toLowerCase();
  const decision = await checkPasswordThrottle(db, { email, ip: options.ip, now: options.now, throttle: options.throttle });

  const account = await findAccountByEmail(db, email);
  // Always verify, even when the answer is already known, so timing tells nothing.
  const passwordOk = await verifyPassword(account?.password_hash ?? null, options.password);
  const succeeded = decision.allowed && passwordOk && account !== undefined && account.disabled_at === null;

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + (options.sessionPolicy ?? DEFAULT_SESSION_POLICY).absoluteTimeoutMs);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sign_in_attempts')
      .values({ email, ip: options.ip, at: options.now, succeeded })
      .execute();
    await appendAuditEvent(trx, {
      actorAccountId: succeeded ? account!.id : null,
      action: succeeded ? 'session.signed_in' : 'session.sign_in_failed',
      subjectType: 'account',
      subjectId: account?.id ?? null,
      requestId: options.requestId,
      details: succeeded ? { ip: options.ip } : { ip: options.ip, email, locked: !decision.allowed },
      at: options.now,
    });
    if (!succeeded) return;
    if (options.previousToken) {
      await trx.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(options.previousToken)).execute();
    }
    await trx
      .insertInto('sessions')
      .values({
        token_hash: hashSessionToken(token),
        account_id: account!.id,
        created_at: options.now,
        last_seen_at: options.now,
        expires_at: expiresAt,
        password_verified_at: options.now,
        ip: options.ip,
        user_agent: options.userAgent?.slice(0, 500) ?? null,
      })
      .execute();
  });
  if (!succeeded) throw new AppError('SIGN_IN_FAILED', { detail: GENERIC_FAILURE });
  const actor = await loadActor(db, account!.id);
  if (!actor) throw new AppError('SIGN_IN_FAILED', { detail: GENERIC_FAILURE });
  return { token, actor, expiresAt };
}

/** A valid session: who is asking, and when they last proved their password. */
export interface ResolvedSession {
  actor: Actor;
  passwordVerifiedAt: Date | null;
}

/** The actor behind a session token, or null when the session is unknown, expired or disabled. */
export async function resolveSession(
  db: Kysely<DB>,
  options: { token: string; now: Date; policy?: SessionPolicy },
): Promise<ResolvedSession | null> {
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  const tokenHash = hashSessionToken(options.token);
  const session = await loadSessionActor(db, tokenHash);
  if (!session) return null;
  const state = sessionState({ lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt }, options.now, policy);
  if (state !== 'valid') {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  const actor = session.actor;
  if (!actor) {
    await db.deleteFrom('sessions').where('account_id', '=', session.accountId).execute();
    return null;
  }
  if (sessionNeedsTouch(session.lastSeenAt, options.now, policy)) {
    await db.updateTable('sessions').set({ last_seen_at: options.now }).where('token_hash', '=', tokenHash).execute();
  }
  return { actor, passwordVerifiedAt: session.passwordVerifiedAt };
}

/**
 * Re-authentication for step-up routes: the signed-in user proves their password again. Throttled
 * and answered exactly like sign-in (same failures counted, same sentence), audited either way.
 * On success the session token is rotated (ASVS 5.0 7.2.4: a new token on every authentication,
 * re-authentication included), so a token captured before the proof is worth nothing after it.
 * The session keeps its absolute expiry: proving the password again does not extend its life.
 */
export async function reauthenticate(
  db: Kysely<DB>,
  options: {
    token: string;
    actor: Actor;
    password: string;
    ip: string;
    now: Date;
    requestId?: string;
    throttle?: ThrottlePolicy;
  },
): Promise<{ token: string; expiresAt: Date; passwordVerifiedAt: Date }> {
  const email = options.actor.email.trim().toLowerCase();
  const decision = await checkPasswordThrottle(db, { email, ip: options.ip, now: options.now, throttle: options.throttle });
  const account = await db
    .selectFrom('accounts')
    .select(['password_hash', 'disabled_at'])
    .where('id', '=', options.actor.accountId)
    .executeTakeFirst();
  // Always verify, even when the account is locked, so timing tells nothing.
  const passwordOk = await verifyPassword(account?.password_hash ?? null, options.password);
  const succeeded = decision.allowed && passwordOk && account !== undefined && account.disabled_at === null;

  const token = randomBytes(32).toString('base64url');
  const expiresAt = await db.transaction().execute(async (trx) => {
    await trx.insertInto('sign_in_attempts').values({ email, ip: options.ip, at: options.now, succeeded }).execute();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: succeeded ? 'session.reauthenticated' : 'session.reauthentication_failed',
      subjectType: 'account',
      subjectId: options.actor.accountId,
      requestId: options.requestId,
      details: succeeded ? { ip: options.ip } : { ip: options.ip, locked: !decision.allowed },
      at: options.now,
    });
    if (!succeeded) return null;
    const rotated = await trx
      .updateTable('sessions')
      .set({ token_hash: hashSessionToken(token), password_verified_at: options.now, last_seen_at: options.now })
      .where('token_hash', '=', hashSessionToken(options.token))
      .returning('expires_at')
      .executeTakeFirst();
    // Signed out elsewhere between resolving the session and now: nothing to refresh.
    if (!rotated) throw new AppError('UNAUTHENTICATED', { detail: 'Sign in to use this.' });
    return rotated.expires_at;
  });
  if (!expiresAt) throw new AppError('SIGN_IN_FAILED', { detail: GENERIC_FAILURE });
  return { token, expiresAt, passwordVerifiedAt: options.now };
}

export async function signOut(db: Kysely<DB>, options: { token: string; actor: Actor; now: Date; requestId?: string }) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(options.token)).execute();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'session.signed_out',
      subjectType: 'account',
      subjectId: options.actor.accountId,
      requestId: options.requestId,
      at: options.now,
    });
  });
}
