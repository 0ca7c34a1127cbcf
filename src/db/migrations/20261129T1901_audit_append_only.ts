import { sql, type Kysely } from 'kysely';

/**
 * The audit log is append-only in the database itself, not only by convention in the code:
 * UPDATE, DELETE and TRUNCATE on audit_events are refused for every role that has not first
 * disabled the triggers (which only the table's owner can do, and which `highbar audit verify`
 * would then catch through the hash chain and the head kept outside the database).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function highbar_refuse_audit_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`create trigger audit_events_append_only before update or delete on audit_events for each row execute function highbar_refuse_audit_change()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events for each statement execute function highbar_refuse_audit_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop trigger audit_events_append_only on audit_events`.execute(db);
  await sql`drop function highbar_refuse_audit_change()`.execute(db);
}
