import { fieldCountProblem, readCsv, type CsvProblem } from '../shared/csv-records.ts';

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
  const read = readCsv(bytes);
  if (!read.ok) return read;
  const records = read.records;
  const first = records[0];
  if (!first) return { ok: false, problems: [{ line: 1, column: '-', reason: 'the file is empty: a header row is required' }] };
  const header = first.cells.map((h) => h.trim());
  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!name) problems.push({ line: 1, column: `#${i + 1}`, reason: 'the header cell is empty' });
    else if (seen.has(name)) problems.push({ line: 1, column: name, reason: 'column appears twice in the header' });
    seen.add(name);
  });
  const rows: CsvTable['rows'] = [];
  for (const record of records.slice(1)) {
    const countProblem = fieldCountProblem(record, header.length);
    if (countProblem) {
      problems.push(countProblem);
      continue;
    }
    rows.push({ line: record.line, cells: record.cells.map((cell) => cell.trim()) });
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

