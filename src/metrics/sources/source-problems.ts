import { fieldCountProblem, readCsv } from '../../shared/csv-records.ts';

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
  const read = readCsv(bytes);
  if (!read.ok) return { problems: read.problems };
  const header = (read.records[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  const problems: SourceProblem[] = [];
  const records: CsvRecord[] = [];
  for (const record of read.records.slice(1)) {
    const countProblem = fieldCountProblem(record, header.length);
    if (countProblem) problems.push(countProblem);
    else records.push({ line: record.line, cells: new Map(header.map((h, i) => [h, record.cells[i]!.trim()])) });
  }
  return problems.length ? { problems } : { header, records };
}

/** Problems for required columns absent from a header. */
export function missingColumns(header: readonly string[], required: readonly string[], what: string): SourceProblem[] {
  return required.filter((c) => !header.includes(c)).map((c) => ({ line: 1, column: c, reason: `required column of ${what} is missing from the header` }));
}
