import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = 'whsec-test-0123456789';
const NOW = Date.UTC(2024, 0, 10, 12, 0);
const T = String(NOW / 1000);
const BODY = Buffer.from('{"type":"incident"}');

describe('webhook signatures', () => {
  it('accepts the HMAC-SHA256 of "timestamp.body" (a known vector)', () => {
    // printf '1704888000.{"type":"incident"}' | openssl dgst -sha256 -hmac whsec-test-0123456789
    expect(signWebhook(SECRET, NOW / 1000, BODY)).toBe('sha256=a4ff7699a6ec94ad1687f6a171b19fcc62f8c28c8649788b0c729e10cd1f09b4');
  });

  it('verifies a good signature within the replay window', () => {
    expect(verifyWebhookSignature({ secret: SECRET, body: BODY, timestamp: T, signature: signWebhook(SECRET, NOW / 1000, BODY), nowMs: NOW + 299_000 })).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, a stale or future timestamp, and missing headers', () => {
    const signature = signWebhook(SECRET, NOW / 1000, BODY);
    const check = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({ secret: SECRET, body: BODY, timestamp: T, signature, nowMs: NOW, ...overrides }).ok;
    expect(check({ body: Buffer.from('{"type":"deployment"}') })).toBe(false);
    expect(check({ secret: 'another' })).toBe(false);
    expect(check({ nowMs: NOW + 301_000 })).toBe(false);
    expect(check({ nowMs: NOW - 301_000 })).toBe(false);
    expect(check({ timestamp: undefined })).toBe(false);
    expect(check({ signature: undefined })).toBe(false);
    expect(check({ signature: signature.replace('sha256=', 'sha1=') })).toBe(false);
    // Signed for another moment: the timestamp is part of what is signed.
    expect(check({ timestamp: String(NOW / 1000 + 1) })).toBe(false);
  });
});
