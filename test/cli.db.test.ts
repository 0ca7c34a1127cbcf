import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHighbar } from './run-highbar.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { openTestDatabase } from './db.ts';

/**
 * The `highbar` command against a real database: an embedded data folder on the pglite run,
 * a fresh database on the PostgreSQL server (via DATABASE_URL) on the postgres run.
 */
let dir: string;
let env: NodeJS.ProcessEnv;
let serverDatabase: Database | null = null;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-cli-'));
  env = { NODE_ENV: 'test' };
  if (process.env.HIGHBAR_TEST_DB === 'postgres') {
    serverDatabase = await openTestDatabase();
    env.DATABASE_URL = (serverDatabase.target as { url: string }).url;
  }
});
afterAll(async () => {
  await serverDatabase?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], stdin = '') {
  return runHighbar([...args, ...(env.DATABASE_URL ? [] : ['--data', path.join(dir, 'data')])], { env, stdin });
}

async function countPeople(): Promise<number> {
  const database = serverDatabase ?? (await openDatabase({ kind: 'embedded', dataDir: path.join(dir, 'data') }));
  try {
    const row = await database.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    if (!serverDatabase) await database.close();
  }
}

const GOOD = 'employee_id,name,email,manager_id,level,hire_date,team\nE1,Ana,ana@corp.test,,L8,2015-01-10,\nE2,Ben,ben@corp.test,E1,L5,2019-05-06,Payments\n';

describe('highbar CLI', () => {
  it('migrates, then creates the first admin with the password from stdin', async () => {
    expect((await run(['migrate'])).code).toBe(0);
    const created = await run(['users', 'create', '--email', 'root@corp.test', '--name', 'Root', '--role', 'admin', '--format', 'json'], 'a long admin passphrase\n');
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'root@corp.test', roles: ['employee', 'admin'] });
  });

  it('refuses a weak password, a bad role and missing options with exit 2', async () => {
    const weak = await run(['users', 'create', '--email', 'w@corp.test', '--name', 'W', '--role', 'employee'], 'password\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    expect((await run(['users', 'create', '--email', 'x@corp.test', '--name', 'X', '--role', 'king'], 'a long enough password\n')).code).toBe(2);
    expect((await run(['users', 'create', '--email', 'x@corp.test'])).code).toBe(2);
    expect((await run(['users', 'delete'])).code).toBe(2);
  });

  it('imports people, and prints every problem of a bad file as FILE:LINE: column C: reason with exit 2', async () => {
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, GOOD);
    const imported = await run(['import', 'people', good, '--format', 'json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 2, created: 2, teamsCreated: 1 });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `${GOOD}E3,Cy,cy@corp.test,E9,L5,2020-02-30,\nE4,Di,ANA@corp.test,E1,L5,2020-01-01,\n`);
    const refused = await run(['import', 'people', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${bad}:4: column hire_date: "2020-02-30" is not a date in the form YYYY-MM-DD`,
      `${bad}:4: column manager_id: manager E9 is not in the file`,
      `${bad}:5: column email: ANA@corp.test is a duplicate (first on line 2)`,
      `${bad} has 3 problems; nothing was imported.`,
    ]);
    expect(await countPeople()).toBe(2);
  });

  it('stops a large deactivation unless --confirm is given', async () => {
    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, 'employee_id,name,email,manager_id,level,hire_date\nE1,Ana,ana@corp.test,,L8,2015-01-10\n');
    const stopped = await run(['import', 'people', small]);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toMatch(/deactivate 1 of 2 active people \(50%/);
    const confirmed = await run(['import', 'people', small, '--confirm', '--format', 'json']);
    expect(JSON.parse(confirmed.stdout).deactivated).toBe(1);
  });

  it('answers an unreadable file and unknown commands with exit 2', async () => {
    expect((await run(['import', 'people', path.join(dir, 'missing.csv')])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});
