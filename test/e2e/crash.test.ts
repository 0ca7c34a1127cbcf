import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.ts';
import { startDemoServer, type RunningServer } from './server-process.ts';

/**
 * Crash safety: writes under load against the real server, SIGKILL in the middle, restart, and
 * check that every write that got a 2xx is there and that no transaction is half-applied (an
 * account without its audit entry, or an audit entry without its account), on the embedded
 * database and on the PostgreSQL server. Bounded: ROUNDS kills of LOAD_MS of load each, six
 * concurrent writers, loopback only.
 */
const ROUNDS = 3;
const LOAD_MS = 1500;
const ROOT = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Acknowledged {
  accounts: Map<string, number>;
  notes: Set<number>;
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-highbar-csrf': '1', origin: url }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

const writeHeaders = (url: string, cookie: string) => ({ cookie, 'content-type': 'application/json', 'x-highbar-csrf': '1', origin: url });

// Writers keep going until the server dies under them; only answers that arrived count.
async function load(server: RunningServer, acknowledged: Acknowledged, round: number, stop: () => boolean) {
  const adminCookie = await signIn(server.url, server.accounts.admin!, server.demoPassword);
  const employeeCookie = await signIn(server.url, server.accounts.employee!, server.demoPassword);
  const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie: employeeCookie } })).json()) as { personId: number };
  let sequence = 0;
  const accountWriter = async (worker: number) => {
    while (!stop()) {
      const email = `crash-${round}-${worker}-${sequence++}@example.test`;
      try {
        const response = await fetch(`${server.url}/api/accounts`, {
          method: 'POST',
          headers: writeHeaders(server.url, adminCookie),
          body: JSON.stringify({ email, name: `Crash ${round}-${worker}`, password: 'a long crash-test passphrase 2026', roles: ['employee'] }),
        });
        if (response.status === 201) acknowledged.accounts.set(email, ((await response.json()) as { id: number }).id);
      } catch {
        return; // the connection died with the server
      }
    }
  };
  const noteWriter = async (worker: number) => {
    while (!stop()) {
      try {
        const response = await fetch(`${server.url}/api/people/${me.personId}/log`, {
          method: 'POST',
          headers: writeHeaders(server.url, employeeCookie),
          body: JSON.stringify({ kind: 'win', occurredOn: '2026-11-20', body: `Round ${round}, writer ${worker}, note ${sequence++}` }),
        });
        if (response.status === 201) acknowledged.notes.add(((await response.json()) as { id: number }).id);
      } catch {
        return;
      }
    }
  };
  return Promise.all([0, 1, 2].flatMap((w) => [accountWriter(w), noteWriter(w)]));
}

async function crashRounds(target: { dataDir?: string; databaseUrl?: string }, databaseTarget: DatabaseTarget) {
  const acknowledged: Acknowledged = { accounts: new Map(), notes: new Set() };
  for (let round = 0; round < ROUNDS; round++) {
    const server = await startDemoServer(target);
    let stopped = false;
    const writers = load(server, acknowledged, round, () => stopped);
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    await server.kill();
    stopped = true;
    await writers;
  }
  // One more start: the database recovers on its own, then stop cleanly to read it directly.
  const last = await startDemoServer(target);
  await last.stop();

  const database = await openDatabase(databaseTarget);
  try {
    const accounts = await database.db.selectFrom('accounts').select(['id', 'email']).where('email', 'like', 'crash-%').execute();
    // Every account.created entry about a crash-test account, whether or not the account survived.
    const created = (await database.db.selectFrom('audit_events').select(['subject_id', 'details']).where('action', '=', 'account.created').execute()).filter((e) =>
      String((e.details as { email?: string }).email ?? '').startsWith('crash-'),
    );
    const auditedIds = new Set(created.map((e) => Number(e.subject_id)));
    const notes = await database.db.selectFrom('feedback_log').select('id').execute();
    const noteIds = new Set(notes.map((n) => n.id));
    return {
      checked: acknowledged.accounts.size + acknowledged.notes.size,
      lostAccounts: [...acknowledged.accounts.keys()].filter((email) => !accounts.some((a) => a.email === email)),
      lostNotes: [...acknowledged.notes].filter((id) => !noteIds.has(id)),
      accountsWithoutAudit: accounts.filter((a) => !auditedIds.has(a.id)).map((a) => a.email),
      auditWithoutAccount: created.filter((e) => !accounts.some((a) => a.id === Number(e.subject_id))).length,
      crashAccounts: accounts.length,
      acknowledgedAccounts: acknowledged.accounts.size,
    };
  } finally {
    await database.close();
  }
}

function auditVerify(env: NodeJS.ProcessEnv, dataDir: string) {
  return spawnSync(process.execPath, ['bin/highbar.js', 'audit', 'verify', '--data', dataDir, '--format', 'json'], { cwd: ROOT, env, encoding: 'utf8' });
}

describe('crash safety', () => {
  it('keeps every acknowledged write across SIGKILLs on the embedded database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-crash-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const result = await crashRounds({ dataDir }, { kind: 'embedded', dataDir });
    console.log(`crash test (embedded): ${result.checked} acknowledged writes checked over ${ROUNDS} kills`);
    expect(result.checked).toBeGreaterThan(ROUNDS);
    expect(result).toMatchObject({ lostAccounts: [], lostNotes: [], accountsWithoutAudit: [], auditWithoutAccount: 0 });
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const verify = auditVerify(env, dataDir);
    expect(verify.status, verify.stderr).toBe(0);
  }, 300_000);

  it('keeps every acknowledged write across SIGKILLs on the PostgreSQL server', async () => {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('TEST_DATABASE_URL is not set: run through scripts/with-postgres.sh (npm test does)');
    const name = `highbar_crash_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    cleanups.push(async () => {
      const cleanup = new pg.Client({ connectionString: admin });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    });
    const result = await crashRounds({ databaseUrl: url.toString() }, { kind: 'server', url: url.toString() });
    console.log(`crash test (PostgreSQL): ${result.checked} acknowledged writes checked over ${ROUNDS} kills`);
    expect(result.checked).toBeGreaterThan(ROUNDS);
    expect(result).toMatchObject({ lostAccounts: [], lostNotes: [], accountsWithoutAudit: [], auditWithoutAccount: 0 });
    const verify = auditVerify({ ...process.env, DATABASE_URL: url.toString() }, os.tmpdir());
    expect(verify.status, verify.stderr).toBe(0);
  }, 300_000);
});
