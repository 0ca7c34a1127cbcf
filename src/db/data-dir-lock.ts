import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors.ts';

export interface DataDirLock {
  release(): void;
}

/**
 * PGlite gives one process exclusive use of its folder; a second writer would corrupt it.
 * A lock file holding the owner's pid keeps a second process out; a lock left by a dead
 * process is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, 'highbar.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // A process that opens and closes the folder many times (tests, scripts) must not pile up exit hooks.
        process.removeListener('exit', release);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new AppError('DATA_DIR_LOCKED', {
          detail:
            `The data folder ${dataDir} is in use by process ${owner} (probably a running ` +
            `\`highbar serve\`). Stop that process first, use the server's web app or API, or ` +
            `set DATABASE_URL to a PostgreSQL server that several processes can share.`,
        });
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { detail: `Could not lock the data folder ${dataDir}.` });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
