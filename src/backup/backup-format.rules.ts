import { z } from 'zod';

/**
 * The backup file: gzip-compressed JSON Lines. Line 1 is the header (schema version, tables and
 * their columns, sequence values); then, table by table in header order, a `{"type":"table"}`
 * line followed by one JSON array per row holding each column's PostgreSQL text form (or null);
 * the last line is the end record with row counts and the SHA-256 of every byte before it.
 * Text forms are what COPY uses, so every type round-trips exactly, on PGlite and on a server.
 */
export const BACKUP_FORMAT = 'highbar-backup';
export const BACKUP_FORMAT_VERSION = 1;

const columnSchema = z.object({ name: z.string().min(1), type: z.string().min(1) });

export const backupHeaderSchema = z.object({
  type: z.literal('header'),
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  source: z.enum(['embedded', 'server']),
  postgresVersion: z.string(),
  /** Applied migrations, in order: the schema version the rows belong to. */
  migrations: z.array(z.string().min(1)),
  tables: z.array(z.object({ name: z.string().min(1), columns: z.array(columnSchema).min(1) })),
  /** Sequence positions as decimal text (int8 does not fit a JSON number); null when never used. */
  sequences: z.array(z.object({ name: z.string().min(1), lastValue: z.string().regex(/^-?\d+$/u).nullable() })),
  auditHead: z.object({ entries: z.number().int().nonnegative(), seq: z.number().int().nullable(), hash: z.string() }),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

const tableRecordSchema = z.object({ type: z.literal('table'), name: z.string().min(1) });
export const endRecordSchema = z.object({
  type: z.literal('end'),
  rows: z.record(z.string(), z.number().int().nonnegative()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
});
export type EndRecord = z.infer<typeof endRecordSchema>;

export type BackupItem =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; name: string }
  | { kind: 'row'; table: string; text: string }
  | { kind: 'end'; end: EndRecord };

/** A problem at one line of the (decompressed) backup. */
export class BackupLineError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** Where the reader is: it accepts exactly the sequence of lines a writer produces. */
export interface BackupReadState {
  header: BackupHeader | null;
  /** Index into header.tables of the current section; -1 before the first. */
  table: number;
  rows: Record<string, number>;
  ended: boolean;
}

export const initialReadState = (): BackupReadState => ({ header: null, table: -1, rows: {}, ended: false });

/** Reads one line, advancing `state` in place; throws BackupLineError for anything a writer would not have written. */
export function readBackupLine(state: BackupReadState, text: string, line: number): BackupItem {
  if (state.ended) throw new BackupLineError(line, 'data after the end record');
  const value = parseJson(text, line);
  if (!state.header) {
    state.header = parseHeader(value, line);
    return { kind: 'header', header: state.header };
  }
  const tables = state.header.tables;
  if (Array.isArray(value)) {
    const table = tables[state.table];
    if (!table) throw new BackupLineError(line, 'a row before the first table section');
    if (value.length !== table.columns.length || !value.every((cell) => cell === null || typeof cell === 'string')) {
      throw new BackupLineError(line, `a row of ${table.name} must be ${table.columns.length} text-or-null cells`);
    }
    state.rows[table.name] = (state.rows[table.name] ?? 0) + 1;
    return { kind: 'row', table: table.name, text };
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (type === 'table') {
    const record = parseRecord(tableRecordSchema, value, line);
    const expected = tables[state.table + 1];
    if (record.name !== expected?.name) {
      throw new BackupLineError(line, `expected the section of ${expected?.name ?? 'no further table'}, found ${record.name}`);
    }
    state.table += 1;
    state.rows[record.name] = 0;
    return { kind: 'table', name: record.name };
  }
  if (type === 'end') {
    const end = parseRecord(endRecordSchema, value, line);
    if (state.table !== tables.length - 1) throw new BackupLineError(line, `the end record comes before the section of ${tables[state.table + 1]!.name}`);
    for (const table of tables) {
      if (end.rows[table.name] !== state.rows[table.name]) {
        throw new BackupLineError(line, `${table.name} should have ${end.rows[table.name] ?? 'no'} rows, the file holds ${state.rows[table.name]}`);
      }
    }
    state.ended = true;
    return { kind: 'end', end };
  }
  throw new BackupLineError(line, 'not a row, a table section or the end record');
}

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupLineError(line, 'not valid JSON');
  }
}

function parseHeader(value: unknown, line: number): BackupHeader {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupLineError(line, 'not a Highbar backup (no highbar-backup header)');
  const version = (value as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    throw new BackupLineError(line, `backup format ${version} comes from a newer Highbar (this one reads format ${BACKUP_FORMAT_VERSION}); upgrade Highbar first`);
  }
  const header = parseRecord(backupHeaderSchema, value, line);
  const names = header.tables.map((t) => t.name);
  if (new Set(names).size !== names.length) throw new BackupLineError(line, 'the header lists a table twice');
  return header;
}

function parseRecord<T>(schema: z.ZodType<T>, value: unknown, line: number): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupLineError(line, `${issue.path.join('.') || 'record'}: ${issue.message}`);
  }
  return parsed.data;
}
