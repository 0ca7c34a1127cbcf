import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_POLICY, DEFAULT_STEP_UP_WINDOW_MS, sessionNeedsTouch, sessionState, stepUpState, type SessionPolicy } from './session.rules.ts';

const SIGNED_IN = new Date('2025-03-10T09:00:00.000Z');
const MINUTE = 60_000;
const IDLE = DEFAULT_SESSION_POLICY.idleTimeoutMs;
const ABSOLUTE = DEFAULT_SESSION_POLICY.absoluteTimeoutMs;
const EXPIRES = new Date(SIGNED_IN.getTime() + ABSOLUTE);

const at = (ms: number) => new Date(SIGNED_IN.getTime() + ms);
/** A session signed in at SIGNED_IN and last seen `lastSeenMs` after that. */
const buildSession = (lastSeenMs = 0) => ({ lastSeenAt: at(lastSeenMs), expiresAt: EXPIRES });

describe('sessionState', () => {
  it('uses a 30-minute idle limit, a 12-hour absolute limit and a 1-minute touch interval by default', () => {
    expect(DEFAULT_SESSION_POLICY).toEqual({ idleTimeoutMs: 30 * MINUTE, absoluteTimeoutMs: 12 * 60 * MINUTE, touchIntervalMs: MINUTE });
  });

  it('is valid just after sign-in', () => {
    expect(sessionState(buildSession(), SIGNED_IN)).toBe('valid');
  });

  describe('idle expiry', () => {
    it('is valid one millisecond before the idle limit', () => {
      expect(sessionState(buildSession(), at(IDLE - 1))).toBe('valid');
    });

    it('expires exactly at the idle limit', () => {
      expect(sessionState(buildSession(), at(IDLE))).toBe('idle-expired');
    });

    it('counts idleness from the last time the session was seen, not from sign-in', () => {
      const lastSeen = 5 * 60 * MINUTE;
      expect(sessionState(buildSession(lastSeen), at(lastSeen + IDLE - 1))).toBe('valid');
      expect(sessionState(buildSession(lastSeen), at(lastSeen + IDLE))).toBe('idle-expired');
    });
  });

  describe('absolute expiry', () => {
    it('is valid one millisecond before expiresAt for a session in constant use', () => {
      expect(sessionState(buildSession(ABSOLUTE - MINUTE), at(ABSOLUTE - 1))).toBe('valid');
    });

    it('expires exactly at expiresAt even when the session was just used', () => {
      expect(sessionState(buildSession(ABSOLUTE - 1), EXPIRES)).toBe('absolute-expired');
    });

    it('reports the absolute limit when both limits have passed', () => {
      expect(sessionState(buildSession(), at(ABSOLUTE + IDLE))).toBe('absolute-expired');
    });

    it('trusts the stored expiresAt rather than recomputing it from the policy', () => {
      const shortened = { lastSeenAt: SIGNED_IN, expiresAt: at(10 * MINUTE) };
      expect(sessionState(shortened, at(10 * MINUTE - 1))).toBe('valid');
      expect(sessionState(shortened, at(10 * MINUTE))).toBe('absolute-expired');
    });
  });

  it('follows a custom policy', () => {
    const policy: SessionPolicy = { idleTimeoutMs: 5 * MINUTE, absoluteTimeoutMs: 60 * MINUTE, touchIntervalMs: 10_000 };
    expect(sessionState(buildSession(), at(5 * MINUTE - 1), policy)).toBe('valid');
    expect(sessionState(buildSession(), at(5 * MINUTE), policy)).toBe('idle-expired');
  });
});

describe('sessionNeedsTouch', () => {
  it('does not touch within the interval', () => {
    expect(sessionNeedsTouch(SIGNED_IN, SIGNED_IN)).toBe(false);
    expect(sessionNeedsTouch(SIGNED_IN, at(MINUTE - 1))).toBe(false);
  });

  it('touches once the interval has passed', () => {
    expect(sessionNeedsTouch(SIGNED_IN, at(MINUTE))).toBe(true);
    expect(sessionNeedsTouch(SIGNED_IN, at(20 * MINUTE))).toBe(true);
  });

  it('follows a custom interval', () => {
    const policy: SessionPolicy = { ...DEFAULT_SESSION_POLICY, touchIntervalMs: 10_000 };
    expect(sessionNeedsTouch(SIGNED_IN, at(9_999), policy)).toBe(false);
    expect(sessionNeedsTouch(SIGNED_IN, at(10_000), policy)).toBe(true);
  });

  it('touches often enough that a session used every interval never idles out', () => {
    // The stored last-seen time lags by under one touch interval, well inside the idle limit.
    let lastSeen = SIGNED_IN;
    for (let ms = 0; ms < ABSOLUTE; ms += DEFAULT_SESSION_POLICY.touchIntervalMs / 2) {
      const now = at(ms);
      expect(sessionState({ lastSeenAt: lastSeen, expiresAt: EXPIRES }, now)).toBe('valid');
      if (sessionNeedsTouch(lastSeen, now)) lastSeen = now;
    }
  });
});

describe('stepUpState', () => {
  const WINDOW = DEFAULT_STEP_UP_WINDOW_MS;

  it('asks for a proof within 15 minutes by default, well inside the idle limit', () => {
    expect(WINDOW).toBe(15 * MINUTE);
    expect(WINDOW).toBeLessThan(IDLE);
  });

  it('counts sign-in as a proof, fresh until one millisecond before the window ends', () => {
    expect(stepUpState(SIGNED_IN, SIGNED_IN)).toBe('fresh');
    expect(stepUpState(SIGNED_IN, at(WINDOW - 1))).toBe('fresh');
    expect(stepUpState(SIGNED_IN, at(WINDOW))).toBe('stale');
  });

  it('treats a session with no recorded proof as stale at any time', () => {
    expect(stepUpState(null, SIGNED_IN)).toBe('stale');
    expect(stepUpState(null, at(1))).toBe('stale');
  });

  it('accepts a proof a moment in the future: replicas’ clocks differ slightly', () => {
    expect(stepUpState(at(2_000), SIGNED_IN)).toBe('fresh');
  });

  it('follows a configured window', () => {
    expect(stepUpState(SIGNED_IN, at(5 * MINUTE - 1), 5 * MINUTE)).toBe('fresh');
    expect(stepUpState(SIGNED_IN, at(5 * MINUTE), 5 * MINUTE)).toBe('stale');
  });

  it('over a working day in constant use: the session stays valid while step-up goes stale every window until re-authenticated', () => {
    // A user active every minute, re-authenticating whenever a step-up route asks.
    let lastSeen = SIGNED_IN;
    let proof = SIGNED_IN;
    const proofs: number[] = [];
    for (let ms = 0; ms < ABSOLUTE; ms += MINUTE) {
      const now = at(ms);
      expect(sessionState({ lastSeenAt: lastSeen, expiresAt: EXPIRES }, now)).toBe('valid');
      if (stepUpState(proof, now) === 'stale') {
        expect(now.getTime() - proof.getTime()).toBe(WINDOW);
        proof = now;
        proofs.push(ms);
      }
      if (sessionNeedsTouch(lastSeen, now)) lastSeen = now;
    }
    // Asked exactly once per window, at each window's end.
    expect(proofs.length).toBe(Math.ceil(ABSOLUTE / WINDOW) - 1);
    expect(proofs[0]).toBe(WINDOW);
  });

  it('an idle user past the window but inside the idle limit keeps the session and must prove the password', () => {
    const now = at(20 * MINUTE);
    expect(sessionState(buildSession(), now)).toBe('valid');
    expect(stepUpState(SIGNED_IN, now)).toBe('stale');
  });
});
