import { findColumn, type CsvTable } from './csv-table.ts';
import { listValues, type Checked, type InputProblem } from './input-problem.ts';
import { compareText } from './suppression.ts';
import type { ManagerCount } from './manager-drift.ts';

export interface ManagerDriftRequest {
  outcome: string;
  favourable: string[];
  manager: string;
}

/**
 * Counts each manager's people and favourable outcomes. People with an empty manager cell (the top
 * of the tree) belong to no manager and are left out, and counted; an empty outcome is a problem.
 */
export function prepareManagerCounts(table: CsvTable, request: ManagerDriftRequest): Checked<{ counts: ManagerCount[]; withoutManager: number }> {
  const problems: InputProblem[] = [];
  const column = (name: string) => {
    const index = findColumn(table.header, name);
    if (index === null) problems.push({ line: 1, column: name, reason: `no such column in the header (columns: ${listValues(table.header)})` });
    return index;
  };
  const outcomeIndex = column(request.outcome);
  const managerIndex = column(request.manager);
  if (problems.length) return { ok: false, problems };
  if (outcomeIndex === managerIndex) {
    return { ok: false, problems: [{ line: null, column: '-', reason: 'The outcome and the manager must be different columns.' }] };
  }
  const outcomeName = table.header[outcomeIndex!]!;
  const favourable = new Set(request.favourable);
  const outcomes = new Set<string>();
  const byManager = new Map<string, ManagerCount>();
  let withoutManager = 0;
  for (const row of table.rows) {
    const outcome = row.cells[outcomeIndex!]!;
    const manager = row.cells[managerIndex!]!;
    if (outcome === '') {
      problems.push({ line: row.line, column: outcomeName, reason: 'is empty' });
      continue;
    }
    if (manager === '') {
      withoutManager++;
      continue;
    }
    // Only people with a manager make the organisation rate, so only they must vary.
    outcomes.add(outcome);
    let count = byManager.get(manager);
    if (!count) byManager.set(manager, (count = { manager, n: 0, favourable: 0 }));
    count.n++;
    if (favourable.has(outcome)) count.favourable++;
  }
  const values = [...outcomes].sort(compareText);
  const favouredValues = values.filter((v) => favourable.has(v));
  if (values.length === 1) {
    problems.push({ line: 1, column: outcomeName, reason: `has only one value (${JSON.stringify(values[0])}) among people with a manager; an outcome needs at least two` });
  } else if (values.length > 1 && favouredValues.length === 0) {
    problems.push({ line: 1, column: outcomeName, reason: `no row has a favourable value (${listValues(request.favourable)}); values found: ${listValues(values)}` });
  } else if (values.length > 1 && favouredValues.length === values.length) {
    problems.push({ line: 1, column: outcomeName, reason: 'everyone with a manager has a favourable value, so the outcome does not vary' });
  }
  if (!problems.length && byManager.size < 2) {
    problems.push({ line: null, column: '-', reason: `The file has ${byManager.size} manager${byManager.size === 1 ? '' : 's'}; drift compares at least two with the organisation.` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { counts: [...byManager.values()], withoutManager } };
}
