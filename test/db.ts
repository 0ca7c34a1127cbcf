import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { withDatabase } from './global-setup.ts';

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the run's snapshot, or a
 * new database cloned from the run's template on the PostgreSQL server. Share it across the
 * file's tests; `close()` in afterAll.
 */
export async function openTestDatabase(): Promise<Database> {
  const kind = process.env.HIGHBAR_TEST_DB;
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const name = `highbar_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    await admin.end();
    const database = await openDatabase({ kind: 'server', url: withDatabase(url, name), poolSize: 20 });
    return {
      ...database,
      async close() {
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  if (kind !== 'pglite') throw new Error(`HIGHBAR_TEST_DB must be pglite or postgres, not ${kind}`);
  const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
  return openDatabase({ kind: 'embedded-memory', loadDataDir: new Blob([snapshot]) });
}
