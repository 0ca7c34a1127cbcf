import { sql, type Kysely } from 'kysely';

/**
 * How many people of each calibration session hold each OV rating, kept by the writes that change
 * it (opening or syncing a session, each adjustment) in the same transaction. A move on a board of
 * 50,000 people then updates two rows instead of counting 50,000; the adjust path still counts
 * from calibrated_ratings for a session that has no rows here. Existing sessions are counted now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calibration_counts')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('calibration_sessions.id').onDelete('cascade'))
    .addColumn('ov', 'text', (c) => c.notNull().check(sql`ov in ('TT', 'HV3', 'HV2', 'HV1', 'LE')`))
    .addColumn('n', 'integer', (c) => c.notNull().check(sql`n >= 0`))
    .addPrimaryKeyConstraint('calibration_counts_pk', ['session_id', 'ov'])
    .execute();
  await sql`insert into calibration_counts (session_id, ov, n) select session_id, ov, count(*) from calibrated_ratings group by session_id, ov`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calibration_counts').execute();
}
