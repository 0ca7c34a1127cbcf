import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runHighbar } from './run-highbar.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { withDatabase } from './global-setup.ts';

/**
 * A database the `highbar` command can be pointed at, as an operator would: an embedded data
 * folder (`--data DIR`) on the pglite run, a database on the PostgreSQL server (DATABASE_URL)
 * on the postgres run. `withDb` opens it between commands; an embedded folder belongs to one
 * PGlite at a time, so it is closed again before the next command runs.
 */
export interface CliTarget {
  args: string[];
  env: NodeJS.ProcessEnv;
  withDb<T>(use: (database: Database) => Promise<T>): Promise<T>;
}

export interface CliTargets {
  /** A target that holds nothing: no folder yet, or a database without a single table. */
  empty(): Promise<CliTarget>;
  /** An embedded folder, whatever the run (backups move between the two kinds of database). */
  embedded(): CliTarget;
  cleanup(): Promise<void>;
}

export function cliTargets(): CliTargets {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-cli-target-'));
  const created: string[] = [];
  const url = process.env.TEST_DATABASE_URL;
  const embedded = (): CliTarget => {
    const dataDir = path.join(dir, `data-${randomBytes(4).toString('hex')}`);
    return {
      args: ['--data', dataDir],
      env: { NODE_ENV: 'test' },
      async withDb(use) {
        const database = await openDatabase({ kind: 'embedded', dataDir });
        try {
          return await use(database);
        } finally {
          await database.close();
        }
      },
    };
  };
  return {
    embedded,
    async empty() {
      if (process.env.HIGHBAR_TEST_DB !== 'postgres') return embedded();
      if (!url) throw new Error('TEST_DATABASE_URL is not set');
      const name = `highbar_cli_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // Not from the run's template: an empty database, as an operator creates one for a restore.
      await admin.query(`create database ${name}`);
      await admin.end();
      created.push(name);
      const target = withDatabase(url, name);
      return {
        args: [],
        env: { NODE_ENV: 'test', DATABASE_URL: target },
        async withDb(use) {
          const database = await openDatabase({ kind: 'server', url: target, poolSize: 2 });
          try {
            return await use(database);
          } finally {
            await database.close();
          }
        },
      };
    },
    async cleanup() {
      if (url && created.length > 0) {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `highbar ARGS` against a target with buffered output, as a user would see it. */
export async function runCli(target: CliTarget, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runHighbar([...args, ...target.args], { env: target.env });
}
