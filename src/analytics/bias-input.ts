import { findColumn, type CsvTable } from './csv-table.ts';
import { compareText } from './suppression.ts';
import { listValues, type Checked, type InputProblem } from './input-problem.ts';

/** What the user asked to audit, as named on the command line. */
export interface BiasAuditRequest {
  outcome: string;
  favourable: string[];
  group: string;
  controls: string[];
  minGroup: number;
  /** Lowest to highest; without it, numeric outcomes are ordered by value. */
  grades?: string[];
}

/** One person, reduced to what the audit needs. */
export interface AuditRecord {
  group: string;
  favourable: boolean;
  /** The combination of control values; one stratum for everybody when there are no controls. */
  stratum: string;
  /** The outcome value as written, for the ordinal view. */
  outcome: string;
}

export interface OrdinalScale {
  grades: string[];
  /** The score of each grade in the mean-score test: numeric values as they are, else ranks 1..J. */
  scores: number[];
}

export interface PreparedBiasAudit {
  outcome: string;
  favourable: string[];
  group: string;
  controls: string[];
  records: AuditRecord[];
  ordinal: OrdinalScale | null;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/u;

/**
 * Turns a CSV table into audit records, or every reason it cannot be audited: a missing column, an
 * empty cell, an outcome or group with one value, a control with one stratum, too few rows.
 */
export function prepareBiasAudit(table: CsvTable, request: BiasAuditRequest): Checked<PreparedBiasAudit> {
  const problems: InputProblem[] = [];
  const column = (name: string) => {
    const index = findColumn(table.header, name);
    if (index === null) problems.push({ line: 1, column: name, reason: `no such column in the header (columns: ${listValues(table.header)})` });
    return index;
  };
  const outcomeIndex = column(request.outcome);
  const groupIndex = column(request.group);
  const controlIndexes = request.controls.map(column);
  if (problems.length) return { ok: false, problems };
  const named = [outcomeIndex!, groupIndex!, ...(controlIndexes as number[])];
  const names = named.map((i) => table.header[i]!);
  if (new Set(named).size !== named.length) {
    return { ok: false, problems: [{ line: null, column: '-', reason: 'The outcome, the group and each control must be different columns.' }] };
  }
  if (table.rows.length < request.minGroup) {
    return {
      ok: false,
      problems: [{ line: null, column: '-', reason: `The file has ${table.rows.length} data rows, fewer than the minimum group size ${request.minGroup}: nothing can be shown.` }],
    };
  }

  const favourable = new Set(request.favourable);
  const gradeIndex = request.grades ? new Map(request.grades.map((g, i) => [g, i])) : null;
  const distinct = named.map(() => new Set<string>());
  const records: AuditRecord[] = [];
  for (const row of table.rows) {
    const cells = named.map((i) => row.cells[i]!);
    let complete = true;
    cells.forEach((cell, k) => {
      if (cell === '') {
        complete = false;
        problems.push({ line: row.line, column: names[k]!, reason: 'is empty' });
      } else distinct[k]!.add(cell);
    });
    const outcome = cells[0]!;
    if (gradeIndex && outcome !== '' && !gradeIndex.has(outcome)) {
      complete = false;
      problems.push({ line: row.line, column: names[0]!, reason: `${JSON.stringify(outcome)} is not one of the grades given by --grades` });
    }
    if (!complete) continue;
    records.push({
      group: cells[1]!,
      favourable: favourable.has(outcome),
      stratum: cells.length > 2 ? JSON.stringify(cells.slice(2)) : '',
      outcome,
    });
  }
  problems.push(...variationProblems(names, distinct, request));
  if (problems.length) return { ok: false, problems };

  const ordinal = ordinalScale([...distinct[0]!], request.grades);
  return { ok: true, value: { outcome: names[0]!, favourable: request.favourable, group: names[1]!, controls: names.slice(2), records, ordinal } };
}

function variationProblems(names: string[], distinct: Set<string>[], request: BiasAuditRequest): InputProblem[] {
  const problems: InputProblem[] = [];
  const single = (k: number, what: string) => {
    const values = [...distinct[k]!];
    if (values.length === 1) {
      problems.push({ line: 1, column: names[k]!, reason: `has only one value (${JSON.stringify(values[0])}); ${what} needs at least two` });
    }
  };
  single(0, 'an outcome');
  single(1, 'a group');
  names.slice(2).forEach((_, k) => single(k + 2, 'a control'));
  const outcomes = [...distinct[0]!];
  if (outcomes.length > 1) {
    const favourable = outcomes.filter((v) => request.favourable.includes(v));
    if (favourable.length === 0) {
      problems.push({ line: 1, column: names[0]!, reason: `no row has a favourable value (${listValues(request.favourable)}); values found: ${listValues(outcomes.sort(compareText))}` });
    } else if (favourable.length === outcomes.length) {
      problems.push({ line: 1, column: names[0]!, reason: 'every row has a favourable value, so the outcome does not vary' });
    }
  }
  return problems;
}

/** The ordered grades of an outcome with more than two values, or null when no order is known. */
export function ordinalScale(values: readonly string[], grades?: readonly string[]): OrdinalScale | null {
  if (grades) {
    if (grades.length < 3) return null;
    return { grades: [...grades], scores: grades.map((_, i) => i + 1) };
  }
  if (values.length < 3 || !values.every((v) => NUMBER.test(v))) return null;
  const sorted = [...values].sort((x, y) => Number(x) - Number(y) || compareText(x, y));
  // "4" and "4.0" are one grade to a reader but two values here; refuse to guess an order.
  if (new Set(sorted.map(Number)).size !== sorted.length) return null;
  return { grades: sorted, scores: sorted.map(Number) };
}
