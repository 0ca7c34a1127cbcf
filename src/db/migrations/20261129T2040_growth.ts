import { sql, type Kysely } from 'kysely';

const id = (c: any) => c.primaryKey().generatedByDefaultAsIdentity();
const now = sql`now()`;

/**
 * Between cycles (issue 10): quarterly goals, check-ins, the living evidence document's own
 * items, development plans, the manager calibration workshop, team-health pulses and skip-level
 * notes. Pulse answers are stored only as counts per team, question and value: there is no row
 * holding one person's answers, so no query, backup or administrator can trace an answer back.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A goal belongs to a person or to a team, for one quarter ('2026-Q4').
  await db.schema
    .createTable('goals')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id'))
    .addColumn('quarter', 'text', (c) => c.notNull().check(sql`quarter ~ '^[0-9]{4}-Q[1-4]$'`))
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('measurable_result', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_started').check(sql`status in ('not_started', 'on_track', 'at_risk', 'achieved', 'partly', 'missed', 'dropped')`))
    .addColumn('evidence_links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('outcome', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('goals_one_owner', sql`(person_id is null) <> (team_id is null)`)
    .execute();
  await db.schema.createIndex('goals_person_quarter').on('goals').columns(['person_id', 'quarter']).execute();
  await db.schema.createIndex('goals_team_quarter').on('goals').columns(['team_id', 'quarter']).execute();

  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('manager_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    // The cadence agreed for the next one: it sets when that one falls due.
    .addColumn('cadence', 'text', (c) => c.notNull().check(sql`cadence in ('monthly', 'quarterly')`))
    .addColumn('notes', 'text', (c) => c.notNull())
    // The manager raised a concern: counts for calibration's "no surprises" rule.
    .addColumn('concern', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('agenda', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('plan_id', 'integer')
    .addColumn('plan_follow_up', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('check_ins_person').on('check_ins').columns(['person_id', 'held_on']).execute();
  await db.schema.createIndex('check_ins_manager').on('check_ins').columns(['manager_id', 'held_on']).execute();

  // What people add to a living document by hand; the rest is assembled from the system.
  await db.schema
    .createTable('living_document_items')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('section', 'text', (c) => c.notNull().check(sql`section in ('goals', 'shipped', 'incidents', 'slo', 'peerThemes', 'growth', 'multiplier')`))
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('highlight', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('living_document_items_person').on('living_document_items').columns(['person_id', 'occurred_on']).execute();
  // Assembled items the pair chose to leave out of the document (a goal that was abandoned, a note that does not belong).
  await db.schema
    .createTable('living_document_exclusions')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('living_document_exclusions_pk', ['person_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('development_plans')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('review_cycles.id').onDelete('cascade'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('system_behaviour', 'text', (c) => c.notNull())
    .addColumn('measurable_outcome', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull().check(sql`quarter ~ '^[0-9]{4}-Q[1-4]$'`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'done')`))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('development_plans_person_cycle', ['person_id', 'cycle_id'])
    .execute();

  await db.schema
    .createTable('calibration_workshops')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scale', 'jsonb', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull().check(sql`metric in ('ordinal', 'interval')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'revealed')`))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('revealed_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('workshop_packets')
    .addColumn('id', 'integer', id)
    .addColumn('workshop_id', 'integer', (c) => c.notNull().references('calibration_workshops.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addUniqueConstraint('workshop_packets_position', ['workshop_id', 'position'])
    .execute();
  await db.schema
    .createTable('workshop_raters')
    .addColumn('workshop_id', 'integer', (c) => c.notNull().references('calibration_workshops.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('workshop_raters_pk', ['workshop_id', 'account_id'])
    .execute();
  await db.schema
    .createTable('workshop_ratings')
    .addColumn('packet_id', 'integer', (c) => c.notNull().references('workshop_packets.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('workshop_ratings_pk', ['packet_id', 'account_id'])
    .execute();

  // Team health. The survey pins its minimum group size, so a later policy edit cannot
  // unmask a pulse that was answered under a larger minimum.
  await db.schema
    .createTable('pulse_surveys')
    .addColumn('id', 'integer', id)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('questions', 'jsonb', (c) => c.notNull())
    .addColumn('min_group_size', 'integer', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable('pulse_teams')
    .addColumn('pulse_id', 'integer', (c) => c.notNull().references('pulse_surveys.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
    .addPrimaryKeyConstraint('pulse_teams_pk', ['pulse_id', 'team_id'])
    .execute();
  // Who has answered, never what: it refuses a second answer and nothing else.
  await db.schema
    .createTable('pulse_participation')
    .addColumn('pulse_id', 'integer', (c) => c.notNull().references('pulse_surveys.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('pulse_participation_pk', ['pulse_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('pulse_team_respondents')
    .addColumn('pulse_id', 'integer', (c) => c.notNull().references('pulse_surveys.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pulse_team_respondents_pk', ['pulse_id', 'team_id'])
    .execute();
  await db.schema
    .createTable('pulse_tallies')
    .addColumn('pulse_id', 'integer', (c) => c.notNull().references('pulse_surveys.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pulse_tallies_pk', ['pulse_id', 'team_id', 'question_key', 'value'])
    .execute();

  await db.schema
    .createTable('skip_level_notes')
    .addColumn('id', 'integer', id)
    .addColumn('leader_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('skip_level_notes_person').on('skip_level_notes').columns(['person_id', 'held_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'skip_level_notes',
    'pulse_tallies',
    'pulse_team_respondents',
    'pulse_participation',
    'pulse_teams',
    'pulse_surveys',
    'workshop_ratings',
    'workshop_raters',
    'workshop_packets',
    'calibration_workshops',
    'development_plans',
    'living_document_exclusions',
    'living_document_items',
    'check_ins',
    'goals',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
