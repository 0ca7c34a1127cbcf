import { parse } from 'csv-parse/sync';
import { decodeUtf8Strict } from '../people/csv-decode.rules.ts';
import type { CsvProblem } from '../people/people-csv.rules.ts';

/** A CSV file as header and rows of trimmed cells, each row knowing the line it starts on. */
export interface CsvTable {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * Reads any CSV file for analysis. Like the people import it never stops at the first problem:
 * the answer is the table, or every encoding, syntax, header and field-count problem found.
 */
export function parseCsvTable(bytes: Uint8Array): { ok: true; table: CsvTable } | { ok: false; problems: CsvProblem[] } {
  const decoded = decodeUtf8Strict(bytes);
  if ('problems' in decoded) {
    return {
      ok: false,
      problems: decoded.problems.map((p) => ({
        line: p.line,
        column: `#${p.fieldIndex}`,
        reason: `invalid UTF-8 byte 0x${p.byte.toString(16).toUpperCase().padStart(2, '0')} (save the file as UTF-8)`,
      })),
    };
  }
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(decoded.text, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as never;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { ok: false, problems: [{ line: e.lines ?? 1, column: '-', reason: `not valid CSV: ${e.message}` }] };
  }
  const first = records[0];
  if (!first) return { ok: false, problems: [{ line: 1, column: '-', reason: 'the file is empty: a header row is required' }] };
  const header = first.record.map((h) => h.trim());
  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!name) problems.push({ line: 1, column: `#${i + 1}`, reason: 'the header cell is empty' });
    else if (seen.has(name)) problems.push({ line: 1, column: name, reason: 'column appears twice in the header' });
    seen.add(name);
  });
  const rows: CsvTable['rows'] = [];
  for (const { record, raw, info } of records.slice(1)) {
    // Report a record where it starts: the parser counts lines to its end.
    const line = info.lines - lineBreaksWithin(raw);
    if (record.length !== header.length) {
      problems.push({ line, column: '-', reason: `has ${record.length} fields but the header has ${header.length}` });
      continue;
    }
    rows.push({ line, cells: record.map((cell) => cell.trim()) });
  }
  return problems.length ? { ok: false, problems } : { ok: true, table: { header, rows } };
}

/**
 * The index of a column named on the command line. An exact match wins; otherwise a unique
 * case-insensitive match, since HR exports mix `JobLevel` and `joblevel` freely.
 */
export function findColumn(header: readonly string[], name: string): number | null {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const folded = header.flatMap((h, i) => (h.toLowerCase() === name.toLowerCase() ? [i] : []));
  return folded.length === 1 ? folded[0]! : null;
}

function lineBreaksWithin(raw: string): number {
  // Skipped blank lines before the record arrive in its raw text too.
  const body = raw.replace(/^(\r\n|\r|\n)+/u, '').replace(/(\r\n|\r|\n)$/u, '');
  return body.match(/\r\n|\r|\n/gu)?.length ?? 0;
}
