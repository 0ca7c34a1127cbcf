import fs from 'node:fs';
import path from 'node:path';
import { formatCsvProblem } from '../../people/people-csv.rules.ts';
import { parseDevLakeCsv } from './devlake-csv.ts';
import { emptyTables, TABLE_NAMES, tableSpec, type DevLakeTables, type TableName } from './devlake-tables.ts';

export interface LoadedFolder {
  tables: DevLakeTables;
  /** Tables that had a file; a derived table present here is used as it is. */
  present: Set<TableName>;
}

/**
 * Reads a folder of DevLake domain tables (`NAME.csv`). A missing file is an empty table;
 * every problem in every file is returned, each as `FILE:LINE: column C: reason`.
 */
export function loadDevLakeFolder(dir: string): { ok: true; value: LoadedFolder } | { ok: false; problems: string[] } {
  if (!isDirectory(dir)) return { ok: false, problems: [`${dir}: not a folder`] };
  const tables = emptyTables();
  const present = new Set<TableName>();
  const problems: string[] = [];
  for (const name of TABLE_NAMES) {
    const file = path.join(dir, `${name}.csv`);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push(`${file}: cannot read: ${(error as Error).message}`);
      continue;
    }
    present.add(name);
    const parsed = parseDevLakeCsv(bytes, tableSpec(name));
    if (parsed.ok) (tables as unknown as Record<TableName, unknown[]>)[name] = parsed.rows;
    else problems.push(...parsed.problems.map((p) => formatCsvProblem(file, p)));
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { tables, present } };
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
