import { policySchema, type Policy } from './policy.schema.ts';

/** One problem of a policy document, at the line where the offending field (or its parent) starts. */
export interface PolicyDocumentProblem {
  line: number;
  /** Dotted path inside the document (`olr.ovMatrix.5.3`), or `-` for the document as a whole. */
  path: string;
  reason: string;
}

/**
 * Parses and validates a policy written as JSON. Every schema problem is reported with the line
 * of the field it is about, so an administrator editing a 300-line file is sent to the right
 * place ("policy.json:88: olr.distribution.targets.1.minPercent: ...") rather than handed a path
 * to count through by hand.
 */
export function parsePolicyDocument(text: string): { ok: true; policy: Policy } | { ok: false; problems: PolicyDocumentProblem[] } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ line: syntaxErrorLine(text, error as Error), path: '-', reason: `not valid JSON: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const result = policySchema.safeParse(document);
  if (result.success) return { ok: true, policy: result.data };
  const lines = safeFieldLines(text);
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      return { line: lineOf(lines, path), path: path.length ? path.join('.') : '-', reason: issue.message };
    }),
  };
}

// The nearest field that exists: a missing cell is reported at the row that lacks it.
function lineOf(lines: Map<string, number>, path: string[]): number {
  for (let n = path.length; n > 0; n--) {
    const line = lines.get(path.slice(0, n).join('.'));
    if (line !== undefined) return line;
  }
  return 1;
}

function safeFieldLines(text: string): Map<string, number> {
  try {
    return fieldLines(text);
  } catch {
    return new Map(); // The document parsed, so this cannot happen; line 1 is the fallback.
  }
}

class ScanError extends Error {
  constructor(readonly line: number) {
    super(`JSON syntax error on line ${line}`);
  }
}

/**
 * The line each field starts on, by dotted path (array items by index). A small scanner rather
 * than JSON.parse because JSON.parse forgets positions; it also locates syntax errors, which
 * Node 20 reports without a position for some inputs.
 */
export function fieldLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const expect = (char: string) => {
    space();
    if (text[i] !== char) throw new ScanError(line);
    i++;
  };
  const string = (): string => {
    space();
    const start = i;
    if (text[i] !== '"') throw new ScanError(line);
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '\n') throw new ScanError(line);
    }
    if (i >= text.length) throw new ScanError(line);
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string) => {
    space();
    if (!lines.has(path)) lines.set(path, line);
    const child = (key: string) => (path ? `${path}.${key}` : key);
    const char = text[i];
    if (char === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        const keyLine = line;
        const key = string();
        lines.set(child(key), keyLine);
        expect(':');
        value(child(key));
        space();
        if (text[i] === '}') return void i++;
        expect(',');
      }
    }
    if (char === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (let index = 0; ; index++) {
        value(child(String(index)));
        space();
        if (text[i] === ']') return void i++;
        expect(',');
      }
    }
    if (char === '"') return void string();
    const literal = /^(?:true|false|null|-?\d[\d.eE+-]*)/u.exec(text.slice(i, i + 40));
    if (!literal) throw new ScanError(line);
    i += literal[0].length;
  };
  value('');
  space();
  if (i < text.length) throw new ScanError(line);
  return lines;
}

function syntaxErrorLine(text: string, error: Error): number {
  try {
    fieldLines(text);
  } catch (scan) {
    if (scan instanceof ScanError) return scan.line;
  }
  // The scanner is lenient about number formats; JSON.parse may still name a position.
  const position = /position (\d+)/u.exec(error.message);
  return position ? text.slice(0, Number(position[1])).split('\n').length : 1;
}
