import { STOP_WORDS } from './stop-words.ts';
import { compareText } from './suppression.ts';

/** A recurring phrase of a person's (or a team's) feedback, and how distinctive it is. */
export interface Theme {
  phrase: string;
  /** How many responses use it. */
  responses: number;
  /** TF-IDF: responses using it, weighted by how rare it is across the organisation's people, and by its length in words. */
  score: number;
}

/** How many people of the organisation have the phrase in their feedback, out of how many. */
export interface PhraseFrequencies {
  people: number;
  byPhrase: ReadonlyMap<string, number>;
}

/**
 * The runs of content words of a text: lower-cased, split at anything that is not a letter, digit
 * or apostrophe, with stop-words, single letters and bare numbers removed. A removed word or a
 * punctuation mark ends a run, so a phrase never spans "the" or a comma.
 */
export function contentRuns(text: string): string[][] {
  const runs: string[][] = [];
  for (const clause of text.normalize('NFKC').toLowerCase().replaceAll('\u2019', "'").split(/[^\p{L}\p{N}'\s-]+/u)) {
    let run: string[] = [];
    for (const raw of clause.split(/[\s-]+/u)) {
      const word = raw.replace(/^'+|'+$/gu, '').replace(/'s$/u, '');
      if (word.length < 2 || STOP_WORDS.has(word) || /^\p{N}+$/u.test(word)) {
        if (run.length) runs.push(run);
        run = [];
      } else run.push(word);
    }
    if (run.length) runs.push(run);
  }
  return runs;
}

/** The distinct words and two-word phrases of one text. */
export function phrasesOf(text: string): Set<string> {
  const phrases = new Set<string>();
  for (const run of contentRuns(text)) {
    run.forEach((word, i) => {
      phrases.add(word);
      if (i > 0) phrases.add(`${run[i - 1]} ${word}`);
    });
  }
  return phrases;
}

/**
 * Document frequencies over the organisation, one document per person (all the responses they
 * received for one question): a phrase many people hear says little about any one of them.
 */
export function phraseFrequencies(people: Iterable<readonly string[]>): PhraseFrequencies {
  const byPhrase = new Map<string, number>();
  let count = 0;
  for (const texts of people) {
    count++;
    const seen = new Set<string>();
    for (const text of texts) for (const phrase of phrasesOf(text)) seen.add(phrase);
    for (const phrase of seen) byPhrase.set(phrase, (byPhrase.get(phrase) ?? 0) + 1);
  }
  return { people: count, byPhrase };
}

/**
 * The recurring phrases of some responses, most distinctive first. A phrase recurs when at least
 * `minResponses` responses use it (one response's turn of phrase is not a theme, and could point
 * to its author). Its score is tf x idf x words, with tf the number of responses using it, the
 * smoothed idf ln((1 + N) / (1 + df)) + 1 over the organisation's N people (as scikit-learn's
 * default), so a phrase everyone hears ranks below one particular to this person or team, and a
 * two-word phrase counting double: "incident command" says more than "incident" and "command".
 * A word is left out when a listed two-word phrase holding it recurs as often: it adds nothing.
 */
export function recurringPhrases(responses: readonly string[], organisation: PhraseFrequencies, options: { minResponses?: number; limit?: number } = {}): Theme[] {
  const minResponses = options.minResponses ?? 2;
  const counts = new Map<string, number>();
  for (const response of responses) for (const phrase of phrasesOf(response)) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  const idf = (phrase: string) => Math.log((1 + organisation.people) / (1 + (organisation.byPhrase.get(phrase) ?? 0))) + 1;
  const ranked = [...counts]
    .filter(([, n]) => n >= minResponses)
    .map(([phrase, n]) => ({ phrase, responses: n, score: n * idf(phrase) * phrase.split(' ').length }))
    .sort((x, y) => y.score - x.score || y.responses - x.responses || compareText(x.phrase, y.phrase));
  const pairs = ranked.filter((t) => t.phrase.includes(' '));
  const subsumed = (t: Theme) => !t.phrase.includes(' ') && pairs.some((p) => p.responses === t.responses && p.phrase.split(' ').includes(t.phrase));
  return ranked.filter((t) => !subsumed(t)).slice(0, options.limit ?? 10);
}
