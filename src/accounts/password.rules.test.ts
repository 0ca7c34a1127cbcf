import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../shared/schemas/common.ts';
import { passwordProblems } from './password.rules.ts';

const TOO_SHORT = `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
const TOO_LONG = `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
const COMMON = 'is one of the most commonly used passwords';
const CONTAINS_EMAIL = 'must not contain your email address';
const REPEATED = 'must not be one character repeated';

// Distinct letters and spaces, so only the length rules can object to a slice of it.
const PHRASE = 'the quick brown fox jumps over a lazy dog while seven zebras vex my bold wizard ';
const textOfLength = (codePoints: number) => PHRASE.repeat(Math.ceil(codePoints / PHRASE.length) + 1).slice(0, codePoints);

// Twelve different astral-plane emoji: each is one code point but two UTF-16 units.
const EMOJI = [...'🍎🍌🍒🍇🍉🍋🍑🍍🥝🥥🥑🍆🥕🌽🥦🍄'];

describe('passwordProblems', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('correct horse battery staple', { email: 'alice.smith@example.com', name: 'Alice Smith' })).toEqual([]);
  });

  describe('length, in code points', () => {
    it('refuses one code point under the minimum and accepts the minimum', () => {
      expect(passwordProblems(textOfLength(PASSWORD_MIN_LENGTH - 1))).toEqual([TOO_SHORT]);
      expect(passwordProblems(textOfLength(PASSWORD_MIN_LENGTH))).toEqual([]);
    });

    it('counts an emoji as one character, not two UTF-16 units', () => {
      const elevenEmoji = EMOJI.slice(0, PASSWORD_MIN_LENGTH - 1).join('');
      expect(elevenEmoji.length).toBe(2 * (PASSWORD_MIN_LENGTH - 1)); // long enough if units were counted
      expect(passwordProblems(elevenEmoji)).toEqual([TOO_SHORT]);
      expect(passwordProblems(EMOJI.slice(0, PASSWORD_MIN_LENGTH).join(''))).toEqual([]);
    });

    it('counts each code point of a multi-code-point emoji sequence', () => {
      // A family emoji is three people joined by two zero-width joiners: five code points.
      const family = '👨‍👩‍👧';
      expect([...family]).toHaveLength(5);
      expect(passwordProblems(family + family)).toEqual([TOO_SHORT]); // 10 code points
      expect(passwordProblems(family + family + 'xy')).toEqual([]); // 12 code points
    });

    it('accepts the maximum and refuses one code point over it', () => {
      expect(passwordProblems(textOfLength(PASSWORD_MAX_LENGTH))).toEqual([]);
      expect(passwordProblems(textOfLength(PASSWORD_MAX_LENGTH + 1))).toEqual([TOO_LONG]);
    });

    it('measures the maximum in code points too', () => {
      // 128 emoji are 256 UTF-16 units, which must not count as too long.
      const emoji = Array.from({ length: PASSWORD_MAX_LENGTH }, (_, i) => EMOJI[i % EMOJI.length]).join('');
      expect(emoji.length).toBe(2 * PASSWORD_MAX_LENGTH);
      expect(passwordProblems(emoji)).not.toContain(TOO_LONG);
      expect(passwordProblems(emoji + '🍎')).toContain(TOO_LONG);
    });

    it('reports only the length for an empty password', () => {
      expect(passwordProblems('')).toEqual([TOO_SHORT]);
    });
  });

  describe('common passwords', () => {
    it('refuses entries of the breached-password list that are long enough to pass the length rule', () => {
      for (const password of ['123456789012', 'qwerty123456', '1qaz2wsx3edc', 'administrator']) {
        expect(passwordProblems(password), password).toEqual([COMMON]);
      }
    });

    it('refuses short list entries as common as well as short', () => {
      expect(passwordProblems('password')).toEqual([TOO_SHORT, COMMON]);
      expect(passwordProblems('123456')).toEqual([TOO_SHORT, COMMON]);
    });

    it('ignores case when looking a password up', () => {
      expect(passwordProblems('QWERTY123456')).toEqual([COMMON]);
      expect(passwordProblems('AdMiNiStRaToR')).toEqual([COMMON]);
    });

    it('refuses a common word padded with digits or punctuation', () => {
      for (const password of ['password12345', 'Password2024!', 'password!!!!', 'qwertyuiop1234', 'iloveyou_2025', 'sunshine 1234']) {
        expect(passwordProblems(password), password).toContain(COMMON);
      }
    });

    it('does not refuse a password merely because it starts with a common word', () => {
      expect(passwordProblems('dragonfly over the pond')).toEqual([]);
      expect(passwordProblems('monkeys in the rainforest')).toEqual([]);
    });

    it('only refuses what the list holds: a keyboard walk missing from it is accepted', () => {
      // "qwertyuiop" is listed, "qwertyuiopasdf" is not, and no pattern matching is done.
      expect(passwordProblems('qwertyuiop')).toContain(COMMON);
      expect(passwordProblems('qwertyuiopasdf')).toEqual([]);
    });
  });

  describe('context', () => {
    it('refuses a password containing the email local part, ignoring case', () => {
      expect(passwordProblems('my name is alice.smith ok', { email: 'Alice.Smith@example.com' })).toEqual([CONTAINS_EMAIL]);
      expect(passwordProblems('ALICE.SMITH-rules-them-all', { email: 'alice.smith@example.com' })).toEqual([CONTAINS_EMAIL]);
    });

    it('does not object to the domain or to a different local part', () => {
      expect(passwordProblems('example.com is my favourite', { email: 'alice.smith@example.com' })).toEqual([]);
      expect(passwordProblems('bob builds bridges daily', { email: 'alice.smith@example.com' })).toEqual([]);
    });

    it('ignores local parts shorter than four characters, which would match too much', () => {
      expect(passwordProblems('bob builds bridges daily', { email: 'bob@example.com' })).toEqual([]);
      expect(passwordProblems('bobby builds bridges daily', { email: 'bobby@example.com' })).toEqual([CONTAINS_EMAIL]);
    });
  });

  describe('the person’s name', () => {
    it('refuses a password containing a part of the name of four or more letters', () => {
      expect(passwordProblems('smithsonian gardens', { name: 'Alice Smith' })).toContain('must not contain your name');
      expect(passwordProblems('ALICE in wonderland', { name: 'Alice Smith' })).toContain('must not contain your name');
    });

    it('ignores short name parts, which would match too much', () => {
      expect(passwordProblems('bold ideas travel far', { name: 'Bo Li' })).toEqual([]);
    });
  });

  describe('repeated characters', () => {
    it('refuses one character repeated', () => {
      expect(passwordProblems('a'.repeat(16))).toEqual([REPEATED]);
      expect(passwordProblems('🍎'.repeat(16))).toEqual([REPEATED]);
    });

    it('accepts a password with at least two different characters', () => {
      expect(passwordProblems('a'.repeat(15) + 'b')).toEqual([]);
    });
  });

  it('lists every problem at once', () => {
    expect(passwordProblems('zzzz', { email: 'zzzz@example.com' })).toEqual([TOO_SHORT, CONTAINS_EMAIL, REPEATED]);
  });
});
