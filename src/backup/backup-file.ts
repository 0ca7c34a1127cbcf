import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../shared/errors.ts';
import { BackupLineError, initialReadState, readBackupLine, type BackupItem, type EndRecord } from './backup-format.rules.ts';

const CHUNK_CHARS = 1 << 16;
// A row longer than this is not something a writer produced; stop before it exhausts memory.
const MAX_LINE_CHARS = 256 * 1024 * 1024;

/**
 * Writes items as a backup file: encoded, checksummed and gzipped into a temporary file beside
 * the target, flushed to disk, then renamed over it. A failure at any point leaves no partial
 * file, and an older backup of the same name stays intact until the new one is complete.
 */
export async function writeBackupFile(file: string, items: AsyncIterable<Exclude<BackupItem, { kind: 'end' }>>): Promise<{ bytes: number; rows: Record<string, number> }> {
  const rows: Record<string, number> = {};
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  async function* encode(): AsyncGenerator<string> {
    const hash = createHash('sha256');
    let table = '';
    let pending = '';
    for await (const item of items) {
      let line: string;
      if (item.kind === 'header') line = JSON.stringify(item.header);
      else if (item.kind === 'table') {
        table = item.name;
        rows[table] = 0;
        line = JSON.stringify({ type: 'table', name: item.name });
      } else {
        rows[table] = (rows[table] ?? 0) + 1;
        line = item.text;
      }
      pending += `${line}\n`;
      if (pending.length >= CHUNK_CHARS) {
        hash.update(pending);
        yield pending;
        pending = '';
      }
    }
    hash.update(pending);
    const end: EndRecord = { type: 'end', rows, sha256: hash.digest('hex') };
    yield `${pending}${JSON.stringify(end)}\n`;
  }
  try {
    await pipeline(Readable.from(encode()), createGzip(), fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
    const fd = fs.openSync(temporary, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return { bytes: fs.statSync(file).size, rows };
}

/**
 * Reads a backup file item by item, in constant memory. Throws BACKUP_INVALID (`FILE:LINE:
 * reason`) for anything a writer would not have produced: not gzip, truncated, a bad line, or
 * a checksum that does not match. The end item comes only after the checksum matched.
 */
export async function* readBackupFile(file: string): AsyncGenerator<BackupItem> {
  const invalid = (where: string, reason: string) => new AppError('BACKUP_INVALID', { detail: `${file}${where}: ${reason}` });
  const state = initialReadState();
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let line = 0;
  // The callback form returns the last stream, which the read stream's errors also destroy.
  const stream = pipelineCallback(fs.createReadStream(file), createGunzip(), () => undefined);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const lines = (partial + decoder.write(chunk)).split('\n');
      partial = lines.pop()!;
      if (partial.length > MAX_LINE_CHARS) throw invalid(`:${line + 1}`, 'a line longer than any backup holds');
      for (const text of lines) {
        line += 1;
        const item = readBackupLine(state, text, line);
        if (item.kind === 'end') {
          const actual = hash.digest('hex');
          if (actual !== item.end.sha256) throw invalid(`:${line}`, `checksum mismatch: the content hashes to ${actual}, the end record says ${item.end.sha256}; the file is corrupt`);
        } else hash.update(`${text}\n`);
        yield item;
      }
    }
  } catch (error) {
    if (error instanceof BackupLineError) throw invalid(`:${error.line}`, error.reason);
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR') throw invalid('', 'not a Highbar backup, or corrupt (not valid gzip data)');
    if (code === 'Z_BUF_ERROR') throw invalid('', 'the file is truncated (the compressed data ends early)');
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw invalid('', `cannot read the file (${code})`);
    throw error;
  } finally {
    // Also when the consumer stops early (a refused restore): release the file at once.
    stream.destroy();
  }
  if (partial + decoder.end() !== '' || !state.ended) {
    throw invalid(`:${line + 1}`, 'the file ends before the end record; it is truncated');
  }
}
