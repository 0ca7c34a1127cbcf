import { describe, expect, it } from 'vitest';
import { parseDevLakeCsv, type CsvRow } from './devlake-csv.ts';
import { tableSpec, type TableName } from './devlake-tables.ts';

const parse = (table: TableName, text: string) => parseDevLakeCsv(new TextEncoder().encode(text), tableSpec(table));

function rowsOf(table: TableName, text: string): CsvRow[] {
  const result = parse(table, text);
  if (!result.ok) throw new Error(`expected rows, got ${JSON.stringify(result.problems)}`);
  return result.rows;
}

function problemsOf(table: TableName, text: string) {
  const result = parse(table, text);
  if (result.ok) throw new Error('expected problems, the file parsed');
  return result.problems;
}

const DEPLOYMENT_HEADER = 'id,commit_sha,cicd_scope_id,result,environment,repo_url,finished_date';

describe('parseDevLakeCsv', () => {
  it('types each known column, ignores unknown ones and reads absent optional ones as NULL', () => {
    const [row] = rowsOf('cicd_deployment_commits', `${DEPLOYMENT_HEADER},_raw_data_remark\nd1,abc,cicd1,SUCCESS,PRODUCTION,REPO1,2023-4-10 6:51:47,whatever\n`);
    expect(row).toMatchObject({
      id: 'd1',
      commit_sha: 'abc',
      result: 'SUCCESS',
      finished_date: Date.UTC(2023, 3, 10, 6, 51, 47),
      started_date: null,
      duration_sec: null,
      prev_success_deployment_commit_id: null,
    });
    expect(row).not.toHaveProperty('_raw_data_remark');
  });

  it("keeps an empty key cell as '' (commits_diffs' \"no previous deployment\") but an empty text cell is NULL", () => {
    expect(rowsOf('commits_diffs', 'old_commit_sha,new_commit_sha,commit_sha\n,commit1,pr_merge_commit0\n')).toEqual([
      { old_commit_sha: '', new_commit_sha: 'commit1', commit_sha: 'pr_merge_commit0', sorting_index: null },
    ]);
    expect(rowsOf('pull_requests', 'id,base_repo_id,author_id,merge_commit_sha,created_date,merged_date\npr1,repo1,,m1,2023-01-01,\n')[0]).toMatchObject({
      author_id: null,
      merged_date: null,
    });
  });

  it('an empty file is an empty table', () => {
    expect(rowsOf('incidents', '')).toEqual([]);
  });

  it('names the line and column of an unparseable timestamp and a non-number', () => {
    const text = `${DEPLOYMENT_HEADER},duration_sec\nd1,a,c,SUCCESS,PRODUCTION,R,2023-04-10 06:51:47,60\nd2,b,c,SUCCESS,PRODUCTION,R,10/04/2023,sixty\n`;
    expect(problemsOf('cicd_deployment_commits', text)).toEqual([
      { line: 3, column: 'finished_date', reason: expect.stringContaining('"10/04/2023" is not a timestamp') },
      { line: 3, column: 'duration_sec', reason: '"sixty" is not a number' },
    ]);
  });

  it('refuses an unknown result or environment value', () => {
    const problems = problemsOf('cicd_deployment_commits', `${DEPLOYMENT_HEADER}\nd1,a,c,SUCCEEDED,PROD,R,\n`);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'result'],
      [2, 'environment'],
    ]);
    expect(problems[1]!.reason).toBe('"PROD" is not one of PRODUCTION, STAGING, TESTING (or empty)');
  });

  it('reports every missing required column on the header line', () => {
    expect(problemsOf('cicd_deployment_commits', 'id,commit_sha,result\nd1,a,SUCCESS\n')).toEqual([
      { line: 1, column: 'cicd_scope_id', reason: 'required column of cicd_deployment_commits is missing from the header' },
      { line: 1, column: 'environment', reason: 'required column of cicd_deployment_commits is missing from the header' },
      { line: 1, column: 'repo_url', reason: 'required column of cicd_deployment_commits is missing from the header' },
    ]);
  });

  it('refuses a repeated primary key and a short record, at the line where the record starts', () => {
    const text = 'commit_sha,parent_commit_sha,note\nc2,c1,"multi\nline"\nc2,c1,again\nc3\n';
    expect(problemsOf('commit_parents', text)).toEqual([
      { line: 4, column: 'commit_sha+parent_commit_sha', reason: 'primary key ["c2","c1"] repeats line 2' },
      { line: 5, column: '-', reason: 'has 1 fields but the header has 3' },
    ]);
  });

  it('points at a byte that is not UTF-8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('id\nok\n'), 0xff, 0x0a]);
    const result = parseDevLakeCsv(bytes, tableSpec('repos'));
    expect(result.ok ? [] : result.problems.map((p) => [p.line, p.column])).toEqual([[3, '#1']]);
  });
});
