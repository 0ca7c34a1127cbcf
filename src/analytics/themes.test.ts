import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentRuns, phraseFrequencies, phrasesOf, recurringPhrases } from './themes.ts';

describe('contentRuns', () => {
  it('lower-cases, drops stop-words and breaks phrases at them and at punctuation', () => {
    expect(contentRuns('Calm, clear incident command. Writes the design down early!')).toEqual([['calm'], ['clear', 'incident', 'command'], ['writes'], ['design'], ['early']]);
  });

  it("keeps apostrophes inside words, drops possessive 's, numbers and single letters", () => {
    expect(contentRuns("Ada's on-call rota: 3 pages a week, doesn't escalate")).toEqual([['ada'], ['call', 'rota'], ['pages'], ['week'], ['escalate']]);
  });

  it('treats typographic apostrophes like straight ones', () => {
    expect(contentRuns('She’s the team’s anchor')).toEqual([['team', 'anchor']]);
  });

  it('reads letters of any script', () => {
    expect(contentRuns('Très bonne revue de conception')).toEqual([['très', 'bonne', 'revue', 'de', 'conception']]);
  });
});

describe('phrasesOf', () => {
  it('lists each word and each adjacent pair once', () => {
    expect([...phrasesOf('incident command, incident command')].sort()).toEqual(['command', 'incident', 'incident command']);
  });
});

describe('recurringPhrases', () => {
  // Four people's feedback: everyone hears "great", only the subject hears "incident command".
  const organisation = phraseFrequencies([
    ['Great incident command.', 'Great incident command under pressure.'],
    ['Great design reviews.'],
    ['Great mentoring.'],
    ['Great code reviews.'],
  ]);

  it('scores responses x smoothed idf against the organisation x words', () => {
    const themes = recurringPhrases(['Great incident command.', 'Great incident command under pressure.'], organisation);
    // idf = ln((1 + 4) / (1 + df)) + 1: df 1 for the subject's own phrases, 4 for "great".
    // "great", "incident" and "command" recur exactly as often as the pairs holding them.
    const rare = Math.log(5 / 2) + 1;
    expect(themes).toEqual([
      { phrase: 'great incident', responses: 2, score: 2 * rare * 2 },
      { phrase: 'incident command', responses: 2, score: 2 * rare * 2 },
    ]);
  });

  it('leaves out a word whose two-word phrase recurs as often, and phrases used by one response only', () => {
    const themes = recurringPhrases(['Great incident command.', 'Great incident command under pressure.'], organisation);
    expect(themes.map((t) => t.phrase)).not.toContain('incident');
    expect(themes.map((t) => t.phrase)).not.toContain('pressure');
  });

  it('ranks a phrase everyone hears below one particular to the subject', () => {
    const org = phraseFrequencies([['clear docs', 'clear docs'], ['clear'], ['clear'], ['clear']]);
    // "clear" recurs more often (3 against 2) yet ranks lower: idf 1 against ln(5/2) + 1, one word against two.
    const themes = recurringPhrases(['clear docs', 'clear docs', 'clear'], org);
    expect(themes).toEqual([
      { phrase: 'clear docs', responses: 2, score: 2 * (Math.log(5 / 2) + 1) * 2 },
      { phrase: 'clear', responses: 3, score: 3 },
    ]);
  });

  it('never lists more than the limit, nor a phrase used by fewer responses than asked', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-e ]{0,30}$/u), { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), (responses, minResponses, limit) => {
        const themes = recurringPhrases(responses, phraseFrequencies([responses]), { minResponses, limit });
        expect(themes.length).toBeLessThanOrEqual(limit);
        for (const t of themes) {
          expect(t.responses).toBeGreaterThanOrEqual(minResponses);
          expect(responses.filter((r) => phrasesOf(r).has(t.phrase)).length).toBe(t.responses);
        }
      }),
    );
  });
});
