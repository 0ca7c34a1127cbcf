/**
 * Word counting shared by the browser (the live counter beside a feedback box) and the server
 * (the 60-word rule), so the two cannot disagree. Pure, and only standard ECMAScript `Intl`: no
 * Node APIs.
 *
 * What counts as a word: a segment that `Intl.Segmenter` (Unicode UAX #29 word boundaries,
 * locale pinned to `en` so the user's browser language cannot change a count) marks `isWordLike`,
 * with these decisions on top:
 * - Apostrophes stay inside words: "don't", "don’t", "O'Brien" are one word each (UAX #29).
 * - Numbers are one word with their separators: "3.5", "1,000", "v2.3.1"; "10%" is one word
 *   (the sign is not). Dotted abbreviations ("U.S.A.") are one word.
 * - Hyphenated compounds are one word, as in word processors: "well-known",
 *   "state-of-the-art", "2024-2025" (hyphen-minus, U+2010 or U+2011 directly between two words).
 *   Dashes and slashes separate: "3–5", "and/or", "x — y" are two words. Hyphenating a whole
 *   sentence does shrink its count; the limit is a nudge towards brevity read by people, not a
 *   security boundary.
 * - A URL (starting `http://`, `https://` or `www.`) or an email address is one word, up to the
 *   next whitespace, however many words the Segmenter would find inside it.
 * - Emoji are not words: "👍", "🇫🇷", and keycaps such as "1️⃣" (which UAX #29 would count as a
 *   number) count zero. Other symbols and punctuation count zero too.
 * - CJK and Thai text, written without spaces, is split by the Segmenter's dictionaries:
 *   "我们今天去公园" is 4 words ("我们", "今天", "去", "公园"). Dictionaries can differ slightly
 *   between ICU versions (browser versus server), so for such text the browser's count is a close
 *   hint and the server's count decides. For space-separated scripts the rules are identical.
 */

type Span = { start: number; end: number };

// Hyphen-minus, hyphen and non-breaking hyphen join compounds; en and em dashes do not.
const JOINING_HYPHENS = new Set(['-', '\u2010', '\u2011']);

// A URL or email address runs from whitespace (or an opening bracket or quote) to the next whitespace.
const LINK = /(?<![^\s([{<"'“‘«])(?:(?:https?:\/\/|www\.)\S+|[^\s@]+@[^\s@]+\.[^\s@]+)/giu;
// Sentence punctuation right after a link belongs to the sentence, not the link.
const LINK_TRAILER = /[.,;:!?)\]}'"’”»]+$/u;
// A digit followed by an emoji presentation selector and/or the keycap mark is the emoji 1️⃣.
const KEYCAP = /\p{N}\uFE0F?\u20E3/gu;

let cachedSegmenter: Intl.Segmenter | undefined;

// Created on first use so that merely importing this module never fails.
function getSegmenter(): Intl.Segmenter {
  cachedSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  return cachedSegmenter;
}

function findLinks(text: string): Span[] {
  const links: Span[] = [];
  for (const match of text.matchAll(LINK)) {
    const trailer = LINK_TRAILER.exec(match[0]);
    const start = match.index;
    links.push({ start, end: start + match[0].length - (trailer ? trailer[0].length : 0) });
  }
  return links;
}

function isCountable(segment: string): boolean {
  return /[\p{L}\p{N}]/u.test(segment.replace(KEYCAP, ''));
}

/** The words of `text` as UTF-16 offsets, in order, following the rules in this module's comment. */
function findWordSpans(text: string): Span[] {
  const links = findLinks(text);
  const words: Span[] = [];
  let linkIndex = 0;
  let lastLinkUsed = -1;
  for (const { segment, index: start, isWordLike } of getSegmenter().segment(text)) {
    if (!isWordLike || !isCountable(segment)) continue;
    const end = start + segment.length;
    while (linkIndex < links.length && (links[linkIndex]?.end ?? 0) <= start) linkIndex += 1;
    const link = links[linkIndex];
    const last = words.at(-1);
    if (link && link.start <= start) {
      // Every word inside one link is the same single word.
      if (lastLinkUsed === linkIndex && last) last.end = Math.max(last.end, end);
      else words.push({ start: link.start, end: Math.max(link.end, end) });
      lastLinkUsed = linkIndex;
    } else if (last && start === last.end + 1 && JOINING_HYPHENS.has(text.charAt(last.end))) {
      last.end = end;
    } else {
      words.push({ start, end });
    }
  }
  return words;
}

// A save checks each answer against the limit and then reports its count back; the live counter
// recounts unchanged boxes on every keystroke. Remembering the last few texts makes the repeats free.
const recentCounts = new Map<string, number>();
const RECENT_LIMIT = 256;

/** How many words `text` has; the one count used by the 60-word rule in browser and server. */
export function countWords(text: string): number {
  let count = recentCounts.get(text);
  if (count === undefined) {
    count = findWordSpans(text).length;
    if (recentCounts.size >= RECENT_LIMIT) recentCounts.clear();
    recentCounts.set(text, count);
  }
  return count;
}

/**
 * The beginning of `text` up to the end of its `limit`-th word (for "this is where 60 words end"
 * hints); `text` unchanged when it has no more than `limit` words, '' for a limit below 1.
 */
export function truncateToWords(text: string, limit: number): string {
  const wanted = Math.floor(limit);
  if (!(wanted >= 1)) return '';
  const words = findWordSpans(text);
  const lastKept = words[wanted - 1];
  return words.length <= wanted || !lastKept ? text : text.slice(0, lastKept.end);
}
