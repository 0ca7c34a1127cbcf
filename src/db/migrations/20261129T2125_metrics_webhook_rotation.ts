import { sql, type Kysely } from 'kysely';

/**
 * Webhook secret rotation (docs/metrics.md, "Webhooks"): a rotated source keeps its previous
 * secret until `previous_valid_until`, so senders can switch to the new secret without losing
 * deliveries; `rotated_at` tells administrators when it last changed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_sources
    add column previous_secret text,
    add column previous_valid_until timestamptz,
    add column rotated_at timestamptz,
    add constraint webhook_sources_previous_pair check ((previous_secret is null) = (previous_valid_until is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_sources drop constraint webhook_sources_previous_pair,
    drop column previous_secret, drop column previous_valid_until, drop column rotated_at`.execute(db);
}
