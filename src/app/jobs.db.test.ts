import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { startJobRunner } from './jobs.ts';

// pg-boss on both databases: on PostgreSQL through its own pool, on PGlite through the adapter.

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the background job runner', () => {
  it('runs a scheduled job once at start, and the app’s own queries still run meanwhile', async () => {
    const runs: Date[] = [];
    let done: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => (done = resolve));
    const errors: unknown[] = [];
    const runner = await startJobRunner(database, [{ name: 'test-tick', cron: '0 0 1 1 *', run: async (now) => { runs.push(now); done(); } }], { error: (_m, e) => errors.push(e) });
    try {
      await Promise.race([ran, new Promise((_, reject) => setTimeout(() => reject(new Error('the job did not run within 20 s')), 20_000))]);
      const people = await database.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(people.n)).toBeGreaterThanOrEqual(0);
    } finally {
      await runner.stop();
    }
    expect(runs).toHaveLength(1);
    expect(errors).toEqual([]);
    const schema = await database.db.selectFrom('information_schema.schemata' as never).select('schema_name' as never).where('schema_name' as never, '=', 'pgboss' as never).execute();
    expect(schema).toHaveLength(1);
  });
});
