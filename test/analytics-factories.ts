import type { CsvTable } from '../src/analytics/csv-table.ts';

/** So many people of a group in a stratum, so many of them favourable. */
export interface CountSpec {
  group: string;
  stratum?: string;
  favourable: number;
  unfavourable: number;
}

/**
 * A table with columns group, level, outcome ('yes' favourable, 'no' not) built from counts, as
 * an HR export would list the same people one per row.
 */
export function buildCountsTable(specs: readonly CountSpec[]): CsvTable {
  const rows: CsvTable['rows'] = [];
  for (const spec of specs) {
    for (let i = 0; i < spec.favourable + spec.unfavourable; i++) {
      rows.push({ line: rows.length + 2, cells: [spec.group, spec.stratum ?? 'all', i < spec.favourable ? 'yes' : 'no'] });
    }
  }
  return { header: ['group', 'level', 'outcome'], rows };
}

/** Every number anywhere in a value, with its path, for "no NaN leaks into JSON" checks. */
export function numbersIn(value: unknown, path = '$'): { path: string; value: number }[] {
  if (typeof value === 'number') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${path}.${k}`));
  return [];
}
