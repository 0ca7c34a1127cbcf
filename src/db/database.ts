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
  /** Connections of the server pool by state; null for the embedded database (one connection). */
  poolStats: (() => { total: number; idle: number; waiting: number }) | null;
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

// Below this size a parameterised statement is prepared once per connection and reused: the
// server then skips parsing and planning, about half of its work for the short statements that
// serve each request. Larger texts (bulk inserts of varying row counts) are sent as they are, so
// a connection never accumulates thousands of one-off prepared statements.
const PREPARE_MAX_SQL_LENGTH = 8_000;
const PREPARE_MAX_PER_CONNECTION = 500;

/** A pg client that turns each repeated parameterised statement into a named prepared statement. */
class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();

  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && config.length <= PREPARE_MAX_SQL_LENGTH) {
      let name = this.#names.get(config);
      if (name === undefined && this.#names.size < PREPARE_MAX_PER_CONNECTION) {
        name = `hb${this.#names.size}`;
        this.#names.set(config, name);
      }
      if (name !== undefined) return (super.query as (...a: unknown[]) => never)({ name, text: config, values }, callback);
    }
    return (super.query as (...a: unknown[]) => never)(config, values, callback);
  }
}

/** Opens the database a target names; the embedded folder is locked to this process. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'server') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, Client: PreparingClient });
    // An idle connection dropped by the server (a restart, a failover, an administrator) is
    // replaced on next use; without a listener it would crash the process.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL dropped an idle connection: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, target, pglite: null, poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }), close: () => db.destroy() };
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
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: yieldingToEventLoop(pglite) }) });
  return {
    db,
    target,
    pglite,
    poolStats: null,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}

/**
 * PGlite runs the database on this thread, and a chain of queries resolved through promises never
 * lets the event loop poll its sockets: under load, new connections waited seconds for their
 * first read. Each query and transaction therefore starts a turn of the event loop later, so
 * incoming requests are read between database steps. Other members pass straight through (bound
 * to the instance, whose private fields a proxy cannot reach).
 */
function yieldingToEventLoop(pglite: PGlite): PGlite {
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  return new Proxy(pglite, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'query' || property === 'transaction') {
        return async (...args: unknown[]) => {
          await nextTurn();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
