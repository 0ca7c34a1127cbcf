import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DurabilitySettings } from './durability.rules.ts';

/** The durability settings of the server as this connection sees them (role and database settings included). */
export async function readDurabilitySettings(db: Kysely<DB>): Promise<DurabilitySettings> {
  const { rows } = await sql<DurabilitySettings>`select current_setting('fsync') as "fsync", current_setting('synchronous_commit') as "synchronousCommit"`.execute(db);
  return rows[0]!;
}
