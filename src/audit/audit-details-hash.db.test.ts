import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { migrateToLatest, migrateUpTo } from '../db/migrate.ts';
import { cliTargets, runCli } from '../../test/cli-targets.ts';
import { appendAuditEvent, canonicalJson, GENESIS_HASH } from './audit.service.ts';
import { ERASURE_EVENT_ACTION, erasureMarker } from './audit-erasure.rules.ts';
import { verifyAuditChain } from './audit-chain.service.ts';

/**
 * Migration 20261129T2100_audit_details_hash on a database that already holds a chain written
 * under the old formula, and the one UPDATE the append-only rule now admits: erasing a payload.
 */
const targets = cliTargets();
afterAll(() => targets.cleanup());

const BEFORE = '20261129T2050_calibration_counts';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Entries hashed as the release before this migration hashed them: the payload inside the entry. */
async function writeOldChain(db: Kysely<DB>, count: number, breakAt?: number) {
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content = { seq, at: new Date(Date.UTC(2026, 10, 1, 9, 0, seq, seq)), actorAccountId: seq, action: 'person.updated', subjectType: 'person', subjectId: String(seq), details: { name: `Person ${seq}`, note: '李 "quoted"' }, prevHash };
    const hash = sha256(canonicalJson(content));
    const stored = seq === breakAt ? { ...content.details, name: 'tampered' } : content.details;
    await sql`insert into audit_events (seq, at, actor_account_id, action, subject_type, subject_id, details, prev_hash, hash)
      values (${seq}, ${content.at}, ${seq}, 'person.updated', 'person', ${String(seq)}, ${JSON.stringify(stored)}::jsonb, ${prevHash}, ${hash})`.execute(db);
    prevHash = hash;
  }
  return prevHash;
}

describe('migration 20261129T2100_audit_details_hash', () => {
  it('re-hashes an intact old chain, names the head before, and verifies afterwards', async () => {
    const target = await targets.empty();
    await target.withDb(async ({ db }) => {
      await migrateUpTo(db, BEFORE);
      const oldHead = await writeOldChain(db as Kysely<DB>, 30);
      await migrateToLatest(db);
      const rows = await db.selectFrom('audit_events').select(['seq', 'action', 'details', 'details_hash']).orderBy('seq').execute();
      expect(rows).toHaveLength(31);
      expect(rows.every((r) => /^[0-9a-f]{64}$/u.test(r.details_hash))).toBe(true);
      expect(rows.at(-1)).toMatchObject({ seq: 31, action: 'audit.chain.rehashed', details: { previousHead: oldHead, previousEntries: 30 } });
      expect((await verifyAuditChain(db)).problem).toBeNull();
      // New entries chain on from the re-hashed head.
      await db.transaction().execute((trx) => appendAuditEvent(trx, { actorAccountId: null, action: 'test.after', subjectType: 'test', details: { a: 1 }, at: new Date() }));
      expect(await verifyAuditChain(db)).toMatchObject({ entries: 32, problem: null });
    });
    expect((await runCli(target, ['audit', 'verify'])).code).toBe(0);
  });

  it('refuses to re-hash a broken chain, and leaves it as it was', async () => {
    const target = await targets.empty();
    await target.withDb(async ({ db }) => {
      await migrateUpTo(db, BEFORE);
      await writeOldChain(db as Kysely<DB>, 6, 4);
      await expect(migrateToLatest(db)).rejects.toThrow(/audit chain is broken at entry 4/u);
      const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'audit_events' and column_name = 'details_hash'`.execute(db);
      expect(columns.rows).toEqual([]);
    });
  });
});

describe('erasing a payload', () => {
  it('is the one UPDATE allowed; other changes, a second erasure, DELETE and TRUNCATE are refused', async () => {
    const target = await targets.empty();
    await target.withDb(async ({ db }) => {
      await migrateToLatest(db);
      for (let i = 1; i <= 4; i++) {
        await db.transaction().execute((trx) => appendAuditEvent(trx, { actorAccountId: 1, action: 'person.updated', subjectType: 'person', subjectId: i, details: { name: `Person ${i}` }, at: new Date(Date.UTC(2026, 10, 29, 9, i)) }));
      }
      const erasedAt = new Date('2026-11-29T12:00:00Z');
      const marker = JSON.stringify(erasureMarker(erasedAt));
      await sql`update audit_events set details = ${marker}::jsonb where seq = 2`.execute(db);
      // Allowed by the database, but only an erasure that declares it makes the chain whole.
      expect((await verifyAuditChain(db)).problem).toMatchObject({ kind: 'unaccounted-erasure', seq: 2 });
      await db.transaction().execute((trx) => appendAuditEvent(trx, { actorAccountId: 1, action: ERASURE_EVENT_ACTION, subjectType: 'person', subjectId: 2, details: { counts: { audit_payloads: 1 } }, at: erasedAt }));
      expect((await verifyAuditChain(db)).problem).toBeNull();

      const refused: [string, ReturnType<typeof sql>][] = [
        ['a second erasure', sql`update audit_events set details = ${JSON.stringify(erasureMarker(new Date()))}::jsonb where seq = 2`],
        ['another payload', sql`update audit_events set details = '{"name":"Someone"}'::jsonb where seq = 3`],
        ['a marker with more keys', sql`update audit_events set details = '{"erased":true,"at":"2026-11-29T12:00:00.000Z","why":"x"}'::jsonb where seq = 3`],
        ['the marker and another column', sql`update audit_events set details = ${marker}::jsonb, action = 'x' where seq = 3`],
        ['the marker and the payload hash', sql`update audit_events set details = ${marker}::jsonb, details_hash = ${'a'.repeat(64)} where seq = 3`],
        ['DELETE', sql`delete from audit_events where seq = 4`],
        ['TRUNCATE', sql`truncate audit_events`],
      ];
      for (const [what, statement] of refused) {
        await expect(statement.execute(db), what).rejects.toThrow(/append-only/u);
      }
      expect(await verifyAuditChain(db)).toMatchObject({ entries: 5, problem: null });
      const after = await db.selectFrom('audit_events').select(['seq', 'details']).where('seq', '<=', 4).orderBy('seq').execute();
      expect(after.map((r) => r.details)).toEqual([{ name: 'Person 1' }, erasureMarker(erasedAt), { name: 'Person 3' }, { name: 'Person 4' }]);
    });
  });
});
