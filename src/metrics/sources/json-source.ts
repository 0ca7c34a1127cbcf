import type { z } from 'zod';
import type { SourceProblem } from './source-problems.ts';

/**
 * JSON inputs with positions: a syntax error or a schema problem is reported at the line and
 * column of the value it is about, found by scanning the text (never a second parse into a
 * position-tracking tree, so a large export costs nothing extra when it is valid).
 */

/** Parses JSON; a syntax error is reported at its line and column. */
export function parseJsonText(text: string): { value: unknown } | { problems: SourceProblem[] } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const { line, column } = lineColumn(text, jsonSyntaxErrorAt(text));
    const message = (error as Error).message.replace(/, ".*" is not valid JSON$/su, '').replace(/ in JSON at position \d+.*$/su, '');
    return { problems: [{ line, column, reason: `not valid JSON: ${message}` }] };
  }
}

/** Validates parsed JSON with a zod schema; each issue is placed at the value it is about. */
export function validateJson<T>(text: string, value: unknown, schema: z.ZodType<T>): { value: T } | { problems: SourceProblem[] } {
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data };
  return {
    problems: result.error.issues.slice(0, 50).map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const { line, column } = lineColumn(text, locateJsonPath(text, path));
      return { line, column, reason: `${jsonPathText(path)}: ${issue.message}` };
    }),
  };
}

export function jsonPathText(path: readonly (string | number)[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_]\w*$/u.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * The character offset of the value at `path` in a JSON text (as deep as the path exists), found
 * by scanning, so a 100 MB export is never parsed a second time into a position-tracking tree.
 */
export function locateJsonPath(text: string, path: readonly (string | number)[]): number {
  let pos = skipSpace(text, 0);
  for (const step of path) {
    const open = text[pos];
    if (typeof step === 'number' && open === '[') {
      pos = skipSpace(text, pos + 1);
      for (let i = 0; i < step && text[pos] !== ']'; i++) pos = skipSpace(text, skipSpace(text, skipValue(text, pos)) + 1);
      if (text[pos] === ']') return pos;
    } else if (typeof step === 'string' && open === '{') {
      pos = skipSpace(text, pos + 1);
      let found = false;
      while (text[pos] === '"') {
        const keyEnd = skipValue(text, pos);
        const key = JSON.parse(text.slice(pos, keyEnd)) as string;
        const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
        if (key === step) {
          pos = valueStart;
          found = true;
          break;
        }
        pos = skipSpace(text, skipValue(text, valueStart));
        if (text[pos] === ',') pos = skipSpace(text, pos + 1);
      }
      if (!found) return pos;
    } else return pos;
  }
  return pos;
}

/**
 * The offset of the first syntax error in a text JSON.parse refused (V8's messages do not always
 * say where): a small recursive-descent check that stops where the grammar breaks.
 */
export function jsonSyntaxErrorAt(text: string): number {
  let pos = 0;
  const fail = (): never => {
    throw pos;
  };
  const space = () => (pos = skipSpace(text, pos));
  const literal = (word: string) => (text.startsWith(word, pos) ? (pos += word.length) : fail());
  const string = () => {
    pos++;
    while (pos < text.length && text[pos] !== '"') {
      if (text.charCodeAt(pos) < 0x20) fail();
      pos += text[pos] === '\\' ? 2 : 1;
    }
    if (pos >= text.length) fail();
    pos++;
  };
  const value = (): void => {
    space();
    const c = text[pos];
    if (c === '{') {
      pos++;
      space();
      if (text[pos] === '}') return void pos++;
      for (;;) {
        space();
        if (text[pos] !== '"') fail();
        string();
        space();
        if (text[pos] !== ':') fail();
        pos++;
        value();
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') return void pos++;
        else fail();
      }
    } else if (c === '[') {
      pos++;
      space();
      if (text[pos] === ']') return void pos++;
      for (;;) {
        value();
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') return void pos++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else {
      const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/u.exec(text.slice(pos, pos + 400));
      if (!number) fail();
      pos += number![0].length;
    }
  };
  try {
    value();
    space();
    return pos;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && /\s/u.test(text[pos]!)) pos++;
  return pos;
}

/** The offset just past the JSON value starting at `pos`. */
function skipValue(text: string, pos: number): number {
  const c = text[pos];
  if (c === '"') {
    for (let i = pos + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return text.length;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let i = pos; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') i = skipValue(text, i) - 1;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  let i = pos;
  while (i < text.length && !/[\s,\]}]/u.test(text[i]!)) i++;
  return i;
}
