import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { knownMigrations, migrateUpTo } from '../db/migrate.ts';
import { seedDemo } from '../people/demo.service.ts';
import { canonicalJson, GENESIS_HASH } from '../audit/audit.service.ts';
import { cliTargets, runCli, type CliTarget } from '../../test/cli-targets.ts';
import { appliedMigrations, listSequences, listTables } from './catalog.repository.ts';

/**
 * `highbar backup` and `highbar restore` through the CLI, on the demo organisation plus values
 * chosen to break a lossy format. Every table, every sequence and the applied migrations must
 * come back identical, on an embedded folder and on a PostgreSQL server, in both directions.
 */
const targets = cliTargets();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-backup-'));
const file = path.join(dir, 'demo.jsonl.gz');
let source: CliTarget;
let sourceDump: DatabaseDump;
let backedUp: { bytes: number; rows: number; tables: number; auditHead: { entries: number; hash: string } };

beforeAll(async () => {
  source = await targets.empty();
  expect((await runCli(source, ['migrate'])).code).toBe(0);
  await source.withDb(async ({ db }) => {
    expect((await seedDemo(db, { now: new Date('2026-11-23T10:00:00Z') })).status).toBe('seeded');
    await addAwkwardValues(db);
  });
  sourceDump = await source.withDb(({ db }) => dumpDatabase(db));
});
afterAll(async () => {
  await targets.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('highbar backup and restore', () => {
  it('backs up the whole database into one file, leaving the database as it was', async () => {
    const result = await runCli(source, ['backup', file, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    backedUp = JSON.parse(result.stdout);
    expect(backedUp.tables).toBe(Object.keys(sourceDump.tables).length);
    expect(backedUp.rows).toBe(Object.values(sourceDump.tables).reduce((sum, rows) => sum + rows.length, 0));
    expect(backedUp.auditHead.entries).toBeGreaterThan(0);
    expect(fs.statSync(file).size).toBe(backedUp.bytes);
    expect(fs.readdirSync(dir)).toEqual(['demo.jsonl.gz']);
    expect(await source.withDb(({ db }) => dumpDatabase(db))).toEqual(sourceDump);
  });

  it('restores into an empty database: every row and sequence, and a chain that verifies against the backup head', async () => {
    const target = await targets.empty();
    const restored = await runCli(target, ['restore', file, '--format', 'json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ rows: backedUp.rows, replaced: false, auditHead: backedUp.auditHead });
    expect(await target.withDb(({ db }) => dumpDatabase(db))).toEqual(sourceDump);
    const verified = await runCli(target, ['audit', 'verify', '--head', backedUp.auditHead.hash]);
    expect(verified.code, verified.stdout).toBe(0);
  });

  it('refuses a database that holds data, changing nothing; --replace puts the backup in its place', async () => {
    const target = await targets.empty();
    expect((await runCli(target, ['restore', file])).code).toBe(0);
    await target.withDb(({ db }) => db.insertInto('teams').values({ name: 'Written after the backup' }).execute());
    const changed = await target.withDb(({ db }) => dumpDatabase(db));

    const refused = await runCli(target, ['restore', file]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^Nothing was restored: the database already holds data \(in .*teams.*\)\. .*--replace/u);
    expect(await target.withDb(({ db }) => dumpDatabase(db))).toEqual(changed);

    // The audit log's append-only triggers (migration 20261129T1901) must neither stop --replace
    // from emptying the table nor be left switched off afterwards.
    const replaced = await runCli(target, ['restore', file, '--replace', '--format', 'json']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout).replaced).toBe(true);
    expect(await target.withDb(({ db }) => dumpDatabase(db))).toEqual(sourceDump);
    await target.withDb(async ({ db }) => {
      const { rows } = await sql<{ tgname: string; tgenabled: string }>`
        select tgname, tgenabled from pg_trigger where tgrelid = 'audit_events'::regclass and not tgisinternal order by tgname`.execute(db);
      expect(rows).toEqual([
        { tgname: 'audit_events_append_only', tgenabled: 'O' },
        { tgname: 'audit_events_no_truncate', tgenabled: 'O' },
      ]);
      await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/u);
    });
  });

  it('restores into a freshly migrated database (its reference data is replaced, not refused)', async () => {
    const target = await targets.empty();
    expect((await runCli(target, ['migrate'])).code).toBe(0);
    const restored = await runCli(target, ['restore', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`^Restored ${backedUp.rows} rows in ${backedUp.tables} tables`, 'u'));
    expect(await target.withDb(({ db }) => dumpDatabase(db))).toEqual(sourceDump);
  });

  it('moves between the two kinds of database: into an embedded folder and from it again', async () => {
    // On the postgres run this is server -> embedded -> server; on the pglite run, embedded throughout.
    const embedded = targets.embedded();
    expect((await runCli(embedded, ['restore', file])).code).toBe(0);
    expect(await embedded.withDb(({ db }) => dumpDatabase(db))).toEqual(sourceDump);
    const again = path.join(dir, 'again.jsonl.gz');
    expect((await runCli(embedded, ['backup', again])).code).toBe(0);
    const target = await targets.empty();
    expect((await runCli(target, ['restore', again])).code).toBe(0);
    expect(await target.withDb(({ db }) => dumpDatabase(db))).toEqual(sourceDump);
    expect((await runCli(target, ['audit', 'verify', '--head', backedUp.auditHead.hash])).code).toBe(0);
    fs.rmSync(again);
  });

  it('restores a backup from an older schema version and applies the later migrations over its rows', async () => {
    const known = knownMigrations();
    const old = await targets.empty();
    await old.withDb(async ({ db }) => {
      await migrateUpTo(db, known[0]!);
      await sql`insert into people (employee_id, name, email, level, hire_date) values ('OLD1', 'From Before', 'old@corp.test', 'L5', '2020-01-01')`.execute(db);
      // Written as the release at that schema version wrote entries: the payload inside the entry's
      // hash (migration 20261129T2100_audit_details_hash re-hashes it on the way up).
      const entry = { seq: 1, at: new Date('2026-01-01T00:00:00Z'), actorAccountId: null, action: 'person.created', subjectType: 'person', subjectId: 'OLD1', details: {}, prevHash: GENESIS_HASH };
      await sql`insert into audit_events (seq, at, actor_account_id, action, subject_type, subject_id, details, prev_hash, hash)
        values (1, ${entry.at}, null, 'person.created', 'person', 'OLD1', '{}'::jsonb, ${GENESIS_HASH}, ${createHash('sha256').update(canonicalJson(entry)).digest('hex')})`.execute(db);
    });
    const oldFile = path.join(dir, 'old.jsonl.gz');
    expect((await runCli(old, ['backup', oldFile])).code).toBe(0);

    const target = await targets.empty();
    const restored = await runCli(target, ['restore', oldFile, '--format', 'json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout).migrated).toEqual({ before: [known[0]], after: known.slice(1) });
    await target.withDb(async ({ db }) => {
      expect(await appliedMigrations(db)).toEqual(known);
      expect(await db.selectFrom('people').select('employee_id').execute()).toEqual([{ employee_id: 'OLD1' }]);
    });
    expect((await runCli(target, ['audit', 'verify'])).code).toBe(0);

    // A database already past the backup's version would take the rows without the migrations between.
    const migrated = await targets.empty();
    expect((await runCli(migrated, ['migrate'])).code).toBe(0);
    const refused = await runCli(migrated, ['restore', oldFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the database is at a newer schema version');
    expect(await migrated.withDb(({ db }) => db.selectFrom('people').select('id').execute())).toEqual([]);
    fs.rmSync(oldFile);
  });

  it.each<[string, (bytes: Buffer) => Buffer, RegExp]>([
    ['a changed value', (b) => regzip(b, (text) => text.replace('Staff', 'Stuff')), /:\d+: checksum mismatch/u],
    ['a file cut in half', (b) => b.subarray(0, b.length >> 1), /: the file is truncated/u],
    ['a file cut at a line', (b) => regzip(b, (text) => text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1)), /:\d+: the file ends before the end record; it is truncated/u],
    ['a backup from a newer schema', (b) => reseal(b, (lines) => lines.with(0, withFutureMigration(lines[0]!))), /:1: the backup comes from a newer schema version \(migration 29991231T2359_future/u],
    ['a file that is no backup', () => Buffer.from('employee_id,name\n'), /: not a Highbar backup, or corrupt/u],
  ])('refuses %s with exit 2 and writes nothing', async (_what, spoil, message) => {
    const bad = path.join(fs.mkdtempSync(path.join(dir, 'bad-')), 'bad.jsonl.gz');
    fs.writeFileSync(bad, spoil(fs.readFileSync(file)));
    const target = await targets.empty();
    const result = await runCli(target, ['restore', bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(bad)).toBe(true);
    expect(result.stderr).toMatch(message);
    // Nothing written: an embedded folder was not even created, a server database has no table.
    if (target.env.DATABASE_URL) expect(await target.withDb(({ db }) => listTables(db))).toEqual([]);
    else expect(fs.existsSync(target.args[1]!)).toBe(false);
  });

  it('refuses usage mistakes with exit 2', async () => {
    expect((await runCli(source, ['backup'])).code).toBe(2);
    expect((await runCli(source, ['restore', file, 'extra'])).code).toBe(2);
    expect((await runCli(source, ['backup', path.join(dir, 'no-such-folder', 'x.gz')])).code).toBe(2);
    expect((await runCli(targets.embedded(), ['backup', path.join(dir, 'x.gz')])).code).toBe(2);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.gz') || name.endsWith('.partial'))).toEqual(['demo.jsonl.gz']);
  });
});

interface DatabaseDump {
  migrations: string[];
  sequences: { name: string; lastValue: string | null }[];
  tables: Record<string, string[]>;
}

/** Every row of every table as text, sorted; every sequence; the schema version. */
async function dumpDatabase(db: Kysely<DB>): Promise<DatabaseDump> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true), set_config('extra_float_digits', '3', true)`.execute(trx);
    const tables: Record<string, string[]> = {};
    for (const table of await listTables(trx)) {
      const cells = sql.join(table.columns.map((c) => sql`${sql.id(c.name)}::text`));
      const { rows } = await sql<{ r: string }>`select to_json(array[${cells}])::text as r from ${sql.id(table.name)}`.execute(trx);
      tables[table.name] = rows.map((row) => row.r).sort();
    }
    return { migrations: await appliedMigrations(trx), sequences: await listSequences(trx), tables };
  });
}

/** Values a lossy format would bend: escapes and astral characters, microseconds, big numbers, a sequence past the last id. */
async function addAwkwardValues(db: Kysely<DB>) {
  await sql`update people set title = ${'Staff "Engineer"\nsecond line\t\\ 李 😀'} where id = (select min(id) from people)`.execute(db);
  await sql`insert into meta (key, value) values ('backup_test', ${JSON.stringify({ big: 123456789012345678901234567890.5, nested: { z: [1, 'two', null], '': 'empty key' } })}::jsonb)`.execute(db);
  await sql`insert into meta (key, value) values ('backup_big', '123456789012345678901234567890.123456789'::jsonb)`.execute(db);
  await sql`insert into sessions (token_hash, account_id, created_at, last_seen_at, expires_at, ip, user_agent)
    select 'awkward-token', min(id), '2026-11-23 10:00:00.123456+00', '2026-11-23 10:00:00.999999+00', 'infinity', null, ${'ua\u0001'} from accounts`.execute(db);
  await sql`insert into sign_in_attempts (email, ip, at, succeeded) values ('a@x.test', '::1', now(), true), ('b@x.test', '::1', now(), false), ('c@x.test', '::1', now(), false)`.execute(db);
  await sql`delete from sign_in_attempts where email = 'c@x.test'`.execute(db);
}

function withFutureMigration(headerLine: string): string {
  const header = JSON.parse(headerLine);
  return JSON.stringify({ ...header, migrations: [...header.migrations, '29991231T2359_future'] });
}

/** Decompresses, edits the text and recompresses, leaving the old checksum in place. */
function regzip(bytes: Buffer, edit: (text: string) => string): Buffer {
  return gzipSync(edit(gunzipSync(bytes).toString('utf8')));
}

/** Edits the lines and re-seals the checksum, as someone forging a backup would have to. */
function reseal(bytes: Buffer, edit: (lines: string[]) => string[]): Buffer {
  const lines = edit(gunzipSync(bytes).toString('utf8').trimEnd().split('\n'));
  const body = lines.slice(0, -1).map((l) => `${l}\n`).join('');
  const end = { ...JSON.parse(lines.at(-1)!), sha256: createHash('sha256').update(body).digest('hex') };
  return gzipSync(`${body}${JSON.stringify(end)}\n`);
}
