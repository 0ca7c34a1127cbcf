import { sql, type Kysely } from 'kysely';

const id = (c: any) => c.primaryKey().generatedByDefaultAsIdentity();
const now = sql`now()`;

/**
 * OLR: managers' proposals, calibration sessions with their calibrators and pre-meeting votes, the
 * calibrated rating of each person, and every change made to it. Ratings are rows that change
 * (with a version for optimistic concurrency); the history of how they changed lives in
 * rating_changes and in the hash-chained audit log, written in the same transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rating_proposals')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('performance', 'integer')
    .addColumn('potential', 'integer')
    .addColumn('principles', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('justification', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('submitted_at', 'timestamptz')
    .addUniqueConstraint('rating_proposals_cycle_person', ['cycle_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('calibration_sessions')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('root_person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'finalised', 'delivered')`))
    .addColumn('blind', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finalised_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('calibration_sessions_cycle').on('calibration_sessions').column('cycle_id').execute();

  await db.schema
    .createTable('calibration_calibrators')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('calibration_sessions.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('calibration_calibrators_pk', ['session_id', 'account_id'])
    .execute();

  // One row per person calibrated: what the manager proposed, and where calibration has it now.
  await db.schema
    .createTable('calibrated_ratings')
    .addColumn('id', 'integer', id)
    .addColumn('session_id', 'integer', (c) => c.notNull().references('calibration_sessions.id').onDelete('cascade'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('manager_id', 'integer', (c) => c.references('people.id'))
    .addColumn('proposed_performance', 'integer', (c) => c.notNull())
    .addColumn('proposed_potential', 'integer', (c) => c.notNull())
    .addColumn('proposed_ov', 'text', (c) => c.notNull())
    .addColumn('performance', 'integer', (c) => c.notNull())
    .addColumn('potential', 'integer', (c) => c.notNull())
    .addColumn('ov', 'text', (c) => c.notNull().check(sql`ov in ('TT', 'HV3', 'HV2', 'HV1', 'LE')`))
    .addColumn('forte_summary', 'text', (c) => c.notNull())
    .addColumn('evidence_dimensions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('calibrated_ratings_cycle_person', ['cycle_id', 'person_id'])
    .execute();
  await db.schema.createIndex('calibrated_ratings_session').on('calibrated_ratings').columns(['session_id', 'ov']).execute();
  await db.schema.createIndex('calibrated_ratings_person').on('calibrated_ratings').column('person_id').execute();

  await db.schema
    .createTable('calibration_votes')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('calibration_sessions.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('vote', 'text', (c) => c.notNull().check(sql`vote in ('agree', 'questions', 'abstain')`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('calibration_votes_pk', ['session_id', 'person_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('rating_changes')
    .addColumn('id', 'integer', id)
    .addColumn('session_id', 'integer', (c) => c.notNull().references('calibration_sessions.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('from_performance', 'integer', (c) => c.notNull())
    .addColumn('from_potential', 'integer', (c) => c.notNull())
    .addColumn('from_ov', 'text', (c) => c.notNull())
    .addColumn('to_performance', 'integer', (c) => c.notNull())
    .addColumn('to_potential', 'integer', (c) => c.notNull())
    .addColumn('to_ov', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('evidence_to_change_mind', 'text')
    .addColumn('approved_by', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('changed_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('rating_changes_person').on('rating_changes').columns(['person_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rating_changes', 'calibration_votes', 'calibrated_ratings', 'calibration_calibrators', 'calibration_sessions', 'rating_proposals']) {
    await db.schema.dropTable(table).execute();
  }
}
