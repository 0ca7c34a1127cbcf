import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { cliTargets, runCli, type CliTarget } from '../../test/cli-targets.ts';
import { appendAuditEvent, auditEntryHash, detailsHashOf, GENESIS_HASH } from './audit.service.ts';
import { verifyAuditChain } from './audit-chain.service.ts';

/**
 * `highbar audit head` and `highbar audit verify` against a real database, tampered with by SQL
 * as the database owner would: past any refusal rule, straight into the table.
 */
const targets = cliTargets();
let target: CliTarget;

beforeAll(async () => {
  target = await targets.empty();
  expect((await runCli(target, ['migrate'])).code).toBe(0);
});
afterAll(() => targets.cleanup());

/** A fresh chain of `count` entries written by the real writer, then `tamper` run on it. */
async function chainThen(count: number, tamper: (db: Kysely<DB>) => Promise<unknown> = async () => undefined) {
  await target.withDb(async ({ db }) => {
    await ownerOnly(db, sql`truncate audit_events`);
    for (let i = 1; i <= count; i++) {
      await db.transaction().execute((trx) =>
        appendAuditEvent(trx, {
          actorAccountId: i % 4 === 0 ? null : i,
          action: 'rating.changed',
          subjectType: 'person',
          subjectId: 100 + i,
          details: { from: 'HV1', to: i % 2 ? 'HV2' : 'TT', why: `calibration note ${i} — "quoted", 李` },
          at: new Date(Date.UTC(2026, 10, 23, 9, 0, i, i)),
        }),
      );
    }
    await ownerOnly(db, tamper);
  });
}

/** Runs SQL past the triggers a later migration may add to make the log append-only. */
async function ownerOnly(db: Kysely<DB>, change: ReturnType<typeof sql> | ((db: Kysely<DB>) => Promise<unknown>)) {
  await sql`alter table audit_events disable trigger user`.execute(db);
  try {
    if (typeof change === 'function') await change(db);
    else await change.execute(db);
  } finally {
    await sql`alter table audit_events enable trigger user`.execute(db);
  }
}

async function verify(...extra: string[]) {
  const result = await runCli(target, ['audit', 'verify', '--format', 'json', ...extra]);
  return { ...result, json: result.stdout ? JSON.parse(result.stdout) : null };
}

describe('highbar audit verify', () => {
  it('passes an intact chain, exit 0', async () => {
    await chainThen(8);
    const result = await verify();
    expect(result.code, result.stderr).toBe(0);
    expect(result.json).toMatchObject({ ok: true, entries: 8, head: { seq: 8 }, problem: null });
    const human = await runCli(target, ['audit', 'verify']);
    expect(human.stdout).toMatch(/^The audit chain is intact: 8 entries, head 8 [0-9a-f]{64}\.\n$/u);
  });

  it('names an entry whose payload was updated: hash mismatch, exit 1', async () => {
    await chainThen(8, (db) => sql`update audit_events set details = '{"from":"HV1","to":"LE"}' where seq = 4`.execute(db));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ ok: false, entries: 3, problem: { kind: 'hash-mismatch', seq: 4 } });
    const human = await runCli(target, ['audit', 'verify']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('The audit chain is broken at entry 4: hash mismatch');
  });

  it('names the entry after a deleted middle row: missing sequence number, exit 1', async () => {
    await chainThen(8, (db) => sql`delete from audit_events where seq = 5`.execute(db));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.json.problem).toMatchObject({ kind: 'missing-sequence', seq: 6 });
    expect(result.json.problem.message).toContain('entry 5 is missing');
  });

  it('names the first of two reordered rows: broken link, exit 1', async () => {
    // Swap entries 3 and 4 (through a free number: the key is checked row by row).
    await chainThen(8, async (db) => {
      await sql`update audit_events set seq = -3 where seq = 3`.execute(db);
      await sql`update audit_events set seq = 3 where seq = 4`.execute(db);
      await sql`update audit_events set seq = 4 where seq = -3`.execute(db);
    });
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.json.problem).toMatchObject({ kind: 'broken-link', seq: 3 });
  });

  it('names a row moved out of the sequence, even below 1', async () => {
    await chainThen(5, (db) => sql`update audit_events set seq = 0 where seq = 1`.execute(db));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.json.problem).toMatchObject({ kind: 'missing-sequence', seq: 0 });
  });

  it('passes a chain whose newest entries were deleted, but not against the kept head', async () => {
    await chainThen(8);
    const head = await runCli(target, ['audit', 'head', '--format', 'json']);
    expect(head.code).toBe(0);
    const kept = JSON.parse(head.stdout);
    expect(kept).toMatchObject({ entries: 8, seq: 8, hash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    expect((await verify('--head', kept.hash)).code).toBe(0);

    await target.withDb(({ db }) => ownerOnly(db, sql`delete from audit_events where seq > 6`));
    expect((await verify()).code).toBe(0);
    const against = await verify('--head', kept.hash);
    expect(against.code).toBe(1);
    expect(against.json).toMatchObject({ ok: false, entries: 6, expectedHead: kept.hash, problem: { kind: 'head-not-found', seq: null } });
    const human = await runCli(target, ['audit', 'verify', '--head', kept.hash]);
    expect(human.stdout).toContain('does not hold the kept head');
  });

  it('prints the head of an empty chain as the genesis hash, which verifies', async () => {
    await chainThen(0);
    const head = JSON.parse((await runCli(target, ['audit', 'head', '--format', 'json'])).stdout);
    expect(head).toEqual({ entries: 0, seq: null, at: null, hash: GENESIS_HASH });
    expect((await verify('--head', GENESIS_HASH)).code).toBe(0);
    expect((await verify('--head', 'a'.repeat(64))).code).toBe(1);
  });

  it('refuses a malformed head or format with exit 2 and nothing on stdout', async () => {
    for (const args of [['--head', 'abc'], ['--format', 'xml'], ['--frobnicate']]) {
      const result = await runCli(target, ['audit', 'verify', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toBe('');
    }
  });

  it('streams a long chain in batches and still names the first bad entry', async () => {
    await target.withDb(async ({ db }) => {
      await ownerOnly(db, sql`truncate audit_events`);
      await insertChain(db, 12_345);
      // Past the first two batches of the command's 5,000, and across the test's own batches of 7.
      await ownerOnly(db, sql`update audit_events set action = 'rating.deleted' where seq = 11001`);
      const small = await verifyAuditChain(db, { batchSize: 7 });
      expect(small.problem).toMatchObject({ kind: 'hash-mismatch', seq: 11_001 });
      expect(small.entries).toBe(11_000);
    });
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ entries: 11_000, problem: { kind: 'hash-mismatch', seq: 11_001 } });
  });
});

/** A valid chain written in bulk, hashed exactly as appendAuditEvent hashes. */
async function insertChain(db: Kysely<DB>, count: number) {
  let prevHash = GENESIS_HASH;
  for (let start = 1; start <= count; start += 1000) {
    const rows = [];
    for (let seq = start; seq < Math.min(start + 1000, count + 1); seq++) {
      const content = { seq, at: new Date(Date.UTC(2026, 0, 1) + seq * 1000), actorAccountId: seq % 50, action: 'rating.changed', subjectType: 'person', subjectId: String(seq % 977), details: { n: seq }, prevHash };
      const hash = auditEntryHash(content);
      rows.push({ seq, at: content.at, actor_account_id: content.actorAccountId, action: content.action, subject_type: content.subjectType, subject_id: content.subjectId, details: JSON.stringify(content.details), details_hash: detailsHashOf(content.details), prev_hash: prevHash, hash });
      prevHash = hash;
    }
    await db.insertInto('audit_events').values(rows).execute();
  }
}
