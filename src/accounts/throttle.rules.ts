/** Limits on failed sign-ins, counted over a sliding window. */
export interface ThrottlePolicy {
  windowMs: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
};

export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; reason: 'account' | 'address'; retryAfterSeconds: number };

/**
 * Decides whether a sign-in may be tried, from the failures inside the window. A locked
 * account answers like a wrong password (no account enumeration); a noisy address gets 429.
 */
export function decideSignInThrottle(input: {
  now: Date;
  accountFailures: Date[];
  addressFailures: Date[];
  policy?: ThrottlePolicy;
}): ThrottleDecision {
  const policy = input.policy ?? DEFAULT_THROTTLE;
  const windowStart = input.now.getTime() - policy.windowMs;
  const inWindow = (times: Date[]) => times.filter((t) => t.getTime() > windowStart).sort((a, b) => a.getTime() - b.getTime());
  const retryAfter = (times: Date[], max: number) => {
    const oldestThatCounts = times[times.length - max];
    const until = (oldestThatCounts?.getTime() ?? input.now.getTime()) + policy.windowMs;
    return Math.max(1, Math.ceil((until - input.now.getTime()) / 1000));
  };
  const address = inWindow(input.addressFailures);
  if (address.length >= policy.maxFailuresPerAddress) {
    return { allowed: false, reason: 'address', retryAfterSeconds: retryAfter(address, policy.maxFailuresPerAddress) };
  }
  const account = inWindow(input.accountFailures);
  if (account.length >= policy.maxFailuresPerAccount) {
    return { allowed: false, reason: 'account', retryAfterSeconds: retryAfter(account, policy.maxFailuresPerAccount) };
  }
  return { allowed: true };
}
