import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideSignInThrottle, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle.rules.ts';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const WINDOW = DEFAULT_THROTTLE.windowMs;

/** Failures at the given offsets (ms) before NOW. */
const ago = (...offsets: number[]) => offsets.map((ms) => new Date(NOW.getTime() - ms));
const times = (count: number, msAgo: number) => ago(...Array.from({ length: count }, () => msAgo));

describe('decideSignInThrottle', () => {
  it('uses a 15-minute window, 5 failures per account and 30 per address by default', () => {
    expect(DEFAULT_THROTTLE).toEqual({ windowMs: 15 * MINUTE, maxFailuresPerAccount: 5, maxFailuresPerAddress: 30 });
  });

  it('allows a sign-in with no failures', () => {
    expect(decideSignInThrottle({ now: NOW, accountFailures: [], addressFailures: [] })).toEqual({ allowed: true });
  });

  it('allows one failure under the account limit and blocks at the limit', () => {
    expect(decideSignInThrottle({ now: NOW, accountFailures: times(4, MINUTE), addressFailures: [] })).toEqual({ allowed: true });
    expect(decideSignInThrottle({ now: NOW, accountFailures: times(5, MINUTE), addressFailures: [] })).toMatchObject({
      allowed: false,
      reason: 'account',
    });
  });

  it('allows one failure under the address limit and blocks at the limit', () => {
    expect(decideSignInThrottle({ now: NOW, accountFailures: [], addressFailures: times(29, MINUTE) })).toEqual({ allowed: true });
    expect(decideSignInThrottle({ now: NOW, accountFailures: [], addressFailures: times(30, MINUTE) })).toMatchObject({
      allowed: false,
      reason: 'address',
    });
  });

  describe('window boundaries', () => {
    it('does not count a failure exactly one window old', () => {
      const accountFailures = [...times(4, MINUTE), ...ago(WINDOW)];
      expect(decideSignInThrottle({ now: NOW, accountFailures, addressFailures: [] })).toEqual({ allowed: true });
    });

    it('counts a failure one millisecond inside the window', () => {
      const accountFailures = [...times(4, MINUTE), ...ago(WINDOW - 1)];
      expect(decideSignInThrottle({ now: NOW, accountFailures, addressFailures: [] })).toMatchObject({ allowed: false, reason: 'account' });
    });

    it('counts a failure at this very instant', () => {
      expect(decideSignInThrottle({ now: NOW, accountFailures: times(5, 0), addressFailures: [] })).toMatchObject({ allowed: false });
    });

    it('applies the same boundary to address failures', () => {
      const outside = [...times(29, MINUTE), ...ago(WINDOW)];
      const inside = [...times(29, MINUTE), ...ago(WINDOW - 1)];
      expect(decideSignInThrottle({ now: NOW, accountFailures: [], addressFailures: outside })).toEqual({ allowed: true });
      expect(decideSignInThrottle({ now: NOW, accountFailures: [], addressFailures: inside })).toMatchObject({ reason: 'address' });
    });
  });

  describe('account and address', () => {
    it('reports the address when both limits are reached, so the caller can answer 429', () => {
      const decision = decideSignInThrottle({ now: NOW, accountFailures: times(5, MINUTE), addressFailures: times(30, 2 * MINUTE) });
      expect(decision).toEqual({ allowed: false, reason: 'address', retryAfterSeconds: 13 * 60 });
    });

    it('reports the account when only the account limit is reached', () => {
      const decision = decideSignInThrottle({ now: NOW, accountFailures: times(5, MINUTE), addressFailures: times(29, 2 * MINUTE) });
      expect(decision).toEqual({ allowed: false, reason: 'account', retryAfterSeconds: 14 * 60 });
    });

    it('keeps the two counts apart', () => {
      // Many address failures never lock the account, and vice versa.
      expect(decideSignInThrottle({ now: NOW, accountFailures: times(4, MINUTE), addressFailures: times(29, MINUTE) })).toEqual({
        allowed: true,
      });
    });
  });

  describe('retryAfterSeconds', () => {
    it('is the time until the oldest counted failure leaves the window', () => {
      const decision = decideSignInThrottle({
        now: NOW,
        accountFailures: ago(10 * MINUTE, 9 * MINUTE, 8 * MINUTE, 7 * MINUTE, 6 * MINUTE),
        addressFailures: [],
      });
      expect(decision).toEqual({ allowed: false, reason: 'account', retryAfterSeconds: 5 * 60 });
    });

    it('waits only for enough failures to leave, when there are more than the limit', () => {
      // Seven failures, limit five: once the third oldest leaves, four remain.
      const accountFailures = ago(14 * MINUTE, 13 * MINUTE, 12 * MINUTE, 11 * MINUTE, 10 * MINUTE, 9 * MINUTE, 8 * MINUTE);
      const decision = decideSignInThrottle({ now: NOW, accountFailures, addressFailures: [] });
      expect(decision).toEqual({ allowed: false, reason: 'account', retryAfterSeconds: 3 * 60 });
    });

    it('does not depend on the order the failures are given in', () => {
      const sorted = ago(14 * MINUTE, 13 * MINUTE, 12 * MINUTE, 11 * MINUTE, 10 * MINUTE, 9 * MINUTE, 8 * MINUTE);
      const shuffled = [sorted[4]!, sorted[0]!, sorted[6]!, sorted[2]!, sorted[1]!, sorted[5]!, sorted[3]!];
      expect(decideSignInThrottle({ now: NOW, accountFailures: shuffled, addressFailures: [] })).toEqual(
        decideSignInThrottle({ now: NOW, accountFailures: sorted, addressFailures: [] }),
      );
    });

    it('rounds a partial second up', () => {
      const decision = decideSignInThrottle({ now: NOW, accountFailures: times(5, WINDOW - 1_500), addressFailures: [] });
      expect(decision).toMatchObject({ retryAfterSeconds: 2 });
    });

    it('is at least one second', () => {
      const decision = decideSignInThrottle({ now: NOW, accountFailures: times(5, WINDOW - 1), addressFailures: [] });
      expect(decision).toMatchObject({ retryAfterSeconds: 1 });
    });

    it('lets the sign-in through once that many seconds have passed, and not a second earlier', () => {
      const accountFailures = ago(14 * MINUTE, 13 * MINUTE + 400, 12 * MINUTE + 999, 11 * MINUTE, 10 * MINUTE, 9 * MINUTE);
      const first = decideSignInThrottle({ now: NOW, accountFailures, addressFailures: [] });
      if (first.allowed) throw new Error('expected a block');
      const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
      expect(decideSignInThrottle({ now: at(first.retryAfterSeconds - 1), accountFailures, addressFailures: [] }).allowed).toBe(false);
      expect(decideSignInThrottle({ now: at(first.retryAfterSeconds), accountFailures, addressFailures: [] }).allowed).toBe(true);
    });
  });

  it('follows a custom policy', () => {
    const policy: ThrottlePolicy = { windowMs: MINUTE, maxFailuresPerAccount: 2, maxFailuresPerAddress: 3 };
    expect(decideSignInThrottle({ now: NOW, accountFailures: ago(30_000, 10_000), addressFailures: [], policy })).toEqual({
      allowed: false,
      reason: 'account',
      retryAfterSeconds: 30,
    });
    expect(decideSignInThrottle({ now: NOW, accountFailures: ago(2 * MINUTE, 10_000), addressFailures: [], policy })).toEqual({
      allowed: true,
    });
    expect(decideSignInThrottle({ now: NOW, accountFailures: [], addressFailures: ago(50_000, 40_000, 1), policy })).toEqual({
      allowed: false,
      reason: 'address',
      retryAfterSeconds: 10,
    });
  });

  describe('properties', () => {
    const smallPolicy = fc.record({
      windowMs: fc.integer({ min: 1, max: 30 * MINUTE }),
      maxFailuresPerAccount: fc.integer({ min: 1, max: 6 }),
      maxFailuresPerAddress: fc.integer({ min: 1, max: 10 }),
    });
    // Failure times as a fraction of the window before NOW, so they land in and out of it.
    const failures = (policy: ThrottlePolicy) =>
      fc.array(fc.integer({ min: 0, max: 2 * policy.windowMs }).map((ms) => new Date(NOW.getTime() - ms)), { maxLength: 15 });

    it('never changes its decision when failures outside the window are added', () => {
      fc.assert(
        fc.property(
          smallPolicy.chain((policy) =>
            fc.tuple(
              fc.constant(policy),
              failures(policy),
              failures(policy),
              // Old failures: at or before the window start, as far back as a day.
              fc.array(fc.integer({ min: policy.windowMs, max: 24 * 60 * MINUTE }), { maxLength: 40 }),
              fc.array(fc.integer({ min: policy.windowMs, max: 24 * 60 * MINUTE }), { maxLength: 40 }),
            ),
          ),
          ([policy, accountFailures, addressFailures, oldAccount, oldAddress]) => {
            const before = decideSignInThrottle({ now: NOW, accountFailures, addressFailures, policy });
            const after = decideSignInThrottle({
              now: NOW,
              accountFailures: [...accountFailures, ...ago(...oldAccount)],
              addressFailures: [...ago(...oldAddress), ...addressFailures],
              policy,
            });
            expect(after).toEqual(before);
          },
        ),
      );
    });

    it('blocks for the same reason until retryAfterSeconds have passed, and not for that reason after', () => {
      fc.assert(
        fc.property(
          smallPolicy.chain((policy) => fc.tuple(fc.constant(policy), failures(policy), failures(policy))),
          ([policy, accountFailures, addressFailures]) => {
            const decision = decideSignInThrottle({ now: NOW, accountFailures, addressFailures, policy });
            if (decision.allowed) return;
            const later = (seconds: number) =>
              decideSignInThrottle({ now: new Date(NOW.getTime() + seconds * 1000), accountFailures, addressFailures, policy });
            expect(later(decision.retryAfterSeconds - 1)).toMatchObject({ allowed: false, reason: decision.reason });
            const after = later(decision.retryAfterSeconds);
            if (decision.reason === 'account') expect(after).toEqual({ allowed: true });
            else expect(after).not.toMatchObject({ reason: 'address' });
          },
        ),
      );
    });
  });
});
