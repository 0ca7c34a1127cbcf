import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORDING_TERMS } from '../policy/wording-terms.ts';
import { findWordingConcerns } from './wording.rules.ts';

const term = (t: string) => ({ term: t, why: `why ${t}` });
const matchesOf = (text: string, terms = DEFAULT_WORDING_TERMS) => findWordingConcerns(text, terms).map((c) => c.match);

describe('findWordingConcerns', () => {
  it('reports the term, why, index and matched text', () => {
    expect(findWordingConcerns('She was abrasive in review.', [term('abrasive')])).toEqual([
      { term: 'abrasive', why: 'why abrasive', index: 8, match: 'abrasive' },
    ]);
  });

  it('ignores case', () => {
    expect(matchesOf('BOSSY, Bossy and bOsSy')).toEqual(['BOSSY', 'Bossy', 'bOsSy']);
  });

  it.each([
    ['her bossiness slowed the team', 'bossiness'],
    ['he was bossier than usual', 'bossier'],
    ['reacted emotionally', 'emotionally'],
    ['pushed aggressively for the deadline', 'aggressively'],
    ['the abrasiveness of the reviews', 'abrasiveness'],
    ['spoke shrilly', 'shrilly'],
    ['responded excitably', 'excitably'],
    ['she overreacted to the outage', 'overreacted'],
    ['two drama queens', 'drama queens'],
    ['pushily worded', 'pushily'],
  ])('catches the simple inflection in %j', (text, expected) => {
    expect(matchesOf(text)).toEqual([expected]);
  });

  it.each([
    'latency dramatically improved',
    'the difficulty of the migration',
    'an embossed badge on a divan',
    'sensitive data stays in the cold tier',
    'aggressive2 is a host name, not a word',
    'the pushing and bossing around of queues',
  ])('does not flag %j', (text) => {
    expect(findWordingConcerns(text, DEFAULT_WORDING_TERMS)).toEqual([]);
  });

  it('matches phrases across spaces, line breaks and hyphens', () => {
    expect(matchesOf('he is high maintenance')).toEqual(['high maintenance']);
    expect(matchesOf('she is high-maintenance')).toEqual(['high-maintenance']);
    expect(matchesOf('honestly too\n  nice to say no')).toEqual(['too\n  nice']);
    expect(matchesOf('difficult to work with at times')).toEqual(['difficult to work with']);
  });

  it('treats hyphens, apostrophes and non-Latin letters as word boundaries correctly', () => {
    expect(matchesOf('passive-aggressive comments')).toEqual(['aggressive']);
    expect(matchesOf("the team's bossy's tone")).toEqual(['bossy']);
    expect(matchesOf('«bossy»')).toEqual(['bossy']);
    expect(matchesOf('bossyé')).toEqual([]);
    expect(matchesOf('ébossy')).toEqual([]);
  });

  it('matches either apostrophe in a term', () => {
    const terms = [term("can't let go")];
    expect(findWordingConcerns("she can't let go", terms)).toHaveLength(1);
    expect(findWordingConcerns('she can’t let go', terms)).toHaveLength(1);
  });

  it('orders results by index and reports overlapping matches once, as the longest', () => {
    const terms = [term('nice'), term('too nice'), term('bossy'), term('bossy')];
    expect(findWordingConcerns('bossy but too nice, nice', terms)).toEqual([
      { ...term('bossy'), index: 0, match: 'bossy' },
      { ...term('too nice'), index: 10, match: 'too nice' },
      { ...term('nice'), index: 20, match: 'nice' },
    ]);
  });

  it('reports UTF-16 indexes after astral characters', () => {
    const [concern] = findWordingConcerns('🎉🎉 abrasive', [term('abrasive')]);
    expect(concern?.index).toBe(5);
  });

  it('treats regular-expression characters in terms literally and skips terms without letters', () => {
    const terms = [term('a.b'), term('(x'), term('...'), term(''), term('  ')];
    expect(findWordingConcerns('a.b axb (x', terms).map((c) => c.match)).toEqual(['a.b', '(x']);
  });

  it('returns nothing for empty text or an empty list', () => {
    expect(findWordingConcerns('', DEFAULT_WORDING_TERMS)).toEqual([]);
    expect(findWordingConcerns('abrasive', [])).toEqual([]);
  });

  it('has default terms that are unique and fit the policy schema limits', () => {
    const names = DEFAULT_WORDING_TERMS.map((t) => t.term.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const { term: t, why } of DEFAULT_WORDING_TERMS) {
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(40);
      expect(why.length).toBeLessThanOrEqual(200);
      // Every default term finds itself.
      expect(findWordingConcerns(`x ${t} x`, DEFAULT_WORDING_TERMS).map((c) => c.match)).toEqual([t]);
    }
  });
});

const termLetters = new Set([...DEFAULT_WORDING_TERMS.map((t) => t.term).join('')].filter((c) => /\p{L}/u.test(c)));
// A character is safe when no case-insensitive match could turn it into a term letter (the
// Kelvin sign matches k, the long s matches s).
const isSafe = (c: string) => ![...termLetters].some((letter) => new RegExp(`^${c.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')}$`, 'iu').test(letter));
const safeChar = fc.oneof(
  fc.constantFrom(...' \n\t.,;:!?\'"’-–()0123456789_@#/'.split('')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
).filter(isSafe);

describe('findWordingConcerns properties', () => {
  it('finds nothing in text without any letter of any term', () => {
    fc.assert(
      fc.property(fc.string({ unit: safeChar, maxLength: 200 }), (text) => {
        expect(findWordingConcerns(text, DEFAULT_WORDING_TERMS)).toEqual([]);
      }),
    );
  });

  it('never throws, and reports sorted matches that are really in the text', () => {
    const anyTerm = fc.record({ term: fc.string({ maxLength: 12 }), why: fc.string({ maxLength: 20 }) });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), fc.array(anyTerm, { maxLength: 5 }), (text, terms) => {
        const concerns = findWordingConcerns(text, [...terms, ...DEFAULT_WORDING_TERMS]);
        for (const [i, c] of concerns.entries()) {
          expect(text.slice(c.index, c.index + c.match.length)).toBe(c.match);
          expect(c.index).toBeGreaterThanOrEqual(concerns[i - 1]?.index ?? 0);
        }
      }),
    );
  });

  it('finds a default term wherever it is inserted between safe text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: safeChar, maxLength: 40 }),
        fc.constantFrom(...DEFAULT_WORDING_TERMS),
        fc.string({ unit: safeChar, maxLength: 40 }),
        (before, entry, after) => {
          const text = `${before} ${entry.term} ${after}`;
          expect(findWordingConcerns(text, DEFAULT_WORDING_TERMS)).toEqual([{ ...entry, index: before.length + 1, match: entry.term }]);
        },
      ),
    );
  });
});
