import { sql, type Kysely } from 'kysely';

/**
 * When each session's user last proved their password (sign-in or re-authentication), so
 * pipeline, calibration and demographic routes can ask for a recent proof (ASVS 5.0 level 3).
 * Nullable on purpose: a session row without a proof counts as stale, never as fresh. Existing
 * sessions were opened with a password, so their proof is their creation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('password_verified_at', 'timestamptz').execute();
  await sql`update sessions set password_verified_at = created_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('password_verified_at').execute();
}
