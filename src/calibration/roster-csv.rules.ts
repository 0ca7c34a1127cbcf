import { fieldCountProblem, readCsv, type CsvProblem } from '../shared/csv-records.ts';

export const ROSTER_REQUIRED_COLUMNS = ['employee_id', 'performance', 'potential'] as const;

/** One person of a calibration roster (CONTRACTS.md, `highbar calibrate`). */
export interface RosterRow {
  line: number;
  employeeId: string;
  performance: number;
  potential: number;
  level: string | null;
  managerId: string | null;
  /** The value of the --group-by column; null when the whole roster is one group. */
  group: string | null;
}

export interface RosterOptions {
  /** How many levels each scale has (values 1..n), from the policy. */
  performanceLevels: number;
  potentialLevels: number;
  groupBy: string | null;
}

const MAX_FIELD = 500;

/**
 * Parses and validates a roster against the policy's scales. Like the people import, it never
 * stops at the first problem: the answer is every row, or every problem in the file, each as
 * `LINE: column C: reason` so the CLI can print them all at once and write nothing.
 */
export function parseRosterCsv(bytes: Uint8Array, options: RosterOptions): { ok: true; rows: RosterRow[] } | { ok: false; problems: CsvProblem[] } {
  const read = readCsv(bytes);
  if (!read.ok) return read;
  const records = read.records;
  const header = records[0]?.cells.map((h) => h.trim().toLowerCase());
  if (!header) return { ok: false, problems: [{ line: 1, column: '-', reason: 'the file is empty: a header row is required' }] };

  const problems: CsvProblem[] = [];
  for (const column of ROSTER_REQUIRED_COLUMNS) if (!header.includes(column)) problems.push({ line: 1, column, reason: 'required column is missing from the header' });
  const groupBy = options.groupBy?.trim().toLowerCase() ?? null;
  if (groupBy !== null && !header.includes(groupBy)) problems.push({ line: 1, column: groupBy, reason: `the --group-by column is not in the header (columns: ${header.join(', ')})` });
  header.forEach((h, i) => {
    if (header.indexOf(h) !== i) problems.push({ line: 1, column: h, reason: 'column appears twice in the header' });
  });
  if (problems.length) return { ok: false, problems };
  if (records.length < 2) return { ok: false, problems: [{ line: 2, column: '-', reason: 'the roster has no people' }] };

  const index = new Map(header.map((h, i) => [h, i]));
  const rows: RosterRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, cells: record } of records.slice(1)) {
    const get = (column: string) => (record[index.get(column) ?? -1] ?? '').trim();
    const problem = (column: string, reason: string) => problems.push({ line, column, reason });
    const countProblem = fieldCountProblem({ line, cells: record }, header.length);
    if (countProblem) {
      problems.push(countProblem);
      continue;
    }
    for (const column of header) if (get(column).length > MAX_FIELD) problem(column, `is longer than ${MAX_FIELD} characters`);

    const employeeId = get('employee_id');
    if (!employeeId) problem('employee_id', 'is empty');
    else if (firstLine.has(employeeId)) problem('employee_id', `${employeeId} appears again (first on line ${firstLine.get(employeeId)})`);
    else firstLine.set(employeeId, line);
    const performance = scaleValue(get('performance'), options.performanceLevels, 'performance', problem);
    const potential = scaleValue(get('potential'), options.potentialLevels, 'potential', problem);
    rows.push({ line, employeeId, performance, potential, level: get('level') || null, managerId: get('manager_id') || null, group: groupBy === null ? null : get(groupBy) });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

// A rating is a whole number on the policy's scale: "4.0" or "high" are refused rather than
// guessed at, because a silently rounded rating is a silently changed career outcome.
function scaleValue(text: string, levels: number, column: string, problem: (column: string, reason: string) => void): number {
  if (!text) {
    problem(column, 'is empty');
    return 0;
  }
  if (!/^-?\d+$/u.test(text)) {
    problem(column, `${JSON.stringify(text)} is not a whole number (1 to ${levels})`);
    return 0;
  }
  const value = Number(text);
  if (value < 1 || value > levels) problem(column, `${text} is not a ${column} level (1 to ${levels})`);
  return value;
}
