import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook authentication: each source has a secret; a sender signs `TIMESTAMP.BODY` (the Unix
 * time in seconds, a dot, the raw request body) with HMAC-SHA256 and sends
 * `x-highbar-timestamp: TIMESTAMP` and `x-highbar-signature: sha256=HEX`. A delivery older or
 * newer than the replay window is refused even with a good signature, so a captured request
 * cannot be sent again later. Pure: the time is a parameter.
 */
export const REPLAY_WINDOW_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function signWebhook(secret: string, timestampSeconds: number, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex')}`;
}

export function verifyWebhookSignature(input: {
  secret: string;
  body: Uint8Array;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): SignatureCheck {
  if (!input.timestamp || !/^\d{1,12}$/u.test(input.timestamp)) return { ok: false, reason: 'x-highbar-timestamp is missing or not a Unix time in seconds.' };
  if (!input.signature || !/^sha256=[0-9a-f]{64}$/u.test(input.signature)) return { ok: false, reason: 'x-highbar-signature is missing or not sha256=HEX.' };
  const seconds = Number(input.timestamp);
  if (Math.abs(input.nowMs / 1000 - seconds) > REPLAY_WINDOW_SECONDS) {
    return { ok: false, reason: `The delivery is outside the ${REPLAY_WINDOW_SECONDS}-second replay window.` };
  }
  const expected = Buffer.from(signWebhook(input.secret, seconds, input.body));
  const given = Buffer.from(input.signature);
  // Same length by the pattern above; compared in constant time so timing reveals nothing.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'The signature does not match.' };
  return { ok: true };
}
