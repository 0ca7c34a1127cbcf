import pg from 'pg';

/**
 * Throwaway databases on the PostgreSQL server a benchmark measures: created per measurement,
 * dropped at the end, so runs never see each other's data.
 */
export function serverDatabases(serverUrl: string | undefined, log: (text: string) => void) {
  const created: string[] = [];

  async function withServer<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  }

  /** Creates a database and returns its URL. */
  async function create(database: string): Promise<string> {
    await withServer((client) => client.query(`create database ${database}`));
    created.push(database);
    const url = new URL(serverUrl!);
    url.pathname = `/${database}`;
    return url.toString();
  }

  async function dropAll(): Promise<void> {
    if (!created.length) return;
    await withServer(async (client) => {
      for (const database of created) await client.query(`drop database if exists ${database} with (force)`);
    }).catch((error: unknown) => log(`could not drop bench databases: ${String(error)}`));
  }

  return { withServer, create, dropAll };
}
