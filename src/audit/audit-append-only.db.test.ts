import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/db.ts';
import { appendAuditEvent } from './audit.service.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.transaction().execute((trx) => appendAuditEvent(trx, { actorAccountId: null, action: 'test.appended', subjectType: 'test', at: new Date('2026-11-29T10:00:00Z') }));
});
afterAll(async () => {
  await database.close();
});

describe('the audit log in the database', () => {
  it.each([
    ['UPDATE', sql`update audit_events set action = 'test.rewritten'`],
    ['DELETE', sql`delete from audit_events`],
    ['TRUNCATE', sql`truncate audit_events`],
  ])('refuses %s', async (_operation, statement) => {
    await expect(statement.execute(database.db)).rejects.toThrow(/append-only/u);
    const rows = await database.db.selectFrom('audit_events').select('action').execute();
    expect(rows.map((r) => r.action)).toContain('test.appended');
    expect(rows.map((r) => r.action)).not.toContain('test.rewritten');
  });

  it('still takes new entries', async () => {
    await database.db.transaction().execute((trx) => appendAuditEvent(trx, { actorAccountId: null, action: 'test.second', subjectType: 'test', at: new Date('2026-11-29T10:01:00Z') }));
    expect(await database.db.selectFrom('audit_events').select('action').where('action', 'like', 'test.%').orderBy('seq').execute()).toEqual([{ action: 'test.appended' }, { action: 'test.second' }]);
  });
});
