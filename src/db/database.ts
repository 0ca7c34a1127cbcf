import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DB } from './schema.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

/** Where the data lives: an embedded PGlite folder or a PostgreSQL server URL. */
export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'embedded-memory'; loadDataDir?: Blob }
  | { kind: 'server'; url: string; poolSize?: number };

export interface Database {
  db: Kysely<DB>;
  target: DatabaseTarget;
  /** The raw PGlite instance, for backups and test snapshots; null on a server. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the process time zone.
// int8 and numeric become numbers: counts and sums here are far below 2^53.
const parsers = {
  [DATE_OID]: (value: string) => value,
  [INT8_OID]: (value: string) => Number(value),
  [NUMERIC_OID]: (value: string) => Number(value),
};

pg.types.setTypeParser(DATE_OID, parsers[DATE_OID]);
pg.types.setTypeParser(INT8_OID, parsers[INT8_OID]);
pg.types.setTypeParser(NUMERIC_OID, parsers[NUMERIC_OID]);

/** Opens the database a target names; the embedded folder is locked to this process. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'server') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection dropped by the server (a restart, a failover, an administrator) is
    // replaced on next use; without a listener it would crash the process.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL dropped an idle connection: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, target, pglite: null, close: () => db.destroy() };
  }

  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  if (target.kind === 'embedded') {
    fs.mkdirSync(target.dataDir, { recursive: true });
    lock = acquireDataDirLock(target.dataDir);
    try {
      pglite = await PGlite.create({ dataDir: path.join(target.dataDir, 'pgdata'), parsers });
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = await PGlite.create({ loadDataDir: target.loadDataDir, parsers });
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    target,
    pglite,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}
