import type { ProjectMapping } from '../sources/devlake-tables.ts';

/** DevLake's `project_mapping.table` values that put a scope in a project. */
export type ScopeTable = 'repos' | 'cicd_scopes' | 'boards';

/** The row ids a project maps for one kind of scope (its repos, its CI/CD scopes, its boards). */
export function projectScopeIds(mapping: readonly ProjectMapping[], project: string, table: ScopeTable | string): Set<string> {
  const ids = new Set<string>();
  for (const m of mapping) if (m.project_name === project && m.table === table) ids.add(m.row_id);
  return ids;
}

/** Every project name that appears in the mapping, sorted (for "unknown project" messages). */
export function projectNames(mapping: readonly ProjectMapping[]): string[] {
  return [...new Set(mapping.map((m) => m.project_name))].sort();
}

/** Code-unit order, as MySQL's binary collation sorts ids; a stable tie-break for ORDER BY. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** MySQL's ascending order for a nullable column: NULL first. */
export function compareNullsFirst(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return a - b;
}
