import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';

/**
 * The durability contract of docs/operations.md rests on the PostgreSQL server's fsync and
 * synchronous_commit: `highbar serve` reads them as its connection sees them (here a database-level
 * setting), refuses to start in production when they break the contract, and warns otherwise.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const admin = process.env.TEST_DATABASE_URL;
let databaseName = '';
let databaseUrl = '';

async function onServer(statement: string) {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run through scripts/with-postgres.sh (npm test does)');
  databaseName = `highbar_durability_${randomBytes(4).toString('hex')}`;
  await onServer(`create database ${databaseName}`);
  await onServer(`alter database ${databaseName} set synchronous_commit = off`);
  const url = new URL(admin);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
});

afterAll(async () => {
  if (admin && databaseName) await onServer(`drop database if exists ${databaseName} with (force)`);
});

const serveEnv = (extra: NodeJS.ProcessEnv) => ({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...extra });

describe('the durability check at start', () => {
  it('refuses production on a database with synchronous_commit off, naming the setting and the way out', () => {
    const run = spawnSync(process.execPath, ['bin/highbar.js', 'serve', '--port', '0'], { cwd: ROOT, env: serveEnv({ NODE_ENV: 'production' }), encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stdout).toBe(2);
    expect(run.stderr).toContain('synchronous_commit is off');
    expect(run.stderr).toContain('HIGHBAR_ALLOW_UNSAFE_DURABILITY=1');
    expect(run.stdout).not.toContain('Highbar is running');
  });

  it('starts in production when the operator accepts the risk, and warns', async () => {
    const child = spawn(process.execPath, ['bin/highbar.js', 'serve', '--port', '0'], { cwd: ROOT, env: serveEnv({ NODE_ENV: 'production', HIGHBAR_ALLOW_UNSAFE_DURABILITY: '1' }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toContain('Highbar is running');
      expect(stderr).toMatch(/^Warning: synchronous_commit is off/mu);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
