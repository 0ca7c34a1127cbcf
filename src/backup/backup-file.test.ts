import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readBackupFile, writeBackupFile } from './backup-file.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type BackupItem } from './backup-format.rules.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-backup-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => path.join(dir, `b${++n}.jsonl.gz`);

const header: BackupHeader = {
  type: 'header',
  format: BACKUP_FORMAT,
  formatVersion: BACKUP_FORMAT_VERSION,
  createdAt: '2026-11-23T10:00:00.000Z',
  source: 'embedded',
  postgresVersion: '18.6',
  migrations: ['20261123T1800_foundation'],
  tables: [
    { name: 'people', columns: [{ name: 'id', type: 'integer' }, { name: 'title', type: 'text' }] },
    { name: 'teams', columns: [{ name: 'id', type: 'integer' }] },
  ],
  sequences: [{ name: 'people_id_seq', lastValue: '9007199254740993' }],
  auditHead: { entries: 0, seq: null, hash: '0'.repeat(64) },
};
const ROWS = ['["1","Line\\nbreak \\"quoted\\" 李 😀"]', '["2",null]'];

async function* items(rows = ROWS): AsyncGenerator<Exclude<BackupItem, { kind: 'end' }>> {
  yield { kind: 'header', header };
  yield { kind: 'table', name: 'people' };
  for (const text of rows) yield { kind: 'row', table: 'people', text };
  yield { kind: 'table', name: 'teams' };
}

async function readAll(file: string): Promise<BackupItem[]> {
  const out: BackupItem[] = [];
  for await (const item of readBackupFile(file)) out.push(item);
  return out;
}

/** The decompressed lines of a file, for surgery. */
const linesOf = (file: string) => gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');

/** Writes lines as a backup, re-sealing the end record's checksum unless told not to. */
function writeLines(lines: string[], reseal = true): string {
  const body = lines.slice(0, -1).map((l) => `${l}\n`).join('');
  const end = JSON.parse(lines.at(-1)!);
  if (reseal) end.sha256 = createHash('sha256').update(body).digest('hex');
  const file = fresh();
  fs.writeFileSync(file, gzipSync(`${body}${JSON.stringify(end)}\n`));
  return file;
}

async function refusal(file: string): Promise<string> {
  try {
    await readAll(file);
  } catch (error) {
    return (error as { code?: string; detail?: string }).code === 'BACKUP_INVALID' ? (error as { detail: string }).detail : `unexpected: ${String(error)}`;
  }
  return 'accepted';
}

describe('backup files', () => {
  it('round-trip header, sections and rows, with row counts and a checksum at the end', async () => {
    const file = fresh();
    const written = await writeBackupFile(file, items());
    expect(written.rows).toEqual({ people: 2, teams: 0 });
    const read = await readAll(file);
    expect(read.slice(0, -1)).toEqual([{ kind: 'header', header }, { kind: 'table', name: 'people' }, ...ROWS.map((text) => ({ kind: 'row', table: 'people', text })), { kind: 'table', name: 'teams' }]);
    expect(read.at(-1)).toMatchObject({ kind: 'end', end: { rows: { people: 2, teams: 0 }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/u) } });
    expect(linesOf(file)).toHaveLength(6);
  });

  it('replace an older file only once the new one is complete, and leave nothing on failure', async () => {
    const file = fresh();
    await writeBackupFile(file, items());
    const before = fs.readFileSync(file);
    async function* failing(): AsyncGenerator<Exclude<BackupItem, { kind: 'end' }>> {
      yield { kind: 'header', header };
      throw new Error('the database went away');
    }
    await expect(writeBackupFile(file, failing())).rejects.toThrow('the database went away');
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('refuse a file cut short anywhere: mid-stream, or at a line without its end record', async () => {
    const file = fresh();
    await writeBackupFile(file, items());
    const bytes = fs.readFileSync(file);
    const cut = fresh();
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await refusal(cut)).toContain('truncated');
    const lines = linesOf(file);
    const noEnd = fresh();
    fs.writeFileSync(noEnd, gzipSync(lines.slice(0, -1).map((l) => `${l}\n`).join('')));
    expect(await refusal(noEnd)).toBe(`${noEnd}:6: the file ends before the end record; it is truncated`);
  });

  it('refuse a changed byte by its checksum', async () => {
    const file = fresh();
    await writeBackupFile(file, items());
    const lines = linesOf(file);
    lines[2] = lines[2]!.replace('"1"', '"7"');
    const changed = writeLines(lines, false);
    expect(await refusal(changed)).toMatch(new RegExp(`^${changed}:6: checksum mismatch`, 'u'));
  });

  it('refuse what is not a backup', async () => {
    const plain = fresh();
    fs.writeFileSync(plain, 'employee_id,name\n');
    expect(await refusal(plain)).toContain('not valid gzip data');
    const other = fresh();
    fs.writeFileSync(other, gzipSync('{"hello":"world"}\n'));
    expect(await refusal(other)).toBe(`${other}:1: not a Highbar backup (no highbar-backup header)`);
    expect(await refusal(path.join(dir, 'missing.jsonl.gz'))).toContain('cannot read the file (ENOENT)');
  });

  it('refuse a newer format with a message that says so', async () => {
    const file = fresh();
    await writeBackupFile(file, items());
    const lines = linesOf(file);
    lines[0] = JSON.stringify({ ...header, formatVersion: BACKUP_FORMAT_VERSION + 1 });
    expect(await refusal(writeLines(lines))).toContain('comes from a newer Highbar');
  });

  it.each<[string, (lines: string[]) => string[], string]>([
    ['a row with too few cells', (l) => l.with(2, '["1"]'), ':3: a row of people must be 2 text-or-null cells'],
    ['a row with a number cell', (l) => l.with(2, '[1,"x"]'), ':3: a row of people must be 2 text-or-null cells'],
    ['a row before any section', (l) => [l[0]!, l[2]!, ...l.slice(1)], ':2: a row before the first table section'],
    ['sections out of header order', (l) => [l[0]!, l[4]!, l[1]!, l[2]!, l[3]!, l[5]!], ':2: expected the section of people, found teams'],
    ['a missing section', (l) => [...l.slice(0, 4), l[5]!], ':5: the end record comes before the section of teams'],
    ['a row count that disagrees', (l) => [...l.slice(0, 3), ...l.slice(4)], ':5: people should have 2 rows, the file holds 1'],
    ['a line that is not JSON', (l) => l.with(3, '["2",nul'), ':4: not valid JSON'],
  ])('refuse %s, naming the line', async (_what, change, expected) => {
    const file = fresh();
    await writeBackupFile(file, items());
    const broken = writeLines(change(linesOf(file)));
    expect(await refusal(broken)).toBe(`${broken}${expected}`);
  });

  it('refuse data after the end record', async () => {
    const file = fresh();
    await writeBackupFile(file, items());
    const lines = linesOf(file);
    const extended = fresh();
    fs.writeFileSync(extended, gzipSync([...lines, lines[2]!].map((l) => `${l}\n`).join('')));
    expect(await refusal(extended)).toBe(`${extended}:7: data after the end record`);
  });
});
