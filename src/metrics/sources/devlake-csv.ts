import { fieldCountProblem, readCsv, type CsvProblem } from '../../shared/csv-records.ts';
import { parseTimestamp } from '../timestamps.rules.ts';
import type { ColumnSpec, TableSpec } from './devlake-tables.ts';

export type Cell = string | number | null;
export type CsvRow = Record<string, Cell>;

/**
 * Parses one DevLake domain table exported as CSV. Like the people import it never stops at
 * the first problem: the answer is every row, or every problem (`FILE:LINE: column C: reason`
 * once the caller adds the file name).
 */
export function parseDevLakeCsv(bytes: Uint8Array, spec: TableSpec): { ok: true; rows: CsvRow[] } | { ok: false; problems: CsvProblem[] } {
  const read = readCsv(bytes);
  if (!read.ok) return read;
  const records = read.records;
  // An empty file is an empty table, as a missing one is.
  const header = records[0]?.cells.map((h) => h.trim().toLowerCase());
  if (!header) return { ok: true, rows: [] };

  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name) && spec.columns.some((c) => c.name === name)) problems.push({ line: 1, column: name, reason: 'column appears twice in the header' });
    seen.add(name);
  }
  for (const column of spec.columns) {
    if (column.required && !seen.has(column.name)) problems.push({ line: 1, column: column.name, reason: `required column of ${spec.name} is missing from the header` });
  }
  if (problems.length) return { ok: false, problems };

  const index = new Map(header.map((h, i) => [h, i] as const).reverse());
  const rows: CsvRow[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const { line, cells: record } of records.slice(1)) {
    const countProblem = fieldCountProblem({ line, cells: record }, header.length);
    if (countProblem) {
      problems.push(countProblem);
      continue;
    }
    const row: CsvRow = {};
    for (const column of spec.columns) {
      const i = index.get(column.name);
      const decodedCell = decodeCell(column, i === undefined ? null : (record[i] ?? ''));
      if ('problem' in decodedCell) problems.push({ line, column: column.name, reason: decodedCell.problem });
      else row[column.name] = decodedCell.value;
    }
    const rowKey = JSON.stringify(spec.primaryKey.map((c) => row[c] ?? null));
    const first = firstLineOfKey.get(rowKey);
    if (first !== undefined) {
      problems.push({ line, column: spec.primaryKey.join('+'), reason: `primary key ${rowKey} repeats line ${first}` });
    } else firstLineOfKey.set(rowKey, line);
    rows.push(row);
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/** One cell of a known column; `text` null means the column is absent from the file. */
function decodeCell(column: ColumnSpec, text: string | null): { value: Cell } | { problem: string } {
  if (text === null) return { value: column.type === 'key' ? '' : null };
  if (column.type === 'key') return { value: text };
  if (text === '') return { value: null };
  switch (column.type) {
    case 'timestamp': {
      const ms = parseTimestamp(text);
      return ms === null
        ? { problem: `${JSON.stringify(text)} is not a timestamp (use YYYY-MM-DD HH:MM:SS or ISO 8601, UTC unless an offset is given)` }
        : { value: ms };
    }
    case 'number': {
      const value = Number(text.trim());
      return text.trim() === '' || !Number.isFinite(value) ? { problem: `${JSON.stringify(text)} is not a number` } : { value };
    }
    case 'text':
      if (column.values && !column.values.includes(text)) {
        return { problem: `${JSON.stringify(text)} is not one of ${column.values.join(', ')} (or empty)` };
      }
      return { value: text };
  }
}

