import { describe, expect, it } from 'vitest';
import { auditEntryHash, detailsHashOf, GENESIS_HASH } from './audit.service.ts';
import { ERASURE_EVENT_ACTION, erasureMarker, isErasureMarker } from './audit-erasure.rules.ts';
import { verifyChainEntries, type ChainEntry } from './audit-chain.rules.ts';

const ERASED_AT = new Date('2026-11-29T12:00:00.000Z');

function seal(fields: Omit<ChainEntry, 'hash' | 'detailsHash' | 'prevHash'>, prevHash: string): ChainEntry {
  const detailsHash = detailsHashOf(fields.details);
  const { details: _details, ...hashed } = fields;
  return { ...fields, prevHash, detailsHash, hash: auditEntryHash({ ...hashed, prevHash, detailsHash }) };
}

/** `length` entries about people, then, with `erasedCount`, the erasure entry that declares that many. */
function chain(length: number, erasedCount: number | null = null): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const details = { person: { name: `Person ${seq}`, email: `p${seq}@example.com` }, change: 'title' };
    entries.push(seal({ seq, at: new Date(Date.UTC(2026, 10, 29, 9, 0, seq)), actorAccountId: 1, action: 'person.updated', subjectType: 'person', subjectId: String(seq), details }, prevHash));
    prevHash = entries.at(-1)!.hash;
  }
  if (erasedCount !== null) {
    entries.push(seal({ seq: length + 1, at: ERASED_AT, actorAccountId: 1, action: ERASURE_EVENT_ACTION, subjectType: 'person', subjectId: '1', details: { counts: { audit_payloads: erasedCount, people: 1 } } }, prevHash));
  }
  return entries;
}

/** Erases the payloads of the entries at these indexes, as an erasure at ERASED_AT does. */
function erase(entries: ChainEntry[], ...indexes: number[]): ChainEntry[] {
  return entries.map((e, i) => (indexes.includes(i) ? { ...e, details: { ...erasureMarker(ERASED_AT) } } : e));
}

describe('isErasureMarker', () => {
  it('accepts the marker it makes', () => {
    expect(erasureMarker(new Date('2026-11-29T10:00:00.000Z'))).toEqual({ erased: true, at: '2026-11-29T10:00:00.000Z' });
    expect(isErasureMarker(erasureMarker(new Date()))).toBe(true);
  });

  it.each([
    ['an extra key', { erased: true, at: '2026-11-29T10:00:00.000Z', name: 'Ada' }],
    ['erased not true', { erased: 'true', at: '2026-11-29T10:00:00.000Z' }],
    ['erased false', { erased: false, at: '2026-11-29T10:00:00.000Z' }],
    ['no time', { erased: true }],
    ['a time that is not an instant', { erased: true, at: 'yesterday' }],
    ['a time with no zone', { erased: true, at: '2026-11-29T10:00:00' }],
    ['an array', [true]],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(isErasureMarker(value)).toBe(false);
  });
});

describe('verifying a chain with erased payloads', () => {
  it('passes when payloads are replaced by the erasure marker and an erasure entry declares them', () => {
    expect(verifyChainEntries(erase(chain(5, 2), 1, 3))).toMatchObject({ entries: 6, problem: null });
  });

  it('fails when a payload was erased with no erasure entry declaring it', () => {
    expect(verifyChainEntries(erase(chain(5), 1)).problem).toMatchObject({ kind: 'unaccounted-erasure', seq: 2 });
    expect(verifyChainEntries(erase(chain(5, 1), 1, 3)).problem).toMatchObject({ kind: 'unaccounted-erasure', seq: 2 });
  });

  it('fails when an erasure entry declares payloads that were not erased', () => {
    expect(verifyChainEntries(erase(chain(5, 2), 1)).problem).toMatchObject({ kind: 'unaccounted-erasure', seq: 2 });
    expect(verifyChainEntries(chain(5, 1)).problem).toMatchObject({ kind: 'unaccounted-erasure', seq: 6 });
  });

  it('fails when a payload is replaced by anything else, even something close to the marker', () => {
    for (const details of [{ erased: true, at: '2026-11-29T10:00:00.000Z', note: 'x' }, { erased: true }, {}, { person: { name: 'Someone else' }, change: 'title' }]) {
      const entries = chain(4);
      entries[2] = { ...entries[2]!, details };
      expect(verifyChainEntries(entries).problem, JSON.stringify(details)).toMatchObject({ kind: 'hash-mismatch', seq: 3 });
    }
  });

  it('fails when an erased entry also has another field changed', () => {
    const entries = erase(chain(4, 1), 2);
    entries[2] = { ...entries[2]!, action: 'person.created' };
    expect(verifyChainEntries(entries).problem).toMatchObject({ kind: 'hash-mismatch', seq: 3 });
  });

  it('fails when the stored payload hash is changed', () => {
    const entries = chain(4);
    entries[1] = { ...entries[1]!, detailsHash: detailsHashOf({ other: true }), details: { other: true } };
    expect(verifyChainEntries(entries).problem).toMatchObject({ kind: 'hash-mismatch', seq: 2 });
  });
});
