import { parse } from 'csv-parse/sync';
import { decodeUtf8Strict } from '../people/csv-decode.rules.ts';

/** One problem in an uploaded file, printed as `FILE:LINE: column C: reason`. */
export interface CsvProblem {
  line: number;
  column: string;
  reason: string;
}

/** A record's cells as written (untrimmed), with the line the record starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * The first step of every CSV reader: strict UTF-8 (every bad byte located), RFC 4180 parsing,
 * blank lines skipped, a byte-order mark dropped. The header is `records[0]`, if any; checking
 * it, and the field counts, is the caller's business since readers differ in what they allow.
 */
export function readCsv(bytes: Uint8Array): { ok: true; records: CsvRecord[] } | { ok: false; problems: CsvProblem[] } {
  const decoded = decodeUtf8Strict(bytes);
  if ('problems' in decoded) {
    return {
      ok: false,
      problems: decoded.problems.map((p) => ({
        line: p.line,
        column: `#${p.fieldIndex}`,
        reason: `invalid UTF-8 byte 0x${p.byte.toString(16).toUpperCase().padStart(2, '0')} at byte ${p.byteInLine} of the line (save the file as UTF-8)`,
      })),
    };
  }
  let parsed: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    parsed = parse(decoded.text, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as never;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { ok: false, problems: [{ line: e.lines ?? 1, column: '-', reason: `not valid CSV: ${e.message}` }] };
  }
  // The parser counts lines to a record's end; people want to be sent to where it starts.
  return { ok: true, records: parsed.map(({ record, raw, info }) => ({ line: info.lines - lineBreaksWithin(raw), cells: record })) };
}

/** The problem for a record whose field count differs from the header's, or null. */
export function fieldCountProblem(record: CsvRecord, headerLength: number): CsvProblem | null {
  return record.cells.length === headerLength ? null : { line: record.line, column: '-', reason: `has ${record.cells.length} fields but the header has ${headerLength}` };
}

function lineBreaksWithin(raw: string): number {
  // Skipped blank lines before the record arrive in its raw text too.
  const body = raw.replace(/^(\r\n|\r|\n)+/u, '').replace(/(\r\n|\r|\n)$/u, '');
  return body.match(/\r\n|\r|\n/gu)?.length ?? 0;
}
