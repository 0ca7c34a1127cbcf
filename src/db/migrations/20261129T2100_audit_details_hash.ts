import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * The audit chain hashes each payload's hash instead of the payload (details_hash), so a
 * person's data can be erased from an entry's details and the chain still verifies.
 *
 * Existing entries are re-hashed under the new formula: the migration first checks the chain
 * under the old one and refuses to run on a broken chain (re-hashing would hide the damage),
 * then rewrites details_hash, prev_hash and hash in order, and appends an `audit.chain.rehashed`
 * entry naming the head before, so an operator can match it against the head they kept and keep
 * the new one (docs/operations.md). The append-only trigger is lifted inside this migration only.
 *
 * The append-only rule then admits exactly one kind of UPDATE: details replaced by the erasure
 * marker `{"erased": true, "at": "<ISO instant>"}` with every other column unchanged, on an
 * entry not already erased. DELETE and TRUNCATE stay refused.
 *
 * The hash formulas are frozen copies: this migration must keep doing what it did when the code
 * that hashes new entries changes.
 */
const GENESIS = '0'.repeat(64);
const BATCH = 2000;

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Row {
  seq: string | number;
  at: Date;
  actor_account_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function fields(row: Row) {
  return { seq: Number(row.seq), at: row.at, actorAccountId: row.actor_account_id, action: row.action, subjectType: row.subject_type, subjectId: row.subject_id };
}

async function* batches(db: Kysely<any>): AsyncGenerator<Row[]> {
  let after: number | null = null;
  for (;;) {
    const rows: Row[] = (
      await sql<Row>`select seq, at, actor_account_id, action, subject_type, subject_id, details, prev_hash, hash from audit_events
        where ${after === null ? sql`true` : sql`seq > ${after}`} order by seq limit ${BATCH}`.execute(db)
    ).rows;
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows.at(-1)!.seq);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events add column details_hash text`.execute(db);

  // 1. The chain as it stands must verify under the old formula (payload hashed in the entry).
  let previous = { seq: 0, hash: GENESIS };
  for await (const rows of batches(db)) {
    for (const row of rows) {
      const seq = Number(row.seq);
      const oldHash = sha256(canonical({ ...fields(row), details: row.details, prevHash: row.prev_hash }));
      if (seq !== previous.seq + 1 || row.prev_hash !== previous.hash || oldHash !== row.hash) {
        throw new Error(
          `the audit chain is broken at entry ${seq} (run \`highbar audit verify\` on the previous release); ` +
            'this migration re-hashes the chain and will not do so over a broken one',
        );
      }
      previous = { seq, hash: row.hash };
    }
  }
  const before = previous;

  // 2. Re-hash in order under the new formula, past the append-only trigger.
  await sql`alter table audit_events disable trigger audit_events_append_only`.execute(db);
  let prevHash = GENESIS;
  for await (const rows of batches(db)) {
    const values = rows.map((row) => {
      const detailsHash = sha256(canonical(row.details));
      const hash = sha256(canonical({ ...fields(row), detailsHash, prevHash }));
      const value = sql`(${Number(row.seq)}::bigint, ${detailsHash}, ${prevHash}, ${hash})`;
      prevHash = hash;
      return value;
    });
    await sql`update audit_events a set details_hash = v.details_hash, prev_hash = v.prev_hash, hash = v.hash
      from (values ${sql.join(values)}) as v(seq, details_hash, prev_hash, hash) where a.seq = v.seq`.execute(db);
  }
  await sql`alter table audit_events enable trigger audit_events_append_only`.execute(db);
  await sql`alter table audit_events alter column details_hash set not null`.execute(db);
  await sql`alter table audit_events add constraint audit_events_details_hash_hex check (details_hash ~ '^[0-9a-f]{64}$')`.execute(db);

  // 3. The append-only rule, with its one exception: erasing a payload.
  await sql`
    create or replace function highbar_refuse_audit_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and (to_jsonb(new) - 'details') = (to_jsonb(old) - 'details')
        and jsonb_typeof(new.details) = 'object'
        and (select array_agg(k order by k) from jsonb_object_keys(new.details) as k) = array['at', 'erased']
        and new.details -> 'erased' = 'true'::jsonb
        and jsonb_typeof(new.details -> 'at') = 'string'
        and not (old.details ? 'erased' and old.details -> 'erased' = 'true'::jsonb)
      then
        return new;
      end if;
      raise exception 'audit_events is append-only: % refused (only erasing a payload is allowed)', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);

  // 4. Name the head before, for anyone holding it outside the database.
  if (before.seq > 0) {
    const at = new Date();
    const details = { previousHead: before.hash, previousEntries: before.seq, reason: 'the chain now hashes each payload\'s hash (details_hash) so payloads can be erased' };
    const detailsHash = sha256(canonical(details));
    const seq = before.seq + 1;
    const entry = { seq, at, actorAccountId: null, action: 'audit.chain.rehashed', subjectType: 'audit', subjectId: null, detailsHash, prevHash };
    await sql`insert into audit_events (seq, at, actor_account_id, action, subject_type, subject_id, request_id, details, details_hash, prev_hash, hash)
      values (${seq}, ${at}, null, 'audit.chain.rehashed', 'audit', null, null, ${JSON.stringify(details)}::jsonb, ${detailsHash}, ${prevHash}, ${sha256(canonical(entry))})`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  // The old formula cannot be restored without the erased payloads, so the hashes stay as the new
  // formula wrote them: going down drops the erasure exception and the column, and an audit
  // verify by the old release then reports the chain as changed (restore a backup to go back).
  await sql`
    create or replace function highbar_refuse_audit_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`alter table audit_events drop column details_hash`.execute(db);
}
