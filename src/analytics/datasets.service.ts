import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { appendAuditEvent } from '../audit/audit.service.ts';
import { MAX_DATASET_ROWS, MAX_DATASETS_PER_ACCOUNT, type Dataset } from '../shared/schemas/analytics.ts';
import { parseCsvTable, type CsvTable } from './csv-table.ts';
import { compareText } from './suppression.ts';
import { authorizeHrAnalytics, datasetsVisibleTo } from './analytics.access.ts';

/** Columns with this many values or fewer list them, so a page can offer them as choices. */
const LISTED_VALUES = 30;

/** Each column's number of distinct values, and the values themselves when there are few. */
export function summariseColumns(table: CsvTable): Dataset['columns'] {
  return table.header.map((name, i) => {
    const values = new Set(table.rows.map((r) => r.cells[i]!));
    return { name, distinct: values.size, values: values.size <= LISTED_VALUES ? [...values].sort(compareText) : null };
  });
}

/**
 * Stores an HR export as an analytics dataset: checked whole like the CLI reads it, bounded in
 * size and number, kept apart from the people tables and never joined to them. Audited.
 */
export async function uploadDataset(
  db: Kysely<DB>,
  options: { actor: Actor; bytes: Uint8Array; fileName: string; name?: string; now: Date; requestId?: string },
): Promise<Dataset> {
  const { actor } = options;
  authorizeHrAnalytics(actor);
  const parsed = parseCsvTable(options.bytes);
  if (!parsed.ok) {
    const errors = parsed.problems.slice(0, 200).map((p) => ({ path: `${options.fileName}:${p.line}: column ${p.column}`, message: p.reason }));
    throw new AppError('IMPORT_INVALID', { detail: `${options.fileName} has ${parsed.problems.length} problem(s); nothing was stored.`, errors });
  }
  const rows = parsed.table.rows.length;
  if (rows === 0 || rows > MAX_DATASET_ROWS) {
    throw new AppError('IMPORT_INVALID', { detail: rows === 0 ? `${options.fileName} has a header but no rows; nothing was stored.` : `${options.fileName} has ${rows} rows; a dataset holds at most ${MAX_DATASET_ROWS}.` });
  }
  const name = options.name ?? (options.fileName.replace(/\.csv$/iu, '') || 'Dataset');
  return db.transaction().execute(async (trx) => {
    const { n } = await trx.selectFrom('analytics_datasets').select((eb) => eb.fn.countAll<number>().as('n')).where('uploaded_by', '=', actor.accountId).executeTakeFirstOrThrow();
    if (Number(n) >= MAX_DATASETS_PER_ACCOUNT) {
      throw new AppError('CONFLICT', { detail: `You have ${MAX_DATASETS_PER_ACCOUNT} datasets, the most one person may keep; delete one first.`, extra: { rule: 'DATASET_LIMIT' } });
    }
    const { id } = await trx
      .insertInto('analytics_datasets')
      .values({
        name,
        file_name: options.fileName,
        uploaded_by: actor.accountId,
        uploaded_at: options.now,
        row_count: rows,
        byte_size: options.bytes.byteLength,
        columns: JSON.stringify(summariseColumns(parsed.table)),
        content: options.bytes,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, {
      actorAccountId: actor.accountId,
      action: 'analytics.dataset.uploaded',
      subjectType: 'analytics_dataset',
      subjectId: id,
      requestId: options.requestId,
      details: { name, fileName: options.fileName, rows, bytes: options.bytes.byteLength },
      at: options.now,
    });
    return (await selectDatasets(trx, actor).where('d.id', '=', id).execute()).map(presentDataset)[0]!;
  });
}

function selectDatasets(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('analytics_datasets as d')
    .innerJoin('accounts as a', 'a.id', 'd.uploaded_by')
    .select(['d.id', 'd.name', 'd.file_name', 'd.row_count', 'd.byte_size', 'd.columns', 'd.uploaded_at', 'a.id as uploader_id', 'a.name as uploader_name'])
    .where(datasetsVisibleTo(actor));
}

type DatasetRow = Awaited<ReturnType<ReturnType<typeof selectDatasets>['execute']>>[number];

function presentDataset(row: DatasetRow): Dataset {
  return {
    id: row.id,
    name: row.name,
    fileName: row.file_name,
    rows: row.row_count,
    bytes: row.byte_size,
    columns: row.columns,
    uploadedAt: row.uploaded_at.toISOString(),
    uploadedBy: { id: row.uploader_id, name: row.uploader_name },
  };
}

/** The datasets the actor may use, newest first. */
export async function listDatasets(db: Kysely<DB>, options: { actor: Actor }): Promise<{ datasets: Dataset[] }> {
  authorizeHrAnalytics(options.actor);
  const rows = await selectDatasets(db, options.actor).orderBy('d.uploaded_at', 'desc').orderBy('d.id', 'desc').execute();
  return { datasets: rows.map(presentDataset) };
}

/** One dataset's summary; 404 when it does not exist or is not the actor's to see. */
export async function getDataset(db: Kysely<DB>, options: { actor: Actor; datasetId: number }): Promise<Dataset> {
  authorizeHrAnalytics(options.actor);
  const row = await selectDatasets(db, options.actor).where('d.id', '=', options.datasetId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No dataset ${options.datasetId}.` });
  return presentDataset(row);
}

/** A dataset's table, for analysis. */
export async function readDatasetTable(db: Kysely<DB>, options: { actor: Actor; datasetId: number }): Promise<{ fileName: string; table: CsvTable }> {
  authorizeHrAnalytics(options.actor);
  const row = await db.selectFrom('analytics_datasets as d').select(['d.file_name', 'd.content']).where('d.id', '=', options.datasetId).where(datasetsVisibleTo(options.actor)).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `No dataset ${options.datasetId}.` });
  const parsed = parseCsvTable(row.content);
  // It parsed when it was stored, and stored bytes do not change.
  if (!parsed.ok) throw new Error(`dataset ${options.datasetId} no longer parses`);
  return { fileName: row.file_name, table: parsed.table };
}

/** Deletes a dataset the actor may see. Audited. */
export async function deleteDataset(db: Kysely<DB>, options: { actor: Actor; datasetId: number; now: Date; requestId?: string }): Promise<void> {
  const dataset = await getDataset(db, options);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('analytics_datasets').where('id', '=', dataset.id).execute();
    await appendAuditEvent(trx, {
      actorAccountId: options.actor.accountId,
      action: 'analytics.dataset.deleted',
      subjectType: 'analytics_dataset',
      subjectId: dataset.id,
      requestId: options.requestId,
      details: { name: dataset.name, rows: dataset.rows },
      at: options.now,
    });
  });
}
