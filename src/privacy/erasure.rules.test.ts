import { describe, expect, it } from 'vitest';
import { ERASURE_RULES, erasureRefusal, identifyingStrings, isErased, pseudonymFor } from './erasure.rules.ts';

const leaver = { personId: 42, status: 'terminated' as const, email: 'tova@corp.test', employeeId: 'E42', openCases: 0 };

describe('erasureRefusal', () => {
  it('allows a leaver with no open case', () => {
    expect(erasureRefusal(leaver)).toBeNull();
  });

  it.each([
    ['someone still employed', { status: 'active' as const }, 'not-a-leaver', /only people who have left/u],
    ['someone on leave', { status: 'leave' as const }, 'not-a-leaver', /is leave/u],
    ['a leaver with an open pipeline case', { openCases: 1 }, 'open-case', /open pipeline case/u],
    ['someone already erased', { email: pseudonymFor(42).email, employeeId: pseudonymFor(42).employeeId }, 'already-erased', /already erased/u],
  ])('refuses %s, saying why', (_what, change, kind, message) => {
    const refusal = erasureRefusal({ ...leaver, ...change });
    expect(refusal?.kind).toBe(kind);
    expect(refusal?.message).toMatch(message);
  });
});

describe('pseudonyms', () => {
  it('are unique per person and recognisable as erased', () => {
    expect(pseudonymFor(7)).toEqual({ name: 'Erased person 7', email: 'erased-7@erased.invalid', employeeId: 'erased-7' });
    expect(pseudonymFor(7).email).not.toBe(pseudonymFor(70).email);
    expect(isErased({ email: 'erased-7@erased.invalid', employeeId: 'erased-7' }, 7)).toBe(true);
    // Another person's pseudonym is not this person's.
    expect(isErased({ email: 'erased-7@erased.invalid', employeeId: 'erased-7' }, 70)).toBe(false);
  });
});

describe('identifyingStrings', () => {
  it('collects the distinct strings that name the person, leaving out ones too short to match safely', () => {
    expect(identifyingStrings({ name: 'Tova Target', email: 'tova@corp.test', employeeId: 'E42', accountEmails: ['tova@corp.test', 'TOVA@corp.test'], identities: ['tova-gh', 'tv'] })).toEqual(
      ['TOVA@corp.test', 'Tova Target', 'tova-gh', 'tova@corp.test'],
    );
  });
});

describe('ERASURE_RULES', () => {
  it('says for each kind of data what happens and why', () => {
    expect(ERASURE_RULES.length).toBeGreaterThan(10);
    for (const rule of ERASURE_RULES) {
      expect(['delete', 'pseudonymise', 'keep']).toContain(rule.action);
      expect(rule.why.length).toBeGreaterThan(10);
    }
    // The anonymous peer feedback a leaver gave stays for its recipient.
    expect(ERASURE_RULES.find((r) => r.data.startsWith('peer_feedback they wrote'))?.action).toBe('keep');
  });
});
