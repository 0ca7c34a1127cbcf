import { parse } from 'csv-parse/sync';
import { decodeUtf8Strict } from '../../people/csv-decode.rules.ts';
import { lineBreaksWithin } from '../../people/people-csv.rules.ts';

/**
 * Where an input file is wrong, for a message a person can act on: `FILE:LINE:COLUMN: reason`.
 * CSV problems name the column by its header (`column result`), JSON problems by the character
 * position and the path of the value (`$[3].created_at`).
 */
export interface SourceProblem {
  line: number;
  column: string | number;
  reason: string;
}

export function formatProblem(file: string, p: SourceProblem): string {
  return typeof p.column === 'number' ? `${file}:${p.line}:${p.column}: ${p.reason}` : `${file}:${p.line}: column ${p.column}: ${p.reason}`;
}

/** Thrown by a parser with every problem it found; nothing of the file is used. */
export class SourceError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface CsvRecord {
  line: number;
  /** Cells by lower-cased, trimmed header name. */
  cells: Map<string, string>;
}

/** Strict UTF-8, a header row, one record per row with the line it starts on. */
export function readCsvRecords(bytes: Uint8Array): { header: string[]; records: CsvRecord[] } | { problems: SourceProblem[] } {
  const decoded = decodeUtf8Strict(bytes);
  if ('problems' in decoded) {
    return { problems: decoded.problems.map((p) => ({ line: p.line, column: `#${p.fieldIndex}`, reason: `invalid UTF-8 byte 0x${p.byte.toString(16).toUpperCase().padStart(2, '0')} (save the file as UTF-8)` })) };
  }
  let rows: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    rows = parse(decoded.text, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as never;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { problems: [{ line: e.lines ?? 1, column: '-', reason: `not valid CSV: ${e.message}` }] };
  }
  const header = (rows[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const problems: SourceProblem[] = [];
  const records: CsvRecord[] = [];
  for (const { record, raw, info } of rows.slice(1)) {
    const line = info.lines - lineBreaksWithin(raw);
    if (record.length !== header.length) {
      problems.push({ line, column: '-', reason: `has ${record.length} fields but the header has ${header.length}` });
      continue;
    }
    records.push({ line, cells: new Map(header.map((h, i) => [h, record[i]!.trim()])) });
  }
  return problems.length ? { problems } : { header, records };
}

/** Problems for required columns absent from a header. */
export function missingColumns(header: readonly string[], required: readonly string[], what: string): SourceProblem[] {
  return required.filter((c) => !header.includes(c)).map((c) => ({ line: 1, column: c, reason: `required column of ${what} is missing from the header` }));
}
