import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from './database.ts';
import { openTestDatabase } from '../../test/db.ts';

// How openDatabase tunes each driver for many small statements: prepared statements on a server,
// turns of the event loop between statements on the embedded database.

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the database handle', () => {
  it('answers parameterised statements correctly however often they repeat', async () => {
    for (let i = 0; i < 5; i++) {
      const { rows } = await sql<{ n: number; label: string }>`select ${i}::integer * 2 as n, ${`row ${i}`}::text as label`.execute(database.db);
      expect(rows).toEqual([{ n: i * 2, label: `row ${i}` }]);
    }
  });

  it(`${process.env.HIGHBAR_TEST_DB === 'postgres' ? 'prepares a repeated statement once per server connection' : 'lets the event loop turn before each embedded statement'}`, async () => {
    if (database.target.kind === 'server') {
      // One connection, so the statement and the catalogue query see the same session.
      await database.db.connection().execute(async (connection) => {
        for (let i = 0; i < 3; i++) await sql`select ${i}::integer as marker_for_prepare_test`.execute(connection);
        const { rows } = await sql<{ statement: string }>`
          select statement from pg_prepared_statements where statement like ${'%marker_for_prepare_test%'} and statement not like ${'%pg_prepared_statements%'}`.execute(connection);
        expect(rows).toHaveLength(1);
      });
    } else {
      // A callback queued just before a statement runs before the statement's answer arrives:
      // requests waiting on sockets are read between database steps.
      const order: string[] = [];
      setImmediate(() => order.push('event loop'));
      await sql`select 1`.execute(database.db);
      order.push('statement');
      expect(order).toEqual(['event loop', 'statement']);
    }
  });
});
