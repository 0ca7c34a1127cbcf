import pg from 'pg';
import type fc from 'fast-check';
import { Kysely, PGliteDialect, PostgresDialect, type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';

/**
 * A second handle on a test database whose every statement, transaction start and commit first
 * waits for a fast-check scheduler to let it go. Scheduling promises alone over a real database
 * would only reorder when requests start; parking each statement lets the scheduler choose which
 * request takes its next database step, so a read in one request can fall between another's
 * read and write, which is where lost updates and check-then-act races live.
 *
 * Outside `run` the handle passes straight through (set-up and assertions are not scheduled).
 */
export interface ScheduledDatabase {
  db: Kysely<DB>;
  /** Runs the actors under the scheduler and resolves when every one of them has finished. */
  run<T>(scheduler: fc.Scheduler, actors: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]>;
  /** A point of the actor's own (dispatching a request, reading its response) the scheduler orders too. */
  park(label: string): Promise<void>;
  close(): Promise<void>;
}

// How long every actor may be blocked (on a row lock, or PGlite's single connection held by a
// parked transaction) before the scheduler releases one of the parked ones anyway.
const QUIET_MS = 4;
// A run that takes longer than this is stuck: fail with the scheduler's report, never hang.
const RUN_DEADLINE_MS = 30_000;

export function scheduledDatabase(database: Database): ScheduledDatabase {
  let active: fc.Scheduler | null = null;
  const park = (label: string): Promise<void> => (active ? active.schedule(Promise.resolve(), label).then(() => undefined) : Promise.resolve());
  const inner: Dialect = database.pglite
    ? new PGliteDialect({ pglite: database.pglite })
    : new PostgresDialect({ pool: teardownTolerantPool((database.target as { url: string }).url) });
  const db = new Kysely<DB>({ dialect: parkingDialect(inner, park) });

  async function run<T>(scheduler: fc.Scheduler, actors: (() => Promise<T>)[]) {
    active = scheduler;
    let live = actors.length;
    const all = Promise.allSettled(actors.map((actor) => actor().finally(() => live--)));
    let settled = false;
    void all.then(() => (settled = true));
    const started = Date.now();
    try {
      while (!settled) {
        if (Date.now() - started > RUN_DEADLINE_MS) throw new Error(`scheduled run stuck after ${RUN_DEADLINE_MS} ms:\n${scheduler.report().map((t) => `${t.status} ${t.label}`).join('\n')}`);
        // Release one parked step only once every live actor is parked, or the ones that are not
        // have been blocked for QUIET_MS: then the scheduler's choice, not timing, decides.
        const waitedFrom = Date.now();
        while (!settled && scheduler.count() < live && Date.now() - waitedFrom < QUIET_MS) await new Promise((resolve) => setImmediate(resolve));
        if (settled) break;
        if (scheduler.count() > 0) await scheduler.waitNext(1);
        else await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return await all;
    } finally {
      active = null;
    }
  }

  return {
    db,
    run,
    park,
    async close() {
      // On PGlite the dialect shares the test's instance, which the test closes itself.
      if (!database.pglite) await db.destroy();
    },
  };
}

/**
 * The test database is dropped WITH (FORCE) when the file ends; a connection an interleaving left
 * checked out is then terminated by the server, and pg reports that as an 'error' event on the
 * client. Queries still reject as usual; the event itself must not become an uncaught exception.
 */
function teardownTolerantPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const ignoreTermination = (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  };
  pool.on('error', ignoreTermination);
  pool.on('connect', (client) => client.on('error', ignoreTermination));
  return pool;
}

function parkingDialect(inner: Dialect, park: (label: string) => Promise<void>): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: () => new ParkingDriver(inner.createDriver(), park),
  };
}

class ParkingDriver implements Driver {
  readonly #inner: Driver;
  readonly #park: (label: string) => Promise<void>;
  readonly #unwrap = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(inner: Driver, park: (label: string) => Promise<void>) {
    this.#inner = inner;
    this.#park = park;
  }

  init() {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.#inner.acquireConnection();
    const park = this.#park;
    const wrapped: DatabaseConnection = {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        await park(query.sql.slice(0, 60));
        return connection.executeQuery<R>(query);
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    this.#unwrap.set(wrapped, connection);
    return wrapped;
  }

  #original(connection: DatabaseConnection): DatabaseConnection {
    return this.#unwrap.get(connection) ?? connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await this.#park('begin');
    return this.#inner.beginTransaction(this.#original(connection), settings);
  }

  async commitTransaction(connection: DatabaseConnection) {
    await this.#park('commit');
    return this.#inner.commitTransaction(this.#original(connection));
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(this.#original(connection));
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.#inner.releaseConnection(this.#original(connection));
  }

  destroy() {
    return this.#inner.destroy();
  }
}
