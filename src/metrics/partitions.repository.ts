import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { PARTITIONED_TABLES } from '../db/migrations/20261129T2020_metrics.ts';

export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

/** One organisation per installation today; every event row carries it (see the migration). */
export const ORG_ID = 1;

/** `commits_p2024_01` for the month of an epoch-ms moment. */
export function partitionName(table: PartitionedTable, ms: number): string {
  const d = new Date(ms);
  return `${table}_p${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Creates the month partitions that rows at these moments need, before they are inserted.
 * Without them the rows would land in the default partition, which works but is slower to
 * query. Rows already in the default partition for that month (a restored backup) are moved
 * into the new partition in the same transaction.
 */
export async function ensureMonthPartitions(trx: Kysely<DB> | Transaction<DB>, table: PartitionedTable, moments: Iterable<number>): Promise<void> {
  // Checked in the catalog every time: a partition cached by a transaction that later rolled
  // back would not exist. One cheap query per table and batch.
  const months = new Map<string, number>();
  for (const ms of moments) {
    const name = partitionName(table, ms);
    if (!months.has(name)) months.set(name, Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1));
  }
  if (!months.size) return;
  const { rows } = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname = any(${[...months.keys()]}::text[])`.execute(trx);
  for (const row of rows) months.delete(row.relname);
  for (const [name, start] of [...months].sort()) {
    const from = new Date(start).toISOString();
    const to = new Date(Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 1)).toISOString();
    const parent = sql.raw(table);
    const partition = sql.raw(name);
    const fallback = sql.raw(`${table}_default`);
    const { rows: stray } = await sql<{ n: number }>`select count(*)::int as n from ${fallback} where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz`.execute(trx);
    if ((stray[0]?.n ?? 0) === 0) {
      await sql`create table if not exists ${partition} partition of ${parent} for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
    } else {
      // PostgreSQL refuses a partition whose rows sit in the default one: move them first.
      await sql`create table ${partition} (like ${parent} including defaults including constraints)`.execute(trx);
      await sql`with moved as (delete from ${fallback} where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz returning *)
        insert into ${partition} select * from moved`.execute(trx);
      await sql`alter table ${parent} attach partition ${partition} for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
    }
  }
}
