import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { openDatabase } from './database.ts';
import { AppError } from '../shared/errors.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts another process that holds the lock on `dir` until killed. */
async function holdLockInAnotherProcess(dir: string): Promise<ChildProcess> {
  const script = `
    import { acquireDataDirLock } from ${JSON.stringify(path.resolve(import.meta.dirname, 'data-dir-lock.ts'))};
    acquireDataDirLock(${JSON.stringify(dir)});
    console.log('locked');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'highbar-lock-'));

describe('data folder lock', () => {
  it('refuses a second process with a message naming the holder, before the database is touched', async () => {
    const dir = tempDir();
    const holder = await holdLockInAnotherProcess(dir);
    const error = await openDatabase({ kind: 'embedded', dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATA_DIR_LOCKED');
    expect((error as AppError).detail).toContain(`process ${holder.pid}`);
    expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
  });

  it('takes over a lock left behind by a process that died', async () => {
    const dir = tempDir();
    const holder = await holdLockInAnotherProcess(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'highbar.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'highbar.lock'))).toBe(false);
  });
});
