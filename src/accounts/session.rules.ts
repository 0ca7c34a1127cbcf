/** How long a session lives: idle and absolute limits, as ASVS 5.0 section 7.3 asks. */
export interface SessionPolicy {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** last_seen_at is refreshed at most this often, so reads do not all write. */
  touchIntervalMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 30 * 60 * 1000,
  absoluteTimeoutMs: 12 * 60 * 60 * 1000,
  touchIntervalMs: 60 * 1000,
};

export type SessionState = 'valid' | 'idle-expired' | 'absolute-expired';

export function sessionState(
  session: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) return 'absolute-expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleTimeoutMs) return 'idle-expired';
  return 'valid';
}

export function sessionNeedsTouch(lastSeenAt: Date, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): boolean {
  return now.getTime() - lastSeenAt.getTime() >= policy.touchIntervalMs;
}

/**
 * How recent the last password proof must be for routes marked `stepUp` (pipeline, calibration,
 * demographics: ASVS 5.0 level 3 data). Sign-in counts as a proof; so does re-authenticating.
 */
export const DEFAULT_STEP_UP_WINDOW_MS = 15 * 60 * 1000;

export type StepUpState = 'fresh' | 'stale';

/**
 * Whether a session's last password proof still covers a step-up route. A session with no
 * recorded proof is stale. A proof dated slightly after `now` is fresh: replicas' clocks differ
 * by milliseconds, and a user who has just re-authenticated must not be asked again.
 */
export function stepUpState(passwordVerifiedAt: Date | null, now: Date, windowMs: number = DEFAULT_STEP_UP_WINDOW_MS): StepUpState {
  if (!passwordVerifiedAt) return 'stale';
  return now.getTime() - passwordVerifiedAt.getTime() < windowMs ? 'fresh' : 'stale';
}
