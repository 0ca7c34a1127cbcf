import { formatTimestamp } from '../timestamps.rules.ts';
import { spreadsheetSafe } from '../../shared/csv-cells.ts';
import type { DerivedTableName } from './derive.ts';

type Kind = 'text' | 'timestamp' | 'number';
interface OutputColumn {
  name: string;
  kind: Kind;
}

const t = (name: string): OutputColumn => ({ name, kind: 'text' });
const ts = (name: string): OutputColumn => ({ name, kind: 'timestamp' });
const n = (name: string): OutputColumn => ({ name, kind: 'number' });

/** DevLake's column names and order for each derived table, and its primary key for sorting. */
export const DERIVED_OUTPUT: Record<DerivedTableName, { columns: OutputColumn[]; primaryKey: string[] }> = {
  cicd_deployment_commits: {
    columns: [
      t('id'), t('commit_sha'), t('cicd_scope_id'), t('cicd_deployment_id'), t('name'), t('result'), t('status'), t('environment'),
      ts('created_date'), ts('started_date'), ts('finished_date'), n('duration_sec'), t('ref_name'), t('repo_id'), t('repo_url'),
      t('prev_success_deployment_commit_id'),
    ],
    primaryKey: ['id', 'commit_sha'],
  },
  commits_diffs: {
    columns: [t('new_commit_sha'), t('old_commit_sha'), t('commit_sha'), n('sorting_index')],
    primaryKey: ['new_commit_sha', 'old_commit_sha', 'commit_sha'],
  },
  project_pr_metrics: {
    columns: [
      t('id'), t('project_name'), t('first_commit_sha'), n('pr_coding_time'), t('first_review_id'), n('pr_pickup_time'),
      n('pr_review_time'), t('deployment_commit_id'), n('pr_deploy_time'), n('pr_cycle_time'), ts('first_commit_authored_date'),
      ts('first_comment_date'), ts('pr_created_date'), ts('pr_merged_date'), ts('pr_deployed_date'),
    ],
    primaryKey: ['id', 'project_name'],
  },
  project_incident_deployment_relationships: {
    columns: [t('id'), t('project_name'), t('deployment_id')],
    primaryKey: ['id', 'project_name'],
  },
};

type Row = object;
type Value = string | number | null;

/** The rows as DevLake's harness renders them: timestamps `YYYY-MM-DDTHH:MM:SS.mmm+00:00`, NULL as null. */
export function renderDerivedRows(table: DerivedTableName, rows: readonly Row[]): Record<string, Value>[] {
  const { columns, primaryKey } = DERIVED_OUTPUT[table];
  const rendered = rows.map((row) => {
    const source = row as Record<string, unknown>;
    const out: Record<string, Value> = {};
    for (const c of columns) {
      const value = source[c.name];
      out[c.name] = value === null || value === undefined ? null : c.kind === 'timestamp' ? formatTimestamp(value as number) : (value as string | number);
    }
    return out;
  });
  const sortKey = (r: Record<string, Value>) => JSON.stringify(primaryKey.map((k) => r[k]));
  return rendered.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** CSV with a header row; NULL is an empty cell. */
export function toCsv(table: DerivedTableName, rows: readonly Record<string, Value>[]): string {
  const names = DERIVED_OUTPUT[table].columns.map((c) => c.name);
  const cell = (v: Value) => {
    // Text from the input files is made spreadsheet-safe (a deployment named "=..." must not run).
    const text = v === null ? '' : typeof v === 'string' ? spreadsheetSafe(v) : String(v);
    return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [names.join(','), ...rows.map((r) => names.map((name) => cell(r[name] ?? null)).join(','))].join('\n') + '\n';
}

/** An aligned text table for people; empty cells stay empty. */
export function toTextTable(table: DerivedTableName, rows: readonly Record<string, Value>[]): string {
  const names = DERIVED_OUTPUT[table].columns.map((c) => c.name);
  const cells = [names, ...rows.map((r) => names.map((name) => (r[name] === null ? '' : String(r[name]))))];
  const widths = names.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  const lines = cells.map((line) => line.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  return `${lines.join('\n')}\n${rows.length} row${rows.length === 1 ? '' : 's'} of ${table}\n`;
}
