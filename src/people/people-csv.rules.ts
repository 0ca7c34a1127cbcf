import { PERSON_STATUSES } from '../shared/schemas/people.ts';
import type { PersonStatus } from '../db/schema.ts';
import { fieldCountProblem, readCsv, type CsvProblem } from '../shared/csv-records.ts';

export const REQUIRED_COLUMNS = ['employee_id', 'name', 'email', 'manager_id', 'level', 'hire_date'] as const;
export const OPTIONAL_COLUMNS = ['title', 'team', 'location', 'job_function', 'status', 'time_zone'] as const;
export const ATTRIBUTE_PREFIX = 'attr_';

/** One validated row of an HRIS export. */
export interface PersonRow {
  line: number;
  employeeId: string;
  name: string;
  email: string;
  managerEmployeeId: string | null;
  level: string;
  hireDate: string;
  title: string | null;
  team: string | null;
  location: string | null;
  jobFunction: string | null;
  status: PersonStatus;
  timeZone: string | null;
  /** Demographic attributes by name without the prefix (`gender`), empty values left out. */
  attributes: Record<string, string>;
}

export interface ParsedPeopleCsv {
  rows: PersonRow[];
  /** Which optional columns the file has: absent ones leave stored values untouched. */
  columns: Set<string>;
  attributeNames: string[];
}

export type { CsvProblem };

export function formatCsvProblem(file: string, p: CsvProblem): string {
  return `${file}:${p.line}: column ${p.column}: ${p.reason}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const MAX_FIELD = 500;

/**
 * Parses and validates a whole people export. It never stops at the first problem: the
 * answer is either every row, or every problem in the file.
 */
export function parsePeopleCsv(
  bytes: Uint8Array,
  options: { knownLevels: ReadonlySet<string> },
): { ok: true; value: ParsedPeopleCsv } | { ok: false; problems: CsvProblem[] } {
  const read = readCsv(bytes);
  if (!read.ok) return read;
  const records = read.records;
  const header = records[0]?.cells.map((h) => h.trim().toLowerCase());
  if (!header) return { ok: false, problems: [{ line: 1, column: '-', reason: 'the file is empty: a header row is required' }] };

  const problems: CsvProblem[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  for (const column of missing) problems.push({ line: 1, column, reason: 'required column is missing from the header' });
  const seenHeaders = new Set<string>();
  header.forEach((h) => {
    if (seenHeaders.has(h)) problems.push({ line: 1, column: h, reason: 'column appears twice in the header' });
    seenHeaders.add(h);
  });
  if (problems.length) return { ok: false, problems };

  const index = new Map(header.map((h, i) => [h, i]));
  const attributeNames = header.filter((h) => h.startsWith(ATTRIBUTE_PREFIX) && h.length > ATTRIBUTE_PREFIX.length);
  const rows: PersonRow[] = [];
  const byEmployeeId = new Map<string, PersonRow>();
  const byEmail = new Map<string, PersonRow>();

  for (const { line, cells: record } of records.slice(1)) {
    const get = (column: string) => {
      const i = index.get(column);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const problem = (column: string, reason: string) => problems.push({ line, column, reason });
    const countProblem = fieldCountProblem({ line, cells: record }, header.length);
    if (countProblem) {
      problems.push(countProblem);
      continue;
    }
    for (const column of header) if (get(column).length > MAX_FIELD) problem(column, `is longer than ${MAX_FIELD} characters`);

    const employeeId = get('employee_id');
    const name = get('name');
    const email = get('email');
    const managerId = get('manager_id');
    const level = get('level');
    const hireDate = get('hire_date');
    const statusText = get('status').toLowerCase();
    const timeZone = get('time_zone');

    if (!employeeId) problem('employee_id', 'is empty');
    else if (byEmployeeId.has(employeeId)) {
      problem('employee_id', `${employeeId} appears again (first on line ${byEmployeeId.get(employeeId)!.line})`);
    }
    if (!name) problem('name', 'is empty');
    if (!email) problem('email', 'is empty');
    else if (!EMAIL.test(email)) problem('email', `${JSON.stringify(email)} is not an email address`);
    else if (byEmail.has(email.toLowerCase())) {
      problem('email', `${email} is a duplicate (first on line ${byEmail.get(email.toLowerCase())!.line})`);
    }
    if (managerId && managerId === employeeId) problem('manager_id', 'a person cannot be their own manager');
    if (!level) problem('level', 'is empty');
    else if (!options.knownLevels.has(level)) {
      problem('level', `${JSON.stringify(level)} is not a level on any career ladder (known: ${[...options.knownLevels].join(', ')})`);
    }
    if (!isIsoDate(hireDate)) problem('hire_date', `${JSON.stringify(hireDate)} is not a date in the form YYYY-MM-DD`);
    if (statusText && !(PERSON_STATUSES as readonly string[]).includes(statusText)) {
      problem('status', `${JSON.stringify(statusText)} is not one of ${PERSON_STATUSES.join(', ')}`);
    }
    if (timeZone && !isTimeZone(timeZone)) problem('time_zone', `${JSON.stringify(timeZone)} is not an IANA time zone`);

    const attributes: Record<string, string> = {};
    for (const column of attributeNames) {
      const value = get(column);
      if (value) attributes[column.slice(ATTRIBUTE_PREFIX.length)] = value;
    }
    const row: PersonRow = {
      line,
      employeeId,
      name,
      email,
      managerEmployeeId: managerId || null,
      level,
      hireDate,
      title: get('title') || null,
      team: get('team') || null,
      location: get('location') || null,
      jobFunction: get('job_function') || null,
      status: (statusText || 'active') as PersonStatus,
      timeZone: timeZone || null,
      attributes,
    };
    rows.push(row);
    if (employeeId && !byEmployeeId.has(employeeId)) byEmployeeId.set(employeeId, row);
    if (email && !byEmail.has(email.toLowerCase())) byEmail.set(email.toLowerCase(), row);
  }

  problems.push(...managerTreeProblems(rows, byEmployeeId));
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return {
    ok: true,
    value: { rows, columns: new Set(header), attributeNames: attributeNames.map((a) => a.slice(ATTRIBUTE_PREFIX.length)) },
  };
}

/** Every manager must be in the file, and following managers upward must reach a top. */
export function managerTreeProblems(rows: PersonRow[], byEmployeeId: Map<string, PersonRow>): CsvProblem[] {
  const problems: CsvProblem[] = [];
  for (const row of rows) {
    if (row.managerEmployeeId && row.managerEmployeeId !== row.employeeId && !byEmployeeId.has(row.managerEmployeeId)) {
      problems.push({ line: row.line, column: 'manager_id', reason: `manager ${row.managerEmployeeId} is not in the file` });
    }
  }
  // Colour walk: 0 unvisited, 1 on the current path, 2 known to reach a top.
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  for (const start of rows) {
    const path: PersonRow[] = [];
    let current: PersonRow | undefined = start;
    while (current && !state.has(current.employeeId)) {
      state.set(current.employeeId, 1);
      path.push(current);
      const next: PersonRow | undefined = current.managerEmployeeId ? byEmployeeId.get(current.managerEmployeeId) : undefined;
      current = next && next.employeeId !== current.employeeId ? next : undefined;
    }
    if (current && state.get(current.employeeId) === 1) {
      const cycle = path.slice(path.indexOf(current));
      const ids = cycle.map((r) => r.employeeId);
      for (const member of cycle) {
        if (reported.has(member.employeeId)) continue;
        reported.add(member.employeeId);
        problems.push({
          line: member.line,
          column: 'manager_id',
          reason: `manager cycle: ${[...ids, ids[0]].join(' -> ')}`,
        });
      }
    }
    for (const visited of path) state.set(visited.employeeId, 2);
  }
  return problems;
}

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const timeZoneCache = new Map<string, boolean>();
function isTimeZone(zone: string): boolean {
  let valid = timeZoneCache.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    timeZoneCache.set(zone, valid);
  }
  return valid;
}
