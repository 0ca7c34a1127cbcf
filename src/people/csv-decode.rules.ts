/** A byte that is not valid UTF-8, located by line and byte offset within the line. */
export interface EncodingProblem {
  line: number;
  byteInLine: number;
  byte: number;
  /** The 1-based field index on that line where the byte sits (commas before it, plus one). */
  fieldIndex: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8 strictly. On failure it walks the lines to name every bad byte, because an
 * HRIS export saved as Latin-1 should be reported where it breaks, not as "invalid file".
 */
export function decodeUtf8Strict(bytes: Uint8Array): { text: string } | { problems: EncodingProblem[] } {
  try {
    const text = decoder.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { problems: findInvalidUtf8(bytes) };
  }
}

function findInvalidUtf8(bytes: Uint8Array): EncodingProblem[] {
  const problems: EncodingProblem[] = [];
  let line = 1;
  let lineStart = 0;
  let commas = 0;
  let quoted = false;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    // CR, LF and CRLF each end a line, as the CSV parser counts them.
    if (b === 0x0a || b === 0x0d) {
      i += b === 0x0d && bytes[i + 1] === 0x0a ? 2 : 1;
      line++;
      lineStart = i;
      if (!quoted) commas = 0;
      continue;
    }
    if (b === 0x22) quoted = !quoted;
    // A comma inside quotes ("Müller, Zoë") does not start a new field.
    if (b === 0x2c && !quoted) commas++;
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      problems.push({ line, byteInLine: i - lineStart + 1, byte: b, fieldIndex: commas + 1 });
      i++;
    } else {
      i += length;
    }
  }
  return problems;
}

// Length of the valid UTF-8 sequence starting at i, or 0 when the byte there starts none.
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number) => {
    const c = bytes[i + k];
    return c !== undefined && (c & 0xc0) === 0x80;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const c1 = bytes[i + 1] ?? 0;
    if (b === 0xe0 && c1 < 0xa0) return 0;
    if (b === 0xed && c1 > 0x9f) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const c1 = bytes[i + 1] ?? 0;
    if (b === 0xf0 && c1 < 0x90) return 0;
    if (b === 0xf4 && c1 > 0x8f) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}
