import { sql, type Kysely } from 'kysely';

/**
 * What the backup reads from PostgreSQL's own catalog rather than from a hand-kept list, so a
 * table another feature adds tomorrow is backed up without anyone remembering to.
 */
export interface CatalogTable {
  name: string;
  /** Stored columns in order; generated columns are left out, the database recomputes them. */
  columns: { name: string; type: string }[];
  primaryKey: string[];
}

/** The application's tables (partitioned parents, not their partitions), by name. */
export async function listTables(db: Kysely<any>): Promise<CatalogTable[]> {
  const { rows } = await sql<{ name: string; column: string; type: string; pk: number | null }>`
    select c.relname as name, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
           array_position(i.indkey::int2[], a.attnum) as pk
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    left join pg_index i on i.indrelid = c.oid and i.indisprimary
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
      -- Kysely's own bookkeeping: the backup records the migration names in its header instead.
      and c.relname not in ('kysely_migration', 'kysely_migration_lock')
    order by c.relname, a.attnum`.execute(db);
  const tables = new Map<string, CatalogTable & { pkOrder: [number, string][] }>();
  for (const row of rows) {
    const table = tables.get(row.name) ?? { name: row.name, columns: [], primaryKey: [], pkOrder: [] };
    tables.set(row.name, table);
    table.columns.push({ name: row.column, type: row.type });
    if (row.pk !== null) table.pkOrder.push([row.pk, row.column]);
  }
  return [...tables.values()].map(({ pkOrder, ...table }) => ({
    ...table,
    primaryKey: pkOrder.sort((a, b) => a[0] - b[0]).map(([, column]) => column),
  }));
}

/** Every sequence's position, as text (int8); null for a sequence never used. */
export async function listSequences(db: Kysely<any>): Promise<{ name: string; lastValue: string | null }[]> {
  const { rows } = await sql<{ name: string; lastValue: string | null }>`
    select sequencename as name, last_value::text as "lastValue"
    from pg_sequences where schemaname = current_schema() order by sequencename`.execute(db);
  return rows;
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/** Foreign keys as `pg_get_constraintdef` writes them, so they can be dropped and re-added. */
export async function listForeignKeys(db: Kysely<any>): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select c.relname as table, con.conname as name, pg_get_constraintdef(con.oid) as definition
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where con.contype = 'f' and con.conparentid = 0 and n.nspname = current_schema()
    order by c.relname, con.conname`.execute(db);
  return rows;
}

export interface UserTrigger {
  table: string;
  name: string;
  /** pg_trigger.tgenabled: O (origin), A (always) or R (replica); disabled ones are not listed. */
  enabled: 'O' | 'A' | 'R';
}

/** Enabled triggers written by migrations (not the ones PostgreSQL makes for constraints). */
export async function listUserTriggers(db: Kysely<any>): Promise<UserTrigger[]> {
  const { rows } = await sql<UserTrigger>`
    select c.relname as table, t.tgname as name, t.tgenabled as enabled
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where not t.tgisinternal and t.tgenabled <> 'D' and t.tgparentid = 0 and n.nspname = current_schema()
    order by c.relname, t.tgname`.execute(db);
  return rows;
}

/** The tables among `names` that hold at least one row. */
export async function tablesWithRows(db: Kysely<any>, names: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(name)} limit 1`.execute(db);
    if (rows.length > 0) found.push(name);
  }
  return found;
}

/** Migrations applied to the database, oldest first; none when it was never migrated. */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const { rows: exists } = await sql<{ found: boolean }>`select to_regclass('kysely_migration') is not null as found`.execute(db);
  if (!exists[0]?.found) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}
