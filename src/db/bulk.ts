import { sql, type RawBuilder } from 'kysely';

/** Splits rows into batches that stay well under PostgreSQL's 65,535 bind parameters. */
export function chunk<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * `(VALUES (...), (...)) AS alias(col, ...)` for joining a batch of rows into an UPDATE.
 * Every cell is cast to its column's type so a batch of nulls still types correctly.
 */
export function valuesTable(
  alias: string,
  columns: { name: string; type: string }[],
  rows: unknown[][],
): RawBuilder<unknown> {
  const tuples = rows.map(
    (row) => sql`(${sql.join(row.map((cell, i) => sql`${cell}::${sql.raw(columns[i]!.type)}`))})`,
  );
  return sql`(values ${sql.join(tuples)}) as ${sql.raw(alias)}(${sql.raw(columns.map((c) => c.name).join(', '))})`;
}
