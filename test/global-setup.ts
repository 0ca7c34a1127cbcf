import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureDefaultLadder } from '../src/people/ladders.service.ts';
import { ensurePresetPolicies } from '../src/policy/policy.service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates once per run: a PGlite snapshot that each test file loads (no initdb per file), or
 * a template database that each file clones on the PostgreSQL server.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.HIGHBAR_TEST_DB ?? project.config.env?.HIGHBAR_TEST_DB;
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set: run the suite through `npm test` (scripts/with-postgres.sh starts a server).');
    const template = `highbar_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const database = await openDatabase({ kind: 'server', url: withDatabase(url, template) });
    await migrateToLatest(database.db);
    await ensureDefaultLadder(database.db);
    await ensurePresetPolicies(database.db);
    await database.close();
    project.provide('postgresTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`).catch(() => undefined);
      await admin.end();
    };
  }
  const database = await openDatabase({ kind: 'embedded-memory' });
  await migrateToLatest(database.db);
  await ensureDefaultLadder(database.db);
  await ensurePresetPolicies(database.db);
  const blob = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-test-')), 'snapshot.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
