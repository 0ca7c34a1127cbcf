/**
 * The feedback wording check: finds personality-based or gendered words (the policy's
 * `forte.wordingCheck.terms`) in a piece of feedback so the writer can be asked for an
 * observable example instead. It only reports; nothing is ever blocked on its result.
 *
 * Matching rules:
 * - Case-insensitive and whole-word: a match may not be preceded or followed by a letter, mark,
 *   digit or underscore (Unicode-aware), so "bossy" is not found in "embossy", nor "diva" in
 *   "divan". Hyphens and apostrophes are boundaries: "passive-aggressive" and "bossy's" match.
 * - Phrases: the words of a multi-word term may be separated by any run of spaces or hyphens,
 *   so "high-maintenance" also matches "high  maintenance"; an apostrophe in a term matches ' or ’.
 * - Inflections come from a closed list of suffixes on the term's last word, not from prefix
 *   matching: the word itself, +s, +es, +ed, +ing, +ly, +ness; a consonant + y ending also
 *   becomes -ier, -iest, -ily, -iness (bossy → bossiness, pushy → pushily); -ll adds -y
 *   (shrill → shrilly); a consonant + le ending becomes -ly (excitable → excitably). So
 *   "emotional" finds "emotionally", "aggressive" finds "aggressively" and "aggressiveness", but
 *   "dramatic" does not find "dramatically" (as in "dramatically improved") and "difficult" would
 *   not find "difficulty": prefix matching would flag both.
 * - Overlapping matches (a phrase and a word inside it, or a term listed twice) are reported
 *   once, as the longest; results are in text order. `index` counts UTF-16 code units, as
 *   JavaScript string indexes do.
 */

export type WordingTerm = { term: string; why: string };
export type WordingConcern = WordingTerm & { index: number; match: string };

// Letters, combining marks, digits and connector punctuation (the underscore) continue a word.
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}\p{Pc}]`;
const PHRASE_GAP = String.raw`[\s\-\u2010\u2011]+`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

function escapeWord(word: string): string {
  return escapeRegExp(word).replace(/['’]/gu, "['’]");
}

/** The inflected forms of a term's last word that count as the term (see the rules above). */
function inflectWord(word: string): string[] {
  const forms = ['', 's', 'es', 'ed', 'ing', 'ly', 'ness'].map((suffix) => word + suffix);
  const lower = word.toLowerCase();
  if (/[^aeiou]y$/u.test(lower)) forms.push(...['ier', 'iest', 'ily', 'iness'].map((s) => word.slice(0, -1) + s));
  if (lower.endsWith('ll')) forms.push(`${word}y`);
  if (/[^aeiou]le$/u.test(lower)) forms.push(`${word.slice(0, -1)}y`);
  return forms;
}

// Compiled patterns by term: the browser runs the check on every keystroke.
const compiled = new Map<string, RegExp | undefined>();

function compileTerm(term: string): RegExp | undefined {
  if (!compiled.has(term)) {
    if (compiled.size >= 2000) compiled.clear();
    compiled.set(term, buildPattern(term));
  }
  return compiled.get(term);
}

function buildPattern(term: string): RegExp | undefined {
  const words = term.trim().split(/[\s\-\u2010\u2011]+/u).filter((w) => w.length > 0);
  const last = words.pop();
  if (last === undefined || !/[\p{L}\p{N}]/u.test(term)) return undefined;
  // Longest form first, so "bossiness" is not cut short at "boss…".
  const forms = inflectWord(last)
    .sort((a, b) => b.length - a.length)
    .map(escapeWord);
  const head = words.map((w) => `${escapeWord(w)}${PHRASE_GAP}`).join('');
  try {
    return new RegExp(`(?<!${WORD_CHAR})${head}(?:${forms.join('|')})(?!${WORD_CHAR})`, 'giu');
  } catch {
    return undefined; // Unreachable with the escaping above; a bad term must still never throw.
  }
}

/** Every place in `text` where a wording term (or a simple inflection of it) occurs, in text order; never throws. */
export function findWordingConcerns(text: string, terms: WordingTerm[]): WordingConcern[] {
  if (typeof text !== 'string' || !Array.isArray(terms)) return [];
  const found: WordingConcern[] = [];
  for (const entry of terms) {
    if (typeof entry?.term !== 'string') continue;
    const pattern = compileTerm(entry.term);
    if (!pattern) continue;
    for (const match of text.matchAll(pattern)) {
      found.push({ term: entry.term, why: String(entry.why ?? ''), index: match.index, match: match[0] });
    }
  }
  found.sort((a, b) => a.index - b.index || b.match.length - a.match.length);
  const concerns: WordingConcern[] = [];
  let coveredUntil = -1;
  for (const concern of found) {
    const end = concern.index + concern.match.length;
    if (end <= coveredUntil) continue; // inside a longer match already reported
    concerns.push(concern);
    coveredUntil = Math.max(coveredUntil, end);
  }
  return concerns;
}
