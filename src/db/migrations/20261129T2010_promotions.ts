import { sql, type Kysely } from 'kysely';

const id = (c: any) => c.primaryKey().generatedByDefaultAsIdentity();
const now = sql`now()`;

/**
 * Promotions and compensation (issue 7). Ladder levels gain a version so the admin editor can
 * refuse stale saves. A promotion packet pins the policy version it was opened under; its six
 * sections are rows of their own, each with a version, so two people editing different sections
 * never conflict and the same section never loses text. Packet history lives in
 * promotion_events and the audit log. Pay is a history of changes with the grants and sign-on
 * payments they made; money is bigint cents (read back as numbers: far below 2^53).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ladder_levels').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  await db.schema
    .createTable('promotion_packets')
    .addColumn('id', 'integer', id)
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('policies.id'))
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('to_level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'committee_review', 'approved', 'not_approved')`))
    .addColumn('decision_feedback', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('promotion_packets_candidate').on('promotion_packets').column('candidate_id').execute();
  // One open case per person at a time; decided packets stay as history.
  await sql`create unique index promotion_packets_one_open on promotion_packets (candidate_id) where status in ('draft', 'submitted', 'committee_review')`.execute(db);

  await db.schema
    .createTable('promotion_sections')
    .addColumn('packet_id', 'integer', (c) => c.notNull().references('promotion_packets.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('promotion_sections_pk', ['packet_id', 'section'])
    .execute();

  await db.schema
    .createTable('promotion_committee')
    .addColumn('packet_id', 'integer', (c) => c.notNull().references('promotion_packets.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('promotion_committee_pk', ['packet_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('promotion_votes')
    .addColumn('packet_id', 'integer', (c) => c.notNull().references('promotion_packets.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('vote', 'text', (c) => c.notNull().check(sql`vote in ('approve', 'not_yet', 'abstain')`))
    .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('promotion_votes_pk', ['packet_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('promotion_events')
    .addColumn('id', 'integer', id)
    .addColumn('packet_id', 'integer', (c) => c.notNull().references('promotion_packets.id').onDelete('cascade'))
    .addColumn('actor_account_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('promotion_events_packet').on('promotion_events').columns(['packet_id', 'id']).execute();

  await db.schema
    .createTable('compensation_changes')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('hire', 'merit', 'promotion', 'refresh', 'retention', 'boomerang', 'departure')`))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('base_cents', 'bigint', (c) => c.notNull().check(sql`base_cents >= 0`))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('approved_by', 'integer', (c) => c.references('people.id'))
    .addColumn('packet_id', 'integer', (c) => c.references('promotion_packets.id'))
    .addColumn('recorded_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('compensation_changes_person').on('compensation_changes').columns(['person_id', 'effective_on', 'id']).execute();

  await db.schema
    .createTable('equity_grants')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('change_id', 'integer', (c) => c.notNull().references('compensation_changes.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('grant_date', 'date', (c) => c.notNull())
    .addColumn('shares', 'bigint', (c) => c.notNull().check(sql`shares > 0`))
    .addColumn('price_cents', 'bigint', (c) => c.notNull().check(sql`price_cents > 0`))
    // [{ on: 'YYYY-MM-DD', shares }], summing to `shares`.
    .addColumn('tranches', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equity_grants_person').on('equity_grants').column('person_id').execute();

  await db.schema
    .createTable('sign_on_payments')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('change_id', 'integer', (c) => c.notNull().references('compensation_changes.id'))
    .addColumn('pay_on', 'date', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sign_on_payments_person').on('sign_on_payments').column('person_id').execute();

  await db.schema
    .createTable('share_prices')
    .addColumn('id', 'integer', id)
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('price_cents', 'bigint', (c) => c.notNull().check(sql`price_cents > 0`))
    .addColumn('recorded_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['share_prices', 'sign_on_payments', 'equity_grants', 'compensation_changes', 'promotion_events', 'promotion_votes', 'promotion_committee', 'promotion_sections', 'promotion_packets']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('ladder_levels').dropColumn('version').execute();
}
