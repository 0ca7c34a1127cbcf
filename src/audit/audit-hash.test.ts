import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditEntryHash, canonicalJson, detailsHashOf, GENESIS_HASH, type AuditEntryContent } from './audit.service.ts';

type Entry = AuditEntryContent;

const buildEntry = (overrides: Partial<Entry> = {}): Entry => ({
  seq: 42,
  at: new Date('2025-03-10T12:00:00.123Z'),
  actorAccountId: 7,
  action: 'person.updated',
  subjectType: 'person',
  subjectId: '19',
  details: { field: 'title', from: 'SDE I', to: 'SDE II' },
  prevHash: 'a'.repeat(64),
  ...overrides,
});

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ subject: 'person', actor: 7, details: { to: 'L6', from: 'L5' } })).toBe(
      canonicalJson({ details: { from: 'L5', to: 'L6' }, actor: 7, subject: 'person' }),
    );
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops object properties that are undefined, at every depth', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined, e: null } })).toBe('{"a":1,"c":{"e":null}}');
  });

  it('writes undefined inside an array, and at the top, as null, like JSON.stringify', () => {
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('writes Dates as ISO 8601 strings, at any depth', () => {
    const at = new Date('2025-03-10T12:00:00.123Z');
    expect(canonicalJson(at)).toBe('"2025-03-10T12:00:00.123Z"');
    expect(canonicalJson({ when: [at] })).toBe('{"when":["2025-03-10T12:00:00.123Z"]}');
  });

  it('escapes keys and strings', () => {
    expect(canonicalJson({ 'a"b': 'line\nbreak "quoted" \u2028 李' })).toBe(JSON.stringify({ 'a"b': 'line\nbreak "quoted" \u2028 李' }));
  });

  it('writes scalars as JSON does', () => {
    expect([null, true, false, 0, -1.5, 1e21, '', 'x'].map(canonicalJson)).toEqual(['null', 'true', 'false', '0', '-1.5', '1e+21', '""', '"x"']);
  });

  it('keeps null and the string "null" apart, and numbers and numeric strings', () => {
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({ a: 'null' }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });

  it('produces JSON that means the same as JSON.stringify, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('produces the same text for an object rebuilt with its keys in another order', () => {
    const reorder = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((v) => reorder(v, seed));
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value).map(([k, v]) => [k, reorder(v, seed)] as const);
      // A seeded rotation-and-reversal: deterministic, and different from the original order.
      const rotated = [...entries.slice(seed % (entries.length || 1)), ...entries.slice(0, seed % (entries.length || 1))];
      return Object.fromEntries(seed % 2 ? rotated.reverse() : rotated);
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(canonicalJson(reorder(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });
});

describe('auditEntryHash', () => {
  it('is a SHA-256 hex digest, stable for the same entry', () => {
    const hash = auditEntryHash(buildEntry());
    expect(hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(auditEntryHash(buildEntry())).toBe(hash);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('does not depend on the key order of the entry or its details', () => {
    const entry = buildEntry({ details: { a: 1, nested: { y: 2, x: 1 } } });
    const reordered: Entry = {
      prevHash: entry.prevHash,
      details: { nested: { x: 1, y: 2 }, a: 1 },
      subjectId: entry.subjectId,
      subjectType: entry.subjectType,
      action: entry.action,
      actorAccountId: entry.actorAccountId,
      at: entry.at,
      seq: entry.seq,
    };
    expect(auditEntryHash(reordered)).toBe(auditEntryHash(entry));
  });

  it('ignores undefined details, as they are not stored', () => {
    expect(auditEntryHash(buildEntry({ details: { a: 1, b: undefined } }))).toBe(auditEntryHash(buildEntry({ details: { a: 1 } })));
  });

  it('hashes a Date in the details like its ISO string, as it reads back from storage', () => {
    const at = new Date('2025-01-01T00:00:00.000Z');
    expect(auditEntryHash(buildEntry({ details: { at } }))).toBe(auditEntryHash(buildEntry({ details: { at: at.toISOString() } })));
  });

  it.each<[string, Partial<Entry>]>([
    ['seq', { seq: 43 }],
    ['at, by one millisecond', { at: new Date('2025-03-10T12:00:00.124Z') }],
    ['actorAccountId', { actorAccountId: 8 }],
    ['actorAccountId, to null', { actorAccountId: null }],
    ['action', { action: 'person.created' }],
    ['subjectType', { subjectType: 'account' }],
    ['subjectId', { subjectId: '91' }],
    ['subjectId, to null', { subjectId: null }],
    ['a detail value', { details: { field: 'title', from: 'SDE I', to: 'SDE III' } }],
    ['a detail key', { details: { field: 'title', from: 'SDE I', into: 'SDE II' } }],
    ['an added detail', { details: { field: 'title', from: 'SDE I', to: 'SDE II', reason: null } }],
    ['a removed detail', { details: { field: 'title', from: 'SDE I' } }],
    ['prevHash, by one character', { prevHash: `${'a'.repeat(63)}b` }],
  ])('changes when %s changes', (_field, change) => {
    expect(auditEntryHash(buildEntry(change))).not.toBe(auditEntryHash(buildEntry()));
  });

  it('changes when any field of a random entry changes', () => {
    const entryArb = fc.record({
      seq: fc.integer({ min: 1, max: 1_000_000 }),
      at: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
      actorAccountId: fc.option(fc.nat()),
      action: fc.string(),
      subjectType: fc.string(),
      subjectId: fc.option(fc.string()),
      details: fc.dictionary(fc.string(), fc.jsonValue()),
      prevHash: fc.stringMatching(/^[0-9a-f]{64}$/u),
    });
    const field = fc.constantFrom<keyof Entry>('seq', 'at', 'actorAccountId', 'action', 'subjectType', 'subjectId', 'details', 'prevHash');
    fc.assert(
      fc.property(entryArb, entryArb, field, (entry, other, key) => {
        const changed = { ...entry, [key]: other[key] };
        fc.pre(canonicalJson(entry[key]) !== canonicalJson(other[key]));
        expect(auditEntryHash(changed)).not.toBe(auditEntryHash(entry));
      }),
    );
  });
});

describe('the payload behind its hash', () => {
  it('hashes an entry the same whether given its details or their hash', () => {
    const { details, ...fields } = buildEntry();
    expect(auditEntryHash({ ...fields, detailsHash: detailsHashOf(details) })).toBe(auditEntryHash(buildEntry()));
  });

  it('does not need the details once their hash is known, so they can be erased', () => {
    const { details, ...fields } = buildEntry();
    const detailsHash = detailsHashOf(details);
    expect(detailsHash).toMatch(/^[0-9a-f]{64}$/u);
    expect(auditEntryHash({ ...fields, detailsHash })).toBe(auditEntryHash({ ...fields, detailsHash: detailsHashOf({ field: 'title', to: 'SDE II', from: 'SDE I' }) }));
    expect(auditEntryHash({ ...fields, detailsHash: detailsHashOf({ ...details, to: 'SDE III' }) })).not.toBe(auditEntryHash({ ...fields, detailsHash }));
  });

  it('hashes details canonically: key order does not matter, values do', () => {
    expect(detailsHashOf({ a: 1, b: { d: 2, c: 3 } })).toBe(detailsHashOf({ b: { c: 3, d: 2 }, a: 1 }));
    expect(detailsHashOf({ a: 1 })).not.toBe(detailsHashOf({ a: '1' }));
  });
});
