import { describe, expect, it } from 'vitest';
import { normalizeIdentity, seenKind } from './identities.rules.ts';

describe('normalizeIdentity', () => {
  it('trims and lower-cases, so matching is case-insensitive and one value has one owner', () => {
    expect(normalizeIdentity('github', '  Octo-Cat ')).toEqual({ kind: 'github', value: 'octo-cat' });
    expect(normalizeIdentity('email', 'Ada@Example.TEST')).toEqual({ kind: 'email', value: 'ada@example.test' });
    expect(normalizeIdentity('pagerduty', 'PU1')).toEqual({ kind: 'pagerduty', value: 'pu1' });
  });

  it('refuses unknown kinds, empty values, malformed emails and control characters with the reason', () => {
    expect(normalizeIdentity('slack', 'x')).toEqual({ problem: '"slack" is not one of email, github, amazon-q, pagerduty' });
    expect(normalizeIdentity('github', '   ')).toEqual({ problem: 'the identity is empty' });
    expect(normalizeIdentity('email', 'ada')).toEqual({ problem: '"ada" is not an email address' });
    expect(normalizeIdentity('github', 'a\u0000b')).toEqual({ problem: 'the identity contains control characters' });
    expect(normalizeIdentity('github', 'x'.repeat(321))).toEqual({ problem: 'the identity is longer than 320 characters' });
  });
});

describe('seenKind', () => {
  it('offers an email as an email wherever it was seen, anything else as the source kind', () => {
    expect(seenKind('github', 'ada@example.test')).toBe('email');
    expect(seenKind('github', 'octocat')).toBe('github');
    expect(seenKind('pagerduty', 'PU1')).toBe('pagerduty');
  });
});
