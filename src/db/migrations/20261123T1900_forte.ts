import { sql, type Kysely } from 'kysely';

const id = (c: any) => c.primaryKey().generatedByDefaultAsIdentity();
const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  // Policies are versioned documents; a cycle pins one version for its whole life.
  await db.schema
    .createTable('policies')
    .addColumn('id', 'integer', id)
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('policies_key_version', ['key', 'version'])
    .execute();

  await db.schema
    .createTable('review_cycles')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('root_person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('policies.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'launched', 'closed')`))
    // Deadlines per phase, { self_review: ISO, ... }; a phase runs from the previous deadline to its own.
    .addColumn('deadlines', 'jsonb', (c) => c.notNull())
    // The questions and LP list as launched: locked, so answers always match their questions.
    .addColumn('questions', 'jsonb', (c) => c.notNull())
    .addColumn('launched_at', 'timestamptz')
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  // Who takes part, and who their manager was at launch: later org changes do not rewrite the cycle.
  await db.schema
    .createTable('cycle_participants')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('manager_id', 'integer', (c) => c.references('people.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'left')`))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addColumn('left_at', 'timestamptz')
    .addPrimaryKeyConstraint('cycle_participants_pk', ['cycle_id', 'person_id'])
    .execute();
  await sql`create index cycle_participants_path on cycle_participants (cycle_id, path text_pattern_ops)`.execute(db);

  await db.schema
    .createTable('self_reviews')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('principles', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('submitted_at', 'timestamptz')
    .addUniqueConstraint('self_reviews_cycle_person', ['cycle_id', 'person_id'])
    .execute();

  // One row per (subject, reviewer): nominated by the subject, approved by the manager (or
  // requested by the manager directly), then accepted or declined by the reviewer.
  await db.schema
    .createTable('peer_requests')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('nominated_by', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('nominated', 'requested', 'accepted', 'declined', 'withdrawn', 'submitted')`),
    )
    .addColumn('decline_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('peer_requests_pair', ['cycle_id', 'subject_id', 'reviewer_id'])
    .addCheckConstraint('peer_requests_not_self', sql`subject_id <> reviewer_id`)
    .execute();
  await db.schema.createIndex('peer_requests_reviewer').on('peer_requests').columns(['reviewer_id', 'cycle_id']).execute();

  await db.schema
    .createTable('peer_feedback')
    .addColumn('id', 'integer', id)
    .addColumn('request_id', 'integer', (c) => c.notNull().unique().references('peer_requests.id').onDelete('cascade'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    // What the recipient sees as the feedback's id: random, so neither ids nor order reveal who or when.
    .addColumn('public_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('superpowers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('improvements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lps_championed', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('lps_to_improve', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('submitted_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('peer_feedback_subject').on('peer_feedback').columns(['cycle_id', 'subject_id']).execute();

  await db.schema
    .createTable('manager_reviews')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('strengths', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('growth_areas', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('submitted_at', 'timestamptz')
    .addUniqueConstraint('manager_reviews_cycle_person', ['cycle_id', 'person_id'])
    .execute();

  // Continuous feedback: written at the time, outside any cycle.
  await db.schema
    .createTable('feedback_log')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('decision', 'win', 'miss', 'support', 'feedback')`))
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('feedback_log_person').on('feedback_log').columns(['person_id', 'occurred_on']).execute();

  // In-app notifications double as the outbox an email adapter drains (emailed_at).
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigint', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('read_at', 'timestamptz')
    .addColumn('emailed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_person').on('notifications').columns(['person_id', 'created_at']).execute();
  await sql`create unique index notifications_dedupe on notifications (person_id, dedupe_key) where dedupe_key is not null`.execute(db);
  await sql`create index notifications_outbox on notifications (id) where emailed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'feedback_log', 'manager_reviews', 'peer_feedback', 'peer_requests', 'self_reviews', 'cycle_participants', 'review_cycles', 'policies']) {
    await db.schema.dropTable(table).execute();
  }
}
