import { sql, type Kysely } from 'kysely';

const id = (c: any) => c.primaryKey().generatedByDefaultAsIdentity();
const now = sql`now()`;

/**
 * People analytics. Uploaded datasets are kept apart from the people tables, as the file was
 * sent (bytea, bounded by the upload limit), with its column summary: they are never joined to
 * anyone's record. Disclosures remember, per reader, the populations and group members of the
 * groups that earlier bias audits showed, so that a later audit cannot be subtracted from them to
 * reveal a group below the minimum size (src/analytics/disclosure.rules.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_datasets')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('columns', 'jsonb', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analytics_datasets_uploaded_by').on('analytics_datasets').column('uploaded_by').execute();

  await db.schema
    .createTable('analytics_disclosures')
    .addColumn('id', 'integer', id)
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // What was audited ('ratings:cycle:12', 'people', 'session:3') and how it was grouped.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    // The report's population and the group's members in it (person ids, sorted), and a digest
    // of both for de-duplication.
    .addColumn('population', 'jsonb', (c) => c.notNull())
    .addColumn('members', 'jsonb', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('first_shown_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_shown_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('analytics_disclosures_set', ['account_id', 'source', 'dimension', 'value', 'digest'])
    .execute();
  await db.schema
    .createIndex('analytics_disclosures_lookup')
    .on('analytics_disclosures')
    .columns(['account_id', 'source', 'dimension', 'last_shown_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_disclosures').execute();
  await db.schema.dropTable('analytics_datasets').execute();
}
