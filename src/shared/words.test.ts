import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, truncateToWords } from './words.ts';

const repeatWords = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['Shipped the migration on time.', 5],
    ['Écrit par Zoë, naïve café', 5],
  ])('counts plain text: %j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ["don't", 1],
    ['don’t stop', 2],
    ["O'Brien's design doc", 3],
  ])('keeps apostrophes inside words: %j', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ['3.5', 1],
    ['cut p99 latency by 3.5 seconds', 6],
    ['1,000 requests', 2],
    ['10% fewer pages', 3],
    ['v2.3.1 shipped', 2],
    ['U.S.A. launch', 2],
  ])('counts a number or a dotted abbreviation as one word: %j', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ['well-known', 1],
    ['state-of-the-art tooling', 2],
    ['the 2024-2025 cycle', 3],
    ['non\u2011blocking', 1],
    ['pages 3–5', 3],
    ['fast — and right', 3],
    ['and/or', 2],
    ['half- and full-time', 3],
  ])('joins hyphenated compounds but not dashes or slashes: %j', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ['see https://example.com/a-b?x=1&y=two for details', 4],
    ['see https://example.com/docs/runbook.', 2],
    ['(www.example.org/path)', 1],
    ['mail jane.doe@example.com today', 3],
  ])('counts a URL or an email address as one word: %j', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ['👍', 0],
    ['great work 🎉🎉', 2],
    ['🇫🇷 team', 1],
    ['1️⃣ 2️⃣ 3️⃣', 0],
    ['👩‍💻 on call', 2],
    ['¯\\_(ツ)_/¯', 1],
    ['-- ... !!!', 0],
  ])('does not count emoji or punctuation: %j', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it.each([
    ['我们今天去公园', 4],
    ['日本語のテキストです', 4],
    ['한국어 텍스트', 2],
  ])('segments CJK text with the dictionary: %j', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('tells 60 words from 61', () => {
    expect(countWords(repeatWords(60))).toBe(60);
    expect(countWords(`${repeatWords(60)}.`)).toBe(60);
    expect(countWords(`${repeatWords(60)} more`)).toBe(61);
    expect(countWords(`${repeatWords(59)} well-known`)).toBe(60);
  });
});

describe('truncateToWords', () => {
  it('keeps the text up to the end of the last allowed word', () => {
    expect(truncateToWords('One, two; three-four five.', 2)).toBe('One, two');
    expect(truncateToWords('One, two; three-four five.', 3)).toBe('One, two; three-four');
    expect(truncateToWords('read https://x.io/a. Then more', 2)).toBe('read https://x.io/a');
  });

  it('returns the text unchanged when it is within the limit', () => {
    expect(truncateToWords('One two.', 2)).toBe('One two.');
    expect(truncateToWords('One two.', Number.POSITIVE_INFINITY)).toBe('One two.');
  });

  it('returns nothing for a limit below one', () => {
    expect(truncateToWords('One two', 0)).toBe('');
    expect(truncateToWords('One two', -3)).toBe('');
    expect(truncateToWords('One two', Number.NaN)).toBe('');
  });
});

const asciiWord = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/u);
const whitespace = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000');
const punctuation = fc.constantFrom(...'.,;:!?\'"()[]{}-–—…/\\*&#@%+=<>|~^$«»“”‘’'.split(''));
// A separator holding at least one whitespace: apostrophes, dots, hyphens and colons may then
// touch a word without gluing it to the next one.
const looseSeparator = fc
  .tuple(fc.array(fc.oneof(punctuation, whitespace), { maxLength: 4 }), whitespace, fc.array(fc.oneof(punctuation, whitespace), { maxLength: 4 }))
  .map(([before, space, after]) => [...before, space, ...after].join(''));
// Punctuation that never joins two words, even without whitespace around it.
const tightSeparator = fc
  .array(fc.constantFrom(...'!?()[]{}"/\\*&#%+=<>|~^$«»“”–—…'.split('')), { minLength: 1, maxLength: 4 })
  .map((chars) => chars.join(''));

const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string());
const spaces = fc.array(whitespace, { maxLength: 5 }).map((parts) => parts.join(''));

describe('countWords properties', () => {
  it('counts n ASCII words joined by runs of whitespace and punctuation as n', () => {
    fc.assert(
      fc.property(
        asciiWord,
        fc.array(fc.tuple(fc.oneof(looseSeparator, tightSeparator), asciiWord), { maxLength: 80 }),
        spaces,
        spaces,
        (first, more, lead, trail) => {
          const text = first + more.map(([separator, word]) => separator + word).join('');
          expect(countWords(`${lead}${text}${trail}`)).toBe(1 + more.length);
        },
      ),
    );
  });

  it('does not change the count for leading or trailing whitespace', () => {
    fc.assert(
      fc.property(anyText, spaces, spaces, (text, lead, trail) => {
        expect(countWords(`${lead}${text}${trail}`)).toBe(countWords(text));
      }),
    );
  });

  it('counts two texts joined by a space as the sum of their counts', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        expect(countWords(`${a} ${b}`)).toBe(countWords(a) + countWords(b));
      }),
    );
  });

  it('truncates to a prefix with exactly the limit, or all, of the words', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 20 }), (text, limit) => {
        const prefix = truncateToWords(text, limit);
        expect(text.startsWith(prefix)).toBe(true);
        expect(countWords(prefix)).toBe(Math.min(limit, countWords(text)));
      }),
    );
  });
});
