import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDevLakeFolder } from './devlake-folder.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-devlake-folder-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('loadDevLakeFolder', () => {
  it('reads the tables that have a file; a missing file is an empty table; other files are ignored', () => {
    const dir = folderWith({ 'project_mapping.csv': 'project_name,table,row_id\np,repos,r1\n', 'notes.txt': 'hello', 'cicd_tasks_old.csv': 'x\n1\n' });
    const loaded = loadDevLakeFolder(dir);
    expect(loaded.ok && loaded.value.tables.project_mapping).toEqual([{ project_name: 'p', table: 'repos', row_id: 'r1' }]);
    expect(loaded.ok && loaded.value.tables.cicd_pipelines).toEqual([]);
    expect(loaded.ok && [...loaded.value.present]).toEqual(['project_mapping']);
  });

  it('reports every problem of every file as FILE:LINE: column C: reason', () => {
    const dir = folderWith({
      'incidents.csv': 'id,created_date,table,scope_id\ni1,2023-02-30 10:00:00,boards,b1\n',
      'cicd_tasks.csv': 'id,pipeline_id,result,type\nt1,p1,SUCCESS,DEPLOYMENT\n',
    });
    const loaded = loadDevLakeFolder(dir);
    expect(loaded.ok ? [] : loaded.problems).toEqual([
      `${path.join(dir, 'cicd_tasks.csv')}:1: column environment: required column of cicd_tasks is missing from the header`,
      `${path.join(dir, 'incidents.csv')}:2: column created_date: "2023-02-30 10:00:00" is not a timestamp (use YYYY-MM-DD HH:MM:SS or ISO 8601, UTC unless an offset is given)`,
    ]);
  });

  it('refuses a path that is not a folder', () => {
    const loaded = loadDevLakeFolder(path.join(os.tmpdir(), 'highbar-no-such-folder'));
    expect(loaded.ok ? [] : loaded.problems).toEqual([`${path.join(os.tmpdir(), 'highbar-no-such-folder')}: not a folder`]);
  });
});
