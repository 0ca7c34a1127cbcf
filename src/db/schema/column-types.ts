import type { ColumnType } from 'kysely';

/** Column types shared by the feature table blocks; tables are written by hand to match the migrations. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T> = ColumnType<T, string, string>;

// Partitioned event tables: ids are bigint, read as numbers (src/db/database.ts).
export type Bigint = ColumnType<number, number | undefined, number>;
export type Org = ColumnType<number, number | undefined, number>;
export type Ts = ColumnType<Date, Date | string, Date | string>;
export type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
