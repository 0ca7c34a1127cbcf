import { sql, type Kysely } from 'kysely';

const id = (c: any) => c.primaryKey().generatedByDefaultAsIdentity();
const now = sql`now()`;
const STAGES = sql`('identified', 'focus', 'pivot', 'pip', 'pip_failed', 'appeal', 'kept', 'left_tier1', 'left_tier2', 'terminated')`;

/**
 * The attrition pipeline (issue 6): one case per person in the Focus / Pivot / PIP process, with
 * the process state as a document and its stage and deadline as columns for the board and the
 * deadline job; every step taken; every read of a case (who read whose record, when); exits and
 * per-organisation URA targets; and internal transfer requests, which Focus can block.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pipeline_cases')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('policies.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('rating', 'manual')`))
    .addColumn('cycle_id', 'integer', (c) => c.references('review_cycles.id'))
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ${STAGES}`))
    .addColumn('stage_entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('opened_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One open case per person: a second identification while one runs is refused.
  await db.schema.createIndex('pipeline_cases_open_person').on('pipeline_cases').column('person_id').unique().where(sql.ref('closed_at'), 'is', null).execute();
  await db.schema.createIndex('pipeline_cases_person').on('pipeline_cases').column('person_id').execute();
  await db.schema.createIndex('pipeline_cases_due').on('pipeline_cases').column('due_at').where(sql.ref('closed_at'), 'is', null).execute();

  await db.schema
    .createTable('pipeline_events')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('pipeline_cases.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('actor_account_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('capacity', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pipeline_events_case').on('pipeline_events').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('pipeline_access_log')
    .addColumn('id', 'integer', id)
    .addColumn('reader_account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('case_id', 'integer', (c) => c.references('pipeline_cases.id'))
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pipeline_access_log_case').on('pipeline_access_log').columns(['case_id', 'at']).execute();
  await db.schema.createIndex('pipeline_access_log_person').on('pipeline_access_log').columns(['person_id', 'at']).execute();

  await db.schema
    .createTable('exits')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('exit_date', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voluntary', 'involuntary')`))
    .addColumn('regretted', 'boolean', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.references('pipeline_cases.id'))
    .addColumn('recorded_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('exits_person_date', ['person_id', 'exit_date'])
    .execute();
  await db.schema.createIndex('exits_date').on('exits').column('exit_date').execute();

  await db.schema
    .createTable('ura_targets')
    .addColumn('root_person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('target_percent', 'numeric(5, 2)', (c) => c.notNull().check(sql`target_percent >= 0 and target_percent <= 100`))
    .addColumn('set_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('ura_targets_pk', ['root_person_id', 'year'])
    .execute();

  await db.schema
    .createTable('transfer_requests')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('to_manager_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('requested').check(sql`status in ('requested', 'approved', 'declined', 'withdrawn')`))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('transfer_requests_person').on('transfer_requests').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['transfer_requests', 'ura_targets', 'exits', 'pipeline_access_log', 'pipeline_events', 'pipeline_cases']) {
    await db.schema.dropTable(table).execute();
  }
}
